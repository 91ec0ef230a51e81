import type { LadderMessage } from '../ladder-message';

/**
 * Device clocks disagree: each FireBrick stamps its log with its own clock, display logs only to the
 * second. A message logged on both sides of a hop (Tx at the sender, Rx at the receiver) measures
 * `rx − tx = θ + δ`, where θ is the receiver's clock minus the sender's and δ ≥ 0 the one-way delay.
 * With messages both ways over the hop (the request one way, its response back) the two minima
 * bound θ from both sides, as NTP does (RFC 5905 §8): θ ≈ (min d→ − min d←) / 2, uncertain by half
 * the round trip plus the clocks' resolution. One direction alone only says θ ≤ min d→: the
 * smallest correction that makes every delay non-negative is used, and nothing if none is negative.
 */
export interface DeviceClock {
  device: string;
  /** This device's clock minus the reference device's (µs): subtract from its timestamps. */
  offsetUs: number;
  /** ± around offsetUs (µs); undefined when only bounded from one side or unknown. */
  uncertaintyUs?: number;
  /** How the offset was found. */
  basis: 'reference' | 'two-way' | 'one-way' | 'unknown';
  /** Clock resolution of its log lines (µs): 1 000 000 for whole-second FireBrick display logs. */
  resolutionUs: number;
}

/** One direction of one hop, after correcting both clocks. */
export interface HopDelay {
  from: string;
  to: string;
  /** Median one-way delay (µs) of the messages logged at both ends. */
  medianUs: number;
  /** ± from the clocks' resolution and the offset estimates. */
  uncertaintyUs?: number;
  samples: number;
}

export interface ClockEstimate {
  /** The device every offset is relative to. */
  reference?: string;
  clocks: DeviceClock[];
  hops: HopDelay[];
}

interface Sample {
  from: string;
  to: string;
  /** rx − tx (µs), each in its own device's clock. */
  deltaUs: number;
}

const RESOLUTION_US: Record<string, number> = { s: 1_000_000, ms: 1_000, us: 1 };

export function estimateClocks(messages: readonly LadderMessage[]): ClockEstimate {
  const resolution = deviceResolutions(messages);
  const samples = hopSamples(messages);
  const devices = [...resolution.keys()];
  if (devices.length === 0) return { clocks: [], hops: [] };

  // Offsets between the two ends of each measured hop (θ = to − from).
  const edges = new Map<string, { from: string; to: string; theta: number; uncertainty?: number }[]>();
  const addEdge = (from: string, to: string, theta: number, uncertainty?: number) => {
    edges.set(from, [...(edges.get(from) ?? []), { from, to, theta, uncertainty }]);
    edges.set(to, [...(edges.get(to) ?? []), { from: to, to: from, theta: -theta, uncertainty }]);
  };
  const minimum = new Map<string, number>();
  for (const s of samples) {
    const key = `${s.from}\u0000${s.to}`;
    minimum.set(key, Math.min(minimum.get(key) ?? Infinity, s.deltaUs));
  }
  const measured = new Set<string>();
  for (const [key, forward] of minimum) {
    const [a, b] = key.split('\u0000') as [string, string];
    measured.add(a);
    measured.add(b);
    const backward = minimum.get(`${b}\u0000${a}`);
    const quantum = (resolution.get(a) ?? 1) + (resolution.get(b) ?? 1);
    if (backward !== undefined) {
      if (a > b) continue; // each pair once
      addEdge(a, b, (forward - backward) / 2, (forward + backward) / 2 + quantum);
    } else {
      // θ ≤ forward (+ a clock tick): only an impossible (negative) delay is evidence of skew.
      addEdge(a, b, Math.min(0, forward + quantum));
    }
  }

  // The finest clock among those measured against another, then the first to log the call: offsets
  // read in the ladder's direction ("cs-c is 4.2 ms ahead of cs-b").
  const firstLogged = new Map<string, number>();
  for (const m of messages) firstLogged.set(m.deviceId, Math.min(firstLogged.get(m.deviceId) ?? Infinity, m.ts));
  const reference = [...devices].sort(
    (x, y) =>
      Number(!measured.has(x)) - Number(!measured.has(y)) ||
      resolution.get(x)! - resolution.get(y)! ||
      firstLogged.get(x)! - firstLogged.get(y)!,
  )[0]!;
  const clocks = spanClocks(reference, devices, edges, resolution);
  const offset = new Map(clocks.map((c) => [c.device, c]));
  return { reference, clocks, hops: hopDelays(samples, offset) };
}

