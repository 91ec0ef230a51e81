import { SyslogTcpFramer, type FireBrickSyslogDecoder } from '@sipflow/ingest';
import type { IngestSource } from '../pipeline/ingest-pipeline';
import type { Listener, ListenerDeps } from './listener';
import { nowUs } from './listener';
import { startStreamServer, type ConnectionHandler, type StreamOptions } from './stream-server';

/** Per connection: RFC 6587 framing (octet counting §3.4.1 or LF §3.4.2), then the FireBrick decoder. */
export function syslogConnection(
  source: IngestSource,
  decoder: FireBrickSyslogDecoder,
  maxMessageBytes: number,
  deps: ListenerDeps,
): ConnectionHandler {
  const framer = new SyslogTcpFramer({ maxMessageBytes });
  const handle = (frames: ReturnType<SyslogTcpFramer['push']>) => {
    const receivedTimeUs = nowUs();
    for (const frame of frames) {
      deps.metrics.received(source.listener, 'syslog');
      if (!frame.ok) {
        deps.pipeline.reject(frame, source, receivedTimeUs);
        continue;
      }
      deps.pipeline.accept(
        decoder.decode(frame.bytes, { receivedTimeUs, sourceAddress: source.address }),
        source,
        receivedTimeUs,
      );
    }
  };
  return {
    data: (chunk) => handle(framer.push(chunk)),
    end: () => handle(framer.end()),
    buffered: () => framer.buffered,
  };
}

/** Syslog over TCP (RFC 6587). */
export function startSyslogTcpListener(
  options: StreamOptions & { maxMessageBytes: number },
  decoder: FireBrickSyslogDecoder,
  deps: ListenerDeps,
): Promise<Listener> {
  return startStreamServer(
    'syslog-tcp',
    'syslog',
    options,
    (source) => syslogConnection(source, decoder, options.maxMessageBytes, deps),
    deps,
  );
}
