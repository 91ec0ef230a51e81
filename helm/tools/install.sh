#!/usr/bin/env bash
# Installs what helm/test/chart.test.ts needs, from the Go module proxy, into ~/.cache/sipflow/go
# (kept between runs: a second run with everything present only checks): helm and kubeconform
# built from their Go modules, and the Kubernetes API's OpenAPI document and the Prometheus
# Operator's CRDs from theirs (the test turns both into JSON schemas offline).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
toolchain="$here/toolchain.json"
field() { node -e "const t=require(process.argv[1]);process.stdout.write(String(process.argv[2].split('.').reduce((o,k)=>o[k],t)))" "$toolchain" "$1"; }

GO="${GO:-$(command -v go || echo /usr/local/go/bin/go)}"
if ! [ -x "$GO" ]; then
  echo "helm/tools/install.sh: Go $(field go.minimum)+ is needed (set GO=/path/to/go)" >&2
  exit 1
fi
have="$("$GO" env GOVERSION | sed 's/^go//')"
if [ "$(printf '%s\n%s\n' "$(field go.minimum)" "$have" | sort -V | head -1)" != "$(field go.minimum)" ]; then
  echo "helm/tools/install.sh: Go $(field go.minimum)+ is needed, $GO is $have" >&2
  exit 1
fi

export GOPATH="$HOME/.cache/sipflow/go" GOBIN="$HOME/.cache/sipflow/go/bin" GOCACHE="$HOME/.cache/sipflow/go/build"
export GOFLAGS=-modcacherw CGO_ENABLED=0 GOTOOLCHAIN=local

# A binary is current when it was built from the pinned module version.
install_tool() {
  local name="$1" module package version
  module="$(field "$name.module")"; package="$(field "$name.package")"; version="$(field "$name.version")"
  if [ -x "$GOBIN/$name" ] && "$GO" version -m "$GOBIN/$name" | grep -Eq "^\s+mod\s+$module\s+$version(\s|$)"; then
    echo "$name $version: present"
    return
  fi
  echo "$name $version: go install $package@$version"
  nice "$GO" install -trimpath -ldflags='-s -w' "$package@$version"
}

download_module() {
  local name="$1" module version
  module="$(field "$name.module")"; version="$(field "$name.version")"
  if [ -d "$GOPATH/pkg/mod/$module@$version" ]; then
    echo "$module $version: present"
    return
  fi
  echo "$module $version: go mod download"
  "$GO" mod download "$module@$version"
}

install_tool kubeconform
install_tool helm
download_module kubernetes
download_module prometheusOperator