/** Offsets from the reference along the most certain path (two-way hops before one-way ones). */
function spanClocks(
  reference: string,
  devices: string[],
  edges: Map<string, { from: string; to: string; theta: number; uncertainty?: number }[]>,
  resolution: Map<string, number>,
): DeviceClock[] {
  const found = new Map<string, DeviceClock>([
    [
      reference,
      {
        device: reference,
        offsetUs: 0,
        uncertaintyUs: 0,
        basis: 'reference',
        resolutionUs: resolution.get(reference)!,
      },
    ],
  ]);
  const cost = (c: DeviceClock) => (c.basis === 'one-way' ? 1e15 : 0) + (c.uncertaintyUs ?? 0);
  const frontier = [reference];
  while (frontier.length) {
    frontier.sort((x, y) => cost(found.get(x)!) - cost(found.get(y)!));
    const at = found.get(frontier.shift()!)!;
    for (const edge of edges.get(at.device) ?? []) {
      const oneWay = at.basis === 'one-way' || edge.uncertainty === undefined;
      const candidate: DeviceClock = {
        device: edge.to,
        offsetUs: at.offsetUs + edge.theta,
        ...(oneWay ? {} : { uncertaintyUs: (at.uncertaintyUs ?? 0) + edge.uncertainty! }),
        basis: oneWay ? 'one-way' : 'two-way',
        resolutionUs: resolution.get(edge.to)!,
      };
      const known = found.get(edge.to);
      if (known && cost(known) <= cost(candidate)) continue;
      found.set(edge.to, candidate);
      if (!frontier.includes(edge.to)) frontier.push(edge.to);
    }
  }
  return devices.map(
    (device) => found.get(device) ?? { device, offsetUs: 0, basis: 'unknown', resolutionUs: resolution.get(device)! },
  );
}

function hopDelays(samples: Sample[], clocks: Map<string, DeviceClock>): HopDelay[] {
  const byHop = new Map<string, number[]>();
  for (const s of samples) {
    const corrected = s.deltaUs - (clocks.get(s.to)!.offsetUs - clocks.get(s.from)!.offsetUs);
    const key = `${s.from}\u0000${s.to}`;
    byHop.set(key, [...(byHop.get(key) ?? []), corrected]);
  }
  return [...byHop].map(([key, delays]) => {
    const [from, to] = key.split('\u0000') as [string, string];
    const a = clocks.get(from)!;
    const b = clocks.get(to)!;
    const sorted = [...delays].sort((x, y) => x - y);
    const uncertain = a.uncertaintyUs === undefined || b.uncertaintyUs === undefined;
    return {
      from,
      to,
      medianUs: Math.round(sorted[Math.floor((sorted.length - 1) / 2)]!),
      ...(uncertain
        ? {}
        : { uncertaintyUs: Math.round(a.uncertaintyUs! + b.uncertaintyUs! + a.resolutionUs + b.resolutionUs) }),
      samples: delays.length,
    };
  });
}

/** Pairs (Tx at the sender, Rx at the receiver) of each message, first copy of each. */
function hopSamples(messages: readonly LadderMessage[]): Sample[] {
  const ends = new Map<string, { from: string; to: string; tx?: number; rx?: number }>();
  for (const m of messages) {
    const { device: from } = m.src;
    const { device: to } = m.dst;
    if (from === to) continue;
    const key = `${m.fingerprint}\u0000${from}\u0000${to}`;
    const e = ends.get(key) ?? { from, to };
    if (m.direction === 'tx' && m.deviceId === from) e.tx = Math.min(e.tx ?? Infinity, m.ts);
    if (m.direction === 'rx' && m.deviceId === to) e.rx = Math.min(e.rx ?? Infinity, m.ts);
    ends.set(key, e);
  }
  const samples: Sample[] = [];
  for (const e of ends.values())
    if (e.tx !== undefined && e.rx !== undefined) samples.push({ from: e.from, to: e.to, deltaUs: e.rx - e.tx });
  return samples;
}

/** Each logging device's clock resolution: as recorded, else inferred from its timestamps. */
function deviceResolutions(messages: readonly LadderMessage[]): Map<string, number> {
  const stamps = new Map<string, { declared?: number; allWholeSeconds: boolean; allWholeMs: boolean }>();
  for (const m of messages) {
    const s = stamps.get(m.deviceId) ?? { allWholeSeconds: true, allWholeMs: true };
    if (m.timePrecision) s.declared = Math.max(s.declared ?? 1, RESOLUTION_US[m.timePrecision] ?? 1);
    s.allWholeSeconds &&= m.ts % 1_000_000 === 0;
    s.allWholeMs &&= m.ts % 1_000 === 0;
    stamps.set(m.deviceId, s);
  }
  return new Map(
    [...stamps].map(([device, s]) => [
      device,
      s.declared ?? (s.allWholeSeconds ? 1_000_000 : s.allWholeMs ? 1_000 : 1),
    ]),
  );
}
