import { decodeHepPacket, type HepOptions } from '@sipflow/ingest';
import { bindUdp, type UdpListenerOptions } from './syslog-udp.listener';
import type { Listener, ListenerDeps } from './listener';

/** HEP v3 (and v1/v2) over UDP: one packet per datagram. */
export function startHepUdpListener(
  options: UdpListenerOptions,
  hep: Pick<HepOptions, 'inflate' | 'authKey'>,
  deps: ListenerDeps,
): Promise<Listener> {
  const { pipeline, metrics } = deps;
  return bindUdp(
    options,
    (msg, address, port, receivedTimeUs) => {
      metrics.received('hep-udp', 'hep');
      const source = { listener: 'hep-udp', ingestPath: 'hep' as const, address, port, name: `${address}:${port}` };
      pipeline.accept(decodeHepPacket(msg, { ...hep, receivedTimeUs }), source, receivedTimeUs);
    },
    deps,
    'hep-udp',
  );
}
