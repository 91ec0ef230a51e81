import { z } from 'zod';
import { variable, type ConfigOf, deviceMapConfig } from '@sipflow/platform';

const port = (fallback: number) => z.coerce.number().int().min(0).max(65_535).default(fallback);

/**
 * The collector's configuration fragment (composed with logConfig and busConfig by its composition
 * roots: services/collector/src/main.ts and `sipflow start`). Defaults are unprivileged ports on
 * every interface of the host; port 0 picks a free port (the handle reports what was bound).
 */
export const collectorConfig = {
  ...deviceMapConfig,
  COLLECTOR_BIND_ADDRESS: variable(z.string().default('0.0.0.0'), {
    description: 'Address every collector listener binds (0.0.0.0 all IPv4, :: all IPv6, 127.0.0.1 loopback).',
  }),
  SYSLOG_UDP_PORT: variable(port(5514), { description: 'Syslog over UDP (RFC 5426); 0 picks a free port.' }),
  SYSLOG_TCP_PORT: variable(port(5514), {
    description: 'Syslog over TCP, LF or octet-counting framing (RFC 6587); 0 picks a free port.',
  }),
  SYSLOG_TLS_PORT: variable(port(6514), {
    description: 'Syslog over TLS (RFC 5425); only listens when SYSLOG_TLS_CERT_FILE and SYSLOG_TLS_KEY_FILE are set.',
  }),
  SYSLOG_TLS_CERT_FILE: variable(z.string().optional(), {
    description: 'PEM certificate (chain) of the TLS listener.',
  }),
  SYSLOG_TLS_KEY_FILE: variable(z.string().optional(), {
    description: 'PEM private key of the TLS listener.',
    secret: true,
  }),
  HEP_UDP_PORT: variable(port(9060), { description: 'HEP v3 over UDP; 0 picks a free port.' }),
  HEP_TCP_PORT: variable(port(9060), { description: 'HEP v3 over TCP; 0 picks a free port.' }),
  HEP_AUTH_KEY: variable(z.string().optional(), {
    description: 'When set, HEP packets whose auth key chunk differs are dead-lettered.',
    secret: true,
  }),
  COLLECTOR_HTTP_PORT: variable(port(9464), {
    description: 'Port of /metrics (Prometheus), /livez and /readyz; 0 picks a free port.',
  }),
  COLLECTOR_HTTP_ADDRESS: variable(z.string().default('0.0.0.0'), {
    description: 'Address of the metrics and health endpoint.',
  }),
  COLLECTOR_BATCH_RECORDS: variable(z.coerce.number().int().min(1).default(2000), {
    description: 'Largest batch of records in one publish to the bus.',
  }),
  COLLECTOR_LINGER_MS: variable(z.coerce.number().int().min(0).default(20), {
    description: 'How long a part-filled batch waits for more records before it is published.',
  }),
  COLLECTOR_BUFFER_MAX_BYTES: variable(
    z.coerce
      .number()
      .int()
      .min(1024)
      .default(64 * 1024 * 1024),
    {
      description: 'Memory buffer for records the bus has not taken yet; beyond it records go to the disk spool.',
    },
  ),
  COLLECTOR_SPOOL_DIR: variable(z.string().optional(), {
    description: 'Directory of the on-disk spool (append-only segments). Unset: <data dir>/spool, or no spool.',
  }),
  COLLECTOR_SPOOL_MAX_BYTES: variable(
    z.coerce
      .number()
      .int()
      .min(0)
      .default(1024 * 1024 * 1024),
    {
      description: 'Largest size of the disk spool; records beyond it are dropped, counted and logged.',
    },
  ),
  COLLECTOR_SPOOL_SEGMENT_BYTES: variable(
    z.coerce
      .number()
      .int()
      .min(4096)
      .default(16 * 1024 * 1024),
    {
      description: 'Size at which the spool starts a new segment file.',
    },
  ),
  COLLECTOR_SPOOL_FSYNC: variable(z.enum(['always', 'interval', 'never']).default('interval'), {
    description:
      'When spool appends reach the disk: after every write, every COLLECTOR_SPOOL_FSYNC_MS, or when the OS decides.',
  }),
  COLLECTOR_SPOOL_FSYNC_MS: variable(z.coerce.number().int().min(1).default(200), {
    description: 'Interval of the "interval" fsync policy.',
  }),
  COLLECTOR_PUBLISH_MAX_BACKOFF_MS: variable(z.coerce.number().int().min(10).default(5000), {
    description: 'Longest wait between publish attempts while the bus is unavailable.',
  }),
  COLLECTOR_TCP_MAX_CONNECTIONS: variable(z.coerce.number().int().min(1).default(2048), {
    description: 'Most concurrent TCP/TLS connections per listener.',
  }),
  COLLECTOR_TCP_IDLE_TIMEOUT_MS: variable(z.coerce.number().int().min(100).default(300_000), {
    description: 'A TCP/TLS connection that sends nothing for this long is closed.',
  }),
  COLLECTOR_MAX_MESSAGE_BYTES: variable(
    z.coerce
      .number()
      .int()
      .min(1024)
      .default(256 * 1024),
    {
      description: 'Largest syslog message or HEP frame on a stream; larger ones are dead-lettered and skipped.',
    },
  ),
  COLLECTOR_LINE_TIMEOUT_MS: variable(z.coerce.number().int().min(10).default(2000), {
    description: 'FireBrick line-per-message records still open after this long without a new line are emitted.',
  }),
  COLLECTOR_UDP_RECV_BUFFER_BYTES: variable(
    z.coerce
      .number()
      .int()
      .min(0)
      .default(8 * 1024 * 1024),
    {
      description: 'SO_RCVBUF of the UDP sockets (capped by the kernel at net.core.rmem_max); 0 keeps the default.',
    },
  ),
  COLLECTOR_UDP_READER_MAX_BYTES: variable(
    z.coerce
      .number()
      .int()
      .min(65_536)
      .default(64 * 1024 * 1024),
    {
      description:
        "Datagrams a UDP listener's reader thread holds while the pipeline is behind; beyond it they are dropped, counted and logged.",
    },
  ),
  COLLECTOR_SYSLOG_LOCAL_ZONE: variable(z.enum(['utc', 'europe-london']).default('utc'), {
    description: 'Zone of RFC 3164 timestamps (which carry none) from relays.',
  }),
};

export type CollectorConfig = ConfigOf<typeof collectorConfig>;
