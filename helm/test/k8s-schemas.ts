import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

// JSON schemas for kubeconform, made offline from the Kubernetes API's own OpenAPI (swagger 2.0)
// document and from CRD manifests, named as kubeconform looks them up
// ({{ .ResourceKind }}{{ .KindSuffix }}.json: deployment-apps-v1.json, service-v1.json, …).
// Strict, like kubeconform's "-strict" schema sets: an object with declared properties rejects
// any other property, so a misspelt field fails validation instead of being ignored.

type Schema = Record<string, unknown>;

interface GroupVersionKind {
  group: string;
  version: string;
  kind: string;
}

/** kubeconform's file name for a kind: lower-case kind, first label of the group, version. */
export function schemaFileName({ group, version, kind }: GroupVersionKind): string {
  const suffix = group === '' ? `-${version}` : `-${group.split('.')[0]}-${version}`;
  return `${kind.toLowerCase()}${suffix.toLowerCase()}.json`;
}

/** The shapes swagger 2.0 expresses with formats that JSON schema needs spelt out. */
function convert(node: unknown, refPrefix: string): unknown {
  if (Array.isArray(node)) return node.map((n) => convert(n, refPrefix));
  if (node === null || typeof node !== 'object') return node;
  const schema = node as Schema;
  // IntOrString (ports, maxUnavailable) and Quantity (cpu: 1, memory: 1Gi) take numbers too.
  if (schema.format === 'int-or-string' || schema['x-kubernetes-int-or-string'] === true) {
    return { oneOf: [{ type: 'string' }, { type: 'integer' }] };
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace('#/definitions/', refPrefix);
    else if (key === 'properties' || key === 'definitions' || key === 'patternProperties') {
      out[key] = Object.fromEntries(
        Object.entries(value as Schema).map(([name, sub]) => [name, convert(sub, refPrefix)]),
      );
    } else out[key] = convert(value, refPrefix);
  }
  const open = out['x-kubernetes-preserve-unknown-fields'] === true;
  if (out.properties && out.additionalProperties === undefined && !open) out.additionalProperties = false;
  return out;
}

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/**
 * Writes one schema per kind of the swagger document into `dir`, each referring to the shared
 * `_definitions.json` beside it. Returns how many kinds were written.
 */
export function writeKubernetesSchemas(swaggerPath: string, dir: string): number {
  mkdirSync(dir, { recursive: true });
  const swagger = JSON.parse(readFileSync(swaggerPath, 'utf8')) as { definitions: Record<string, Schema> };
  const definitions = { ...swagger.definitions };
  definitions[QUANTITY] = {
    ...definitions[QUANTITY],
    type: undefined,
    oneOf: [{ type: 'string' }, { type: 'number' }],
  };
  writeFileSync(
    join(dir, '_definitions.json'),
    JSON.stringify({ definitions: convert(definitions, '#/definitions/') }),
  );
  let kinds = 0;
  for (const [name, definition] of Object.entries(definitions)) {
    const gvks = definition['x-kubernetes-group-version-kind'] as GroupVersionKind[] | undefined;
    if (!gvks || !definition.properties) continue;
    const schema = convert(definition, '_definitions.json#/definitions/') as Schema;
    for (const gvk of gvks) {
      // A list or an event type shares its definition across groups; each group gets its file.
      writeFileSync(join(dir, schemaFileName(gvk)), JSON.stringify({ description: name, ...schema }));
      kinds += 1;
    }
  }
  return kinds;
}

/** Writes the schema of every version of every CRD in a manifest file (openAPIV3Schema). */
export function writeCrdSchemas(crdPath: string, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const doc of parseAllDocuments(readFileSync(crdPath, 'utf8'))) {
    const crd = doc.toJS() as {
      kind?: string;
      spec?: {
        group: string;
        names: { kind: string };
        versions: { name: string; schema?: { openAPIV3Schema: Schema } }[];
      };
    };
    if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec) continue;
    for (const version of crd.spec.versions) {
      if (!version.schema) continue;
      const file = schemaFileName({ group: crd.spec.group, version: version.name, kind: crd.spec.names.kind });
      writeFileSync(join(dir, file), JSON.stringify(convert(version.schema.openAPIV3Schema, '#/definitions/')));
      written.push(file);
    }
  }
  return written;
}
