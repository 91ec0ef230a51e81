import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeRecordId, DeviceDirectory, type SipRecord } from '@sipflow/sip';
import { corpusPath } from '@sipflow/corpus';

export interface FlowMessage {
  /** F-number in the RFC's diagram. */
  n: number;
  from: string;
  to: string;
  raw: Uint8Array;
}

export interface RfcFlow {
  name: string;
  entities: string[];
  messages: FlowMessage[];
  devices: DeviceDirectory;
  /** The messages as records a probe captured in diagram order, 10 ms apart. */
  records: (options?: { startUs?: number; stepUs?: number; only?: (m: FlowMessage) => boolean }) => SipRecord[];
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/**
 * An RFC 3665 (or rfc-other) call flow from the shared corpus: the messages (rfc3665/raw, one file
 * each, see corpus/SOURCES.md) and, from the RFC's ASCII ladder in the YAML header, who sent each
 * F-numbered message to whom.
 */
export function loadRfcFlow(stem: string, folder = 'rfc3665'): RfcFlow {
  const yaml = readFileSync(corpusPath(folder, `${stem}.yaml`), 'utf8');
  const diagram = yaml
    .split('\n')
    .filter((l) => l.startsWith('#'))
    .map((l) => l.slice(1));
  // Lifelines: the '|' columns of the first row under the names (RFC 3665 draws every lifeline there).
  const lifelineRow = diagram.findIndex((l) => l.includes('|'));
  if (lifelineRow < 1) throw new Error(`${stem}: no ladder diagram`);
  const lifelines = [...diagram[lifelineRow]!.matchAll(/\|/g)].map((m) => m.index!);
  const namesLine = diagram[lifelineRow - 1]!;
  const names = [...namesLine.matchAll(/\S+(?: \S+)*/g)].map((m) => ({
    text: m[0],
    center: m.index! + m[0].length / 2,
  }));
  const entities = lifelines.map(
    (x) => names.reduce((best, n) => (Math.abs(n.center - x) < Math.abs(best.center - x) ? n : best)).text,
  );
  const nearest = (x: number) =>
    lifelines.reduce((best, l, i) => (Math.abs(l - x) < Math.abs(lifelines[best]! - x) ? i : best), 0);

  const hops = new Map<number, { from: string; to: string }>();
  diagram.forEach((line, row) => {
    // A label ("INVITE F1", "407 Proxy Authorization Required F2") sits above its arrow and may be
    // wider than the arrow: take the arrow below that overlaps the label most.
    for (const run of line.matchAll(/[^\s|](?:[^|]*?[^\s|])?(?= {3,}| *\|| *$)/g)) {
      const label = /\bF(\d+)\b/.exec(run[0]);
      if (!label) continue;
      const from = run.index!;
      const to = from + run[0].length;
      for (const arrowLine of [diagram[row + 1], diagram[row]]) {
        if (!arrowLine) continue;
        let best: { index: number; text: string; overlap: number } | undefined;
        for (const m of arrowLine.matchAll(/[<>-]*-[<>-]*/g)) {
          if (!/[<>]/.test(m[0])) continue;
          const overlap = Math.min(to, m.index! + m[0].length) - Math.max(from, m.index!);
          if (overlap > 0 && (!best || overlap > best.overlap)) best = { index: m.index!, text: m[0], overlap };
        }
        if (!best) continue;
        const left = nearest(best.index - 1);
        const right = nearest(best.index + best.text.length);
        const hop = best.text.includes('>')
          ? { from: entities[left]!, to: entities[right]! }
          : { from: entities[right]!, to: entities[left]! };
        hops.set(Number(label[1]), hop);
        break;
      }
    }
  });

  const rawDir = corpusPath(folder, 'raw', stem);
  const messages: FlowMessage[] = readdirSync(rawDir)
    .filter((f) => f.endsWith('.sip'))
    .sort()
    .map((file) => {
      const n = Number(/^F(\d+)/.exec(file)![1]);
      const hop = hops.get(n);
      if (!hop) throw new Error(`${stem}: F${n} is not in the diagram`);
      return { n, ...hop, raw: new Uint8Array(readFileSync(join(rawDir, file))) };
    });
  const devices = new DeviceDirectory(
    entities.map((name, i) => ({ id: slug(name), name, addresses: [`192.0.2.${101 + i}`] })),
  );
  const address = (name: string) => `192.0.2.${101 + entities.indexOf(name)}`;

  return {
    name: stem,
    entities,
    messages,
    devices,
    records: ({ startUs = Date.UTC(2026, 0, 1) * 1000, stepUs = 10_000, only = () => true } = {}) =>
      messages.filter(only).map((m, i) => {
        const captureTimeUs = startUs + i * stepUs;
        const callId = /^(?:Call-ID|i)[ \t]*:[ \t]*(.+?)\r?$/im.exec(Buffer.from(m.raw).toString('latin1'))?.[1] ?? '';
        return {
          recordId: computeRecordId('probe', captureTimeUs, m.raw),
          captureTimeUs,
          timePrecision: 'us',
          device: { id: 'probe', name: 'probe' },
          direction: 'unknown',
          transport: 'udp',
          source: { address: address(m.from), port: 5060 },
          destination: { address: address(m.to), port: 5060 },
          ingestPath: 'pcap',
          raw: m.raw,
          callId,
        } satisfies SipRecord;
      }),
  };
}
