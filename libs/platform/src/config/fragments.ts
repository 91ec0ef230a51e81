import { z } from 'zod';
import { envBoolean, envList, variable } from './variable';

// Configuration fragments: each process composes the ones it needs; defaults give the embedded
// single-process mode (in-process bus, chDB data directory).

export const logConfig = {
  LOG_LEVEL: variable(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'), {
    description: 'Minimum level of the structured (JSON) logs written to stderr.',
  }),
};

export const busConfig = {
  KAFKA_BROKERS: variable(envList().optional(), {
    description: 'Comma-separated Kafka bootstrap servers. Unset: an in-process bus (single-process mode).',
  }),
  KAFKA_CLIENT_ID: variable(z.string().default('sipflow'), { description: 'Kafka client id prefix.' }),
  KAFKA_SASL_USERNAME: variable(z.string().optional(), {
    description: 'SASL/SCRAM-SHA-512 user, if the brokers need one.',
  }),
  KAFKA_SASL_PASSWORD: variable(z.string().optional(), { description: 'SASL/SCRAM-SHA-512 password.', secret: true }),
  KAFKA_SSL: variable(envBoolean().default(false), { description: 'Connect to Kafka over TLS.' }),
  SIP_RAW_TOPIC: variable(z.string().default('sip.raw.v1'), {
    description: 'Topic of raw SIP records (key: Call-ID).',
  }),
  SIP_DEADLETTER_TOPIC: variable(z.string().default('sip.deadletter.v1'), {
    description: 'Topic of rejected input, with reason and original bytes.',
  }),
  KAFKA_TOPIC_PARTITIONS: variable(z.coerce.number().int().min(1).default(12), {
    description: 'Partitions of the topics sipflow creates at start-up if absent.',
  }),
  KAFKA_TOPIC_REPLICATION: variable(z.coerce.number().int().min(1).default(1), {
    description: 'Replication factor of the topics sipflow creates.',
  }),
  KAFKA_TOPIC_RETENTION_HOURS: variable(z.coerce.number().int().min(1).default(24), {
    description: 'Retention of the topics sipflow creates; the store, not Kafka, is the archive.',
  }),
};

export const storeConfig = {
  CLICKHOUSE_URL: variable(z.url().optional(), {
    description: 'ClickHouse server URL (http[s]://host:8123). Unset: the embedded chDB engine in SIPFLOW_DATA_DIR.',
  }),
  CLICKHOUSE_USER: variable(z.string().default('default'), { description: 'ClickHouse user.' }),
  CLICKHOUSE_PASSWORD: variable(z.string().default(''), { description: 'ClickHouse password.', secret: true }),
  CLICKHOUSE_DATABASE: variable(
    z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .default('sipflow'),
    {
      description: 'Database holding the sipflow tables.',
    },
  ),
  CLICKHOUSE_CLUSTER: variable(
    z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
      .optional(),
    {
      description:
        'ClickHouse cluster name (remote_servers): ReplicatedMergeTree tables with Distributed tables over them, DDL ON CLUSTER. Unset: plain MergeTree on one server.',
    },
  ),
  SIPFLOW_DATA_DIR: variable(z.string().default('./data'), {
    description: 'Data directory of the embedded engine (one process per directory).',
  }),
  RETENTION_MESSAGES_DAYS: variable(z.coerce.number().int().min(1).default(7), {
    description: 'TTL of SIP messages, legs and calls.',
  }),
  RETENTION_AGGREGATES_DAYS: variable(z.coerce.number().int().min(1).default(90), {
    description: 'TTL of response-code roll-ups.',
  }),
  RETENTION_AUDIT_DAYS: variable(z.coerce.number().int().min(1).default(365), { description: 'TTL of the audit log.' }),
};

/** The device map shared by the collector (who reported) and the correlator (who is at the other end). */
export const deviceMapConfig = {
  DEVICE_MAP_FILE: variable(z.string().optional(), {
    description:
      'JSON device map {"devices": [{id, name, addresses?, hostnames?, captureIds?, pool?, groups?}]}; the collector reloads it on SIGHUP. Unset: every device is named by its address.',
  }),
};

/** The portal (web/): where the API is, and the key of its session cookie. */
export const portalConfig = {
  SIPFLOW_API_ADDRESS: variable(
    z
      .string()
      .regex(/^\S+:\d{1,5}$/, 'host:port')
      .default('127.0.0.1:50051'),
    {
      description: 'host:port of the sipflow API (gRPC); the portal calls it from the server only.',
    },
  ),
  SIPFLOW_SESSION_SECRET: variable(z.string().min(32, 'at least 32 characters').optional(), {
    description:
      'Key of the encrypted session cookie (≥ 32 characters; in `sipflow start` generated and kept in the data directory if unset). Changing it signs everyone out.',
    secret: true,
  }),
  SIPFLOW_SECURE_COOKIES: variable(envBoolean().default(false), {
    description: 'Mark the session cookie Secure (set when the portal is served over HTTPS).',
  }),
  PORTAL_HOST: variable(z.string().default('127.0.0.1'), {
    description: 'Address the portal listens on (0.0.0.0 for every interface).',
  }),
  SIPFLOW_PORTAL_URL: variable(z.url().optional(), {
    description:
      'The portal as users reach it (https://sipflow.example.net), for share links; unset: the address the browser used.',
  }),
};

/** How telephone numbers are read where the deployment runs (search, correlation, customer scopes). */
export const numberConfig = {
  NUMBER_DEFAULT_COUNTRY: variable(
    z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'an ISO 3166-1 alpha-2 country code such as GB')
      .transform((code) => code.toUpperCase())
      .default('GB'),
    {
      description:
        'Country whose national number forms (01632 960123 in GB) are understood in number search and correlation.',
    },
  ),
};
