import { decodeHepPacket, HepStreamFramer, type HepOptions } from '@sipflow/ingest';
import type { Listener, ListenerDeps } from './listener';
import { nowUs } from './listener';
import { startStreamServer, type StreamOptions } from './stream-server';

/** HEP3 over TCP: packets back to back, framed by their own length field; garbage is resynchronised past. */
export function startHepTcpListener(
  options: StreamOptions,
  hep: Pick<HepOptions, 'inflate' | 'authKey'>,
  deps: ListenerDeps,
): Promise<Listener> {
  return startStreamServer(
    'hep-tcp',
    'hep',
    options,
    (source) => {
      const framer = new HepStreamFramer();
      let held = 0;
      return {
        data: (chunk) => {
          const receivedTimeUs = nowUs();
          const frames = framer.push(chunk);
          held += chunk.length;
          for (const frame of frames) {
            deps.metrics.received('hep-tcp', 'hep');
            if (!frame.ok) {
              held -= frame.raw.length;
              deps.pipeline.reject(frame, source, receivedTimeUs);
              continue;
            }
            held -= frame.packet.length;
            deps.pipeline.accept(decodeHepPacket(frame.packet, { ...hep, receivedTimeUs }), source, receivedTimeUs);
          }
          held = Math.max(0, held);
        },
        end: () => {
          if (held > 0) {
            deps.pipeline.reject(
              {
                reason: `connection closed inside a HEP3 packet (${held} bytes held)`,
                offset: 0,
                raw: new Uint8Array(0),
              },
              source,
              nowUs(),
            );
          }
        },
        buffered: () => held,
      };
    },
    deps,
  );
}
