import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import type { Logger } from '@sipflow/platform';
import { firebrickFrames } from '@sipflow/ingest';
import { demoRound, type DemoDatagram } from './demo-traffic';

export interface DemoTarget {
  host: string;
  syslogUdpPort: number;
  hepUdpPort: number;
}

export interface DemoReplayer {
  /** Datagrams sent so far, by ingest path. */
  readonly sent: { syslog: number; hep: number };
  /** Resolves when round 0 (the seed call and friends) has been sent. */
  readonly firstRound: Promise<void>;
  close(): Promise<void>;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Demo traffic for `sipflow start --demo`: real FireBrick syslog and HEP v3 datagrams sent over UDP
 * into the running collector's listeners — the same path a fleet's devices use — so a newcomer sees
 * the seed call at once and new calls every `intervalMs` (live view, dashboards). Each round is
 * timed to end when it is sent; datagrams are paced so a loaded machine's socket buffers keep up.
 */
export function startDemoReplayer(
  seedFile: string,
  target: DemoTarget,
  options: { intervalMs: number; logger: Logger },
): DemoReplayer {
  const seed = firebrickFrames(readFileSync(seedFile));
  const socket = createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  const sent = { syslog: 0, hep: 0 };
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let round = 0;

  const send = (d: DemoDatagram) =>
    new Promise<void>((done) =>
      socket.send(d.bytes, d.path === 'syslog' ? target.syslogUdpPort : target.hepUdpPort, target.host, (error) => {
        if (error) options.logger.warn({ err: error, path: d.path }, 'demo: a datagram could not be sent');
        else sent[d.path]++;
        done();
      }),
    );

  const sendRound = async () => {
    const datagrams = demoRound(seed, round++, Date.now() * 1000);
    for (const [i, d] of datagrams.entries()) {
      if (closed) return;
      await send(d);
      if (i % 8 === 7) await pause(2);
    }
  };

  const firstRound = sendRound().then(() => {
    const next = () => {
      if (closed) return;
      timer = setTimeout(() => void sendRound().then(next), options.intervalMs);
    };
    next();
  });

  return {
    sent,
    firstRound,
    async close() {
      closed = true;
      clearTimeout(timer);
      await firstRound.catch(() => undefined);
      await new Promise<void>((done) => socket.close(() => done()));
    },
  };
}
