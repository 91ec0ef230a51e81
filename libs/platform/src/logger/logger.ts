import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths whose values never reach a log line: SIP digest credentials and SDP keys can appear in
 * structured context (parsed headers), and passwords in configuration objects.
 */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers["proxy-authorization"]',
  'token',
  '*.token',
  'CLICKHOUSE_PASSWORD',
  'KAFKA_SASL_PASSWORD',
];

export interface LoggerOptions {
  level: string;
  /** The process or service name bound on every line. */
  service: string;
  destination?: DestinationStream;
}

/** The one logger: pino, JSON lines on stderr (stdout stays free for CLI output). Errors go under `err`. */
export function createLogger({ level, service, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ fd: 2, sync: false }),
  );
}
