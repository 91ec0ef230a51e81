import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { collectorConfig } from '@sipflow/collector';
import { correlatorConfig } from '@sipflow/correlator';
import { busConfig, logConfig, numberConfig, storeConfig } from '@sipflow/platform';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCrdSchemas, writeKubernetesSchemas } from './k8s-schemas';

// The chart rendered by the real `helm` (built from its Go module) and every manifest validated
// by kubeconform against strict JSON schemas made from the Kubernetes v1.34 API's own OpenAPI
// document and the Prometheus Operator's CRD. helm/tools/install.sh (run by .ci/run) installs
// both tools and both sources into ~/.cache/sipflow/go.

const root = resolve(__dirname, '..', '..');
const chart = join(root, 'helm', 'sipflow');
const toolchain = JSON.parse(readFileSync(join(root, 'helm', 'tools', 'toolchain.json'), 'utf8')) as Record<
  string,
  { module: string; version: string; swagger?: string; crd?: string }
>;
const gopath = join(homedir(), '.cache', 'sipflow', 'go');
const bin = (name: string) => join(gopath, 'bin', name);
const moduleDir = (name: string) =>
  join(gopath, 'pkg', 'mod', `${toolchain[name]!.module}@${toolchain[name]!.version}`);
const kubeVersion = toolchain.kubernetes!.version.replace(/^v/, '');
const required = ['--set', 'clickhouse.password=not-a-real-password'];

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

function run(command: string, args: string[], input?: string) {
  const result = spawnSync(command, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function helm(args: string[]) {
  return run(bin('helm'), args);
}

function template(args: string[]): { text: string; manifests: Manifest[] } {
  const result = helm(['template', 'sf', chart, '--namespace', 'voip', '--kube-version', kubeVersion, ...args]);
  expect(result.status, result.stderr).toBe(0);
  const manifests = parseAllDocuments(result.stdout)
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
  return { text: result.stdout, manifests };
}

let schemaDir = '';

function kubeconform(text: string) {
  const result = run(
    bin('kubeconform'),
    [
      '-strict',
      '-summary',
      '-output',
      'json',
      '-kubernetes-version',
      kubeVersion,
      '-schema-location',
      join(schemaDir, '{{ .ResourceKind }}{{ .KindSuffix }}.json'),
      '-',
    ],
    text,
  );
  const report = JSON.parse(result.stdout) as {
    resources: { kind: string; name: string; status: string; msg: string }[];
    summary: { valid: number; invalid: number; errors: number; skipped: number };
  };
  return { status: result.status, ...report };
}

function expectValid(text: string, kinds: number) {
  const report = kubeconform(text);
  const problems = report.resources.filter((r) => r.status !== 'statusValid');
  expect(problems, JSON.stringify(problems, null, 2)).toEqual([]);
  expect(report.summary).toEqual({ valid: kinds, invalid: 0, errors: 0, skipped: 0 });
  expect(report.status).toBe(0);
}

const byKind = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);
const named = (manifests: Manifest[], kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};

type Container = {
  name: string;
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string; key: string } } }[];
  livenessProbe?: object;
  readinessProbe?: object;
  resources?: { requests?: object; limits?: object };
  securityContext?: { readOnlyRootFilesystem?: boolean; allowPrivilegeEscalation?: boolean };
};
const podSpec = (d: Manifest) =>
  (d.spec as { template: { spec: { containers: Container[]; securityContext: { runAsNonRoot?: boolean } } } }).template
    .spec;

