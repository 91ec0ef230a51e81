import type { FireBrickSyslogDecoder } from '@sipflow/ingest';
import type { Listener, ListenerDeps } from './listener';
import { startStreamServer, type StreamOptions } from './stream-server';
import { syslogConnection } from './syslog-tcp.listener';

/** Syslog over TLS (RFC 5425): the same octet-counted (or LF) frames inside a TLS session. */
export function startSyslogTlsListener(
  options: StreamOptions & { maxMessageBytes: number; tls: { cert: Buffer; key: Buffer } },
  decoder: FireBrickSyslogDecoder,
  deps: ListenerDeps,
): Promise<Listener> {
  return startStreamServer(
    'syslog-tls',
    'syslog',
    options,
    (source) => syslogConnection(source, decoder, options.maxMessageBytes, deps),
    deps,
  );
}
