import type { Link } from '@sipflow/correlation';
import type { DeviceClock } from './clock-estimate';

/** What ordering needs of an arrow (LadderArrow has it). */
export interface OrderableArrow {
  legId: string;
  /** Sending and receiving device ids. */
  fromDevice: string;
  toDevice: string;
  isRequest: boolean;
  method: string;
  status: number;
  cseq: number;
  observations: readonly { device: string; ts: number }[];
}

/**
 * Arrows in cause-and-effect order. Timestamps from different devices are first put on one clock
 * (the estimated offsets), then constraints the protocol guarantees override what the clocks say:
 * a response comes after its request and an ACK after the final response it acknowledges (RFC 3261
 * §17), a B2BUA's outgoing INVITE after the incoming one that caused it, a recording after the
 * answer it records, and each device's own log keeps its order (one clock never disagrees with
 * itself). Where constraints contradict each other (bad data), corrected time decides.
 */
export function causalOrder<A extends OrderableArrow>(
  arrows: readonly A[],
  clocks: readonly DeviceClock[],
  links: readonly Link[] = [],
  legs: ReadonlyMap<string, { uac: string; uas: string; recording: boolean }> = new Map(),
): { arrow: A; correctedUs: number }[] {
  const offset = new Map(clocks.map((c) => [c.device, c.offsetUs]));
  const corrected = arrows.map((a) => Math.min(...a.observations.map((o) => o.ts - (offset.get(o.device) ?? 0))));
  const after = arrows.map(() => new Set<number>()); // after[i]: arrows that must come after i
  const before = (first: number | undefined, then: number | undefined) => {
    if (first !== undefined && then !== undefined && first !== then) after[first]!.add(then);
  };

  const requestOf = new Map<string, number>();
  const finalOf = new Map<string, number>();
  const firstOnLeg = new Map<string, { invite?: number; answer?: number }>();
  // Equal times (whole-second logs) fall back on CSeq order, then requests before responses.
  const byTime = arrows
    .map((_, i) => i)
    .sort(
      (x, y) =>
        corrected[x]! - corrected[y]! ||
        arrows[x]!.cseq - arrows[y]!.cseq ||
        Number(!arrows[x]!.isRequest) - Number(!arrows[y]!.isRequest) ||
        x - y,
    );
  for (const i of byTime) {
    const a = arrows[i]!;
    const key = `${a.legId}\u0000${a.cseq}\u0000${a.method}`;
    const leg = firstOnLeg.get(a.legId) ?? {};
    if (a.isRequest && a.method !== 'ACK') {
      requestOf.set(
        `${key}\u0000${a.fromDevice}\u0000${a.toDevice}`,
        requestOf.get(`${key}\u0000${a.fromDevice}\u0000${a.toDevice}`) ?? i,
      );
      if (a.method === 'INVITE' && leg.invite === undefined) leg.invite = i;
    }
    if (!a.isRequest && a.status >= 200) {
      finalOf.set(key, finalOf.get(key) ?? i);
      if (a.method === 'INVITE' && a.status < 300 && leg.answer === undefined) leg.answer = i;
    }
    firstOnLeg.set(a.legId, leg);
  }
  // A UA's requests within a dialog carry increasing CSeq numbers (RFC 3261 §12.2.1.1, §8.1.1.5):
  // each CSeq's requests follow the previous CSeq's. ACK and CANCEL reuse the INVITE's number.
  const sentBy = new Map<string, number[]>();
  arrows.forEach((a, i) => {
    if (!a.isRequest || a.method === 'ACK' || a.method === 'CANCEL') return;
    const key = `${a.legId}\u0000${a.fromDevice}`;
    const list = sentBy.get(key) ?? [];
    list.push(i);
    sentBy.set(key, list);
  });
  for (const requests of sentBy.values()) chainGroups(requests, (i) => arrows[i]!.cseq, before);
  arrows.forEach((a, i) => {
    if (!a.isRequest)
      before(requestOf.get(`${a.legId}\u0000${a.cseq}\u0000${a.method}\u0000${a.toDevice}\u0000${a.fromDevice}`), i);
    if (a.method === 'ACK') before(finalOf.get(`${a.legId}\u0000${a.cseq}\u0000INVITE`), i);
  });
  for (const link of links) {
    if (link.kind !== 'b2bua' && link.kind !== 'recording') continue;
    const [x, y] = link.legs;
    // The child leaves the linking device: the recording leg, or the B2BUA's outgoing leg.
    const isChild = (id: string) =>
      link.kind === 'recording' ? !!legs.get(id)?.recording : legs.get(id)?.uac === link.device;
    const [parent, child] = isChild(x) ? [y, x] : [x, y];
    const cause = firstOnLeg.get(parent);
    before(link.kind === 'recording' ? cause?.answer : cause?.invite, firstOnLeg.get(child)?.invite);
  }
  // One device's log is in its own order: consecutive distinct stamps at the same device.
  const seen = new Map<string, Map<number, number>>(); // device → arrow → its earliest stamp there
  arrows.forEach((a, i) => {
    for (const o of a.observations) {
      const stamps = seen.get(o.device) ?? new Map<number, number>();
      stamps.set(i, Math.min(stamps.get(i) ?? Infinity, o.ts));
      seen.set(o.device, stamps);
    }
  });
  for (const stamps of seen.values()) chainGroups([...stamps.keys()], (i) => stamps.get(i)!, before);

  // Kahn's algorithm, taking the earliest corrected time among the arrows that are free to go.
  const waiting = arrows.map(() => 0);
  for (const set of after) for (const j of set) waiting[j]!++;
  const placed = new Set<number>();
  const order: number[] = [];
  while (order.length < arrows.length) {
    let next = -1;
    for (const i of byTime)
      if (!placed.has(i) && waiting[i]! <= 0) {
        next = i;
        break;
      }
    // A cycle (contradictory data): the earliest remaining arrow goes first.
    if (next < 0) next = byTime.find((i) => !placed.has(i))!;
    placed.add(next);
    order.push(next);
    for (const j of after[next]!) waiting[j]!--;
  }
  return order.map((i) => ({ arrow: arrows[i]!, correctedUs: corrected[i]! }));
}

/**
 * Orders `items` by `rank` and makes each group of equal rank follow the group just below it
 * (transitivity does the rest): n·group edges instead of n².
 */
function chainGroups(
  items: number[],
  rank: (i: number) => number,
  before: (first: number, then: number) => void,
): void {
  const sorted = [...items].sort((x, y) => rank(x) - rank(y));
  let previous: number[] = [];
  let current: number[] = [];
  sorted.forEach((item, k) => {
    if (k > 0 && rank(item) !== rank(sorted[k - 1]!)) [previous, current] = [current, []];
    current.push(item);
    for (const p of previous) before(p, item);
  });
}