describe('helm/sipflow', () => {
  beforeAll(() => {
    for (const tool of ['helm', 'kubeconform']) {
      if (!existsSync(bin(tool))) throw new Error(`${bin(tool)} is missing: run helm/tools/install.sh`);
    }
    schemaDir = mkdtempSync(join(tmpdir(), 'sipflow-k8s-schemas-'));
    const kinds = writeKubernetesSchemas(join(moduleDir('kubernetes'), toolchain.kubernetes!.swagger!), schemaDir);
    expect(kinds).toBeGreaterThan(100);
    const crds = writeCrdSchemas(join(moduleDir('prometheusOperator'), toolchain.prometheusOperator!.crd!), schemaDir);
    expect(crds).toContain('servicemonitor-monitoring-v1.json');
  });
  afterAll(() => rmSync(schemaDir, { recursive: true, force: true }));

  it('passes helm lint (strict)', () => {
    const result = helm(['lint', '--strict', chart, '--kube-version', kubeVersion, ...required]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('0 chart(s) failed');
  });

  it('renders valid manifests: a Deployment per service, Services, HPA, PDBs, NetworkPolicies, ServiceMonitor', () => {
    const { text, manifests } = template([...required, '--set', 'metrics.serviceMonitor.enabled=true']);
    expectValid(text, manifests.length);
    expect(byKind(manifests, 'Deployment').map((d) => d.metadata.name)).toEqual([
      'sf-sipflow-api',
      'sf-sipflow-collector',
      'sf-sipflow-correlator',
      'sf-sipflow-web',
    ]);
    expect(byKind(manifests, 'PodDisruptionBudget')).toHaveLength(4);
    expect(byKind(manifests, 'ServiceMonitor')).toHaveLength(1);
    const policies = byKind(manifests, 'NetworkPolicy').map((p) => p.metadata.name);
    expect(policies).toContain('sf-sipflow-default-deny');
    expect(policies).toHaveLength(6);
    for (const deployment of byKind(manifests, 'Deployment')) {
      const spec = podSpec(deployment);
      expect(spec.securityContext.runAsNonRoot).toBe(true);
      for (const c of spec.containers) {
        expect(c.livenessProbe, `${c.name} liveness`).toBeDefined();
        expect(c.readinessProbe, `${c.name} readiness`).toBeDefined();
        expect(c.resources?.requests && c.resources.limits, `${c.name} resources`).toBeTruthy();
        expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      }
    }
  });

  it('exposes syslog and HEP over UDP and TCP, keeping the source address', () => {
    const lb = template(required).manifests;
    const service = named(lb, 'Service', 'sf-sipflow-collector').spec as {
      type: string;
      externalTrafficPolicy: string;
      ports: { name: string; port: number; protocol: string; nodePort?: number }[];
    };
    expect(service.type).toBe('LoadBalancer');
    expect(service.externalTrafficPolicy).toBe('Local');
    expect(service.ports.map((p) => `${p.name}:${p.port}/${p.protocol}`)).toEqual([
      'syslog-udp:5514/UDP',
      'syslog-tcp:5514/TCP',
      'hep-udp:9060/UDP',
      'hep-tcp:9060/TCP',
    ]);
    const nodePort = template([
      ...required,
      '--set',
      'collector.service.type=NodePort',
      '--set',
      'collector.service.nodePorts.syslogUdp=30514',
      '--set',
      'collector.service.nodePorts.hepUdp=30060',
    ]);
    expectValid(nodePort.text, nodePort.manifests.length);
    const ports = (named(nodePort.manifests, 'Service', 'sf-sipflow-collector').spec as typeof service).ports;
    expect(ports.map((p) => p.nodePort)).toEqual([30514, undefined, 30060, undefined]);
  });

  it('never scales correlators past the partitions of the raw topic', () => {
    const hpaMax = (args: string[]) =>
      (
        named(template([...required, ...args]).manifests, 'HorizontalPodAutoscaler', 'sf-sipflow-correlator').spec as {
          maxReplicas: number;
        }
      ).maxReplicas;
    expect(hpaMax([])).toBe(12);
    expect(hpaMax(['--set', 'correlator.autoscaling.maxReplicas=50'])).toBe(12);
    expect(
      hpaMax(['--set', 'correlator.autoscaling.maxReplicas=50', '--set-string', 'config.KAFKA_TOPIC_PARTITIONS=24']),
    ).toBe(24);
    const refused = helm([
      'template',
      'sf',
      chart,
      '--kube-version',
      kubeVersion,
      ...required,
      '--set',
      'correlator.autoscaling.enabled=false',
      '--set',
      'correlator.replicas=13',
    ]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('correlator.replicas (13) exceeds the 12 partitions');
  });

  it('carries the same configuration as deploy/compose, under names the services read', () => {
    const { manifests } = template(required);
    const data = named(manifests, 'ConfigMap', 'sf-sipflow-config').data!;
    const shared = Object.fromEntries(
      readFileSync(join(root, 'deploy', 'compose', 'sipflow.env'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '' && !l.startsWith('#'))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(Object.keys(shared).length).toBeGreaterThan(5);
    expect(data).toMatchObject(shared);
    const known = new Set(
      Object.keys({
        ...logConfig,
        ...busConfig,
        ...storeConfig,
        ...numberConfig,
        ...collectorConfig,
        ...correlatorConfig,
      }),
    );
    expect(Object.keys(data).filter((k) => !known.has(k))).toEqual([]);
    // Secrets are never in the ConfigMap.
    expect(Object.keys(data).filter((k) => /PASSWORD|SECRET|KEY/.test(k))).toEqual([]);
  });

  it('checks values against values.schema.json: a wrong Service type, a secret in the ConfigMap', () => {
    const wrongType = helm([
      'template',
      'sf',
      chart,
      '--kube-version',
      kubeVersion,
      ...required,
      '--set',
      'collector.service.type=External',
    ]);
    expect(wrongType.status).not.toBe(0);
    expect(wrongType.stderr).toContain("value must be one of 'ClusterIP', 'NodePort', 'LoadBalancer'");
    const secretInConfig = helm([
      'template',
      'sf',
      chart,
      '--kube-version',
      kubeVersion,
      ...required,
      '--set',
      'config.CLICKHOUSE_PASSWORD=oops',
    ]);
    expect(secretInConfig.status).not.toBe(0);
    expect(secretInConfig.stderr).toContain("invalid propertyName 'CLICKHOUSE_PASSWORD'");
  });

  it('refuses to render without a ClickHouse password', () => {
    const result = helm(['template', 'sf', chart, '--kube-version', kubeVersion]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('set clickhouse.password or clickhouse.passwordSecret');
  });

  it('runs on an existing Strimzi Kafka and an Altinity ClickHouse cluster (helm/examples)', () => {
    const { text, manifests } = template(['-f', join(root, 'helm', 'examples', 'strimzi-altinity.values.yaml')]);
    expectValid(text, manifests.length);
    const data = named(manifests, 'ConfigMap', 'sf-sipflow-config').data!;
    expect(data).toMatchObject({
      KAFKA_BROKERS: 'events-kafka-bootstrap.kafka.svc:9093',
      KAFKA_SSL: 'true',
      KAFKA_SASL_USERNAME: 'sipflow',
      CLICKHOUSE_CLUSTER: 'voip',
      KAFKA_TOPIC_PARTITIONS: '24',
    });
    const env = podSpec(named(manifests, 'Deployment', 'sf-sipflow-correlator')).containers[0]!.env!;
    expect(env.find((e) => e.name === 'KAFKA_SASL_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
      name: 'sipflow',
      key: 'password',
    });
    expect(env.find((e) => e.name === 'CLICKHOUSE_PASSWORD')?.valueFrom?.secretKeyRef).toEqual({
      name: 'clickhouse-sipflow',
      key: 'password',
    });
    // The chart's own Secret then holds only the API's and the portal's keys.
    expect(Object.keys(named(manifests, 'Secret', 'sf-sipflow-secrets').data!).sort()).toEqual([
      'API_TOKEN_SECRET',
      'SIPFLOW_SESSION_SECRET',
    ]);
  });

  it('has schemas that reject what Kubernetes would reject', () => {
    const bad = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: { name: x }',
      'spec:',
      '  replicas: two',
      '  selector: { matchLabels: { a: b } }',
      '  template:',
      '    metadata: { labels: { a: b } }',
      '    spec: { containers: [{ name: x, image: x, livenessprobe: {} }] }',
    ].join('\n');
    const report = kubeconform(bad);
    expect(report.summary.invalid).toBe(1);
    expect(report.resources[0]!.msg).toMatch(/replicas/);
    expect(report.resources[0]!.msg).toMatch(/livenessprobe/);
  });
});
