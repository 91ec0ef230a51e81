import { describe, expect, it } from 'vitest';
import { correlate, Correlator } from '../engine/correlator';
import type { CallGraph } from '../model/call-graph';
import { request, response, sipRecord } from '../test-records';

const T = Date.UTC(2026, 10, 24, 12) * 1000;
const ms = (n: number) => T + n * 1000;
const FROM = 'sip:01632960123@192.0.2.1';
const TO = 'sip:01632960999@192.0.2.2';

/** One hop of a call: INVITE, 200, BYE, 200 (its own Via branch per hop, as a proxy adds). */
function hop(callId: string, addresses: { from: string; to: string }, at: number, hopName: string) {
  const base = { callId, fromTag: `f-${callId}`, from: FROM, to: TO, ruri: TO };
  const invite = `z9hG4bK-${hopName}-${callId}-1`;
  const bye = `z9hG4bK-${hopName}-${callId}-2`;
  const back = { from: addresses.to, to: addresses.from };
  return [
    sipRecord(request('INVITE', { ...base, cseq: 1, branch: invite }), addresses, ms(at)),
    sipRecord(
      response('200 OK', { ...base, toTag: 't', cseq: 1, method: 'INVITE', branch: invite }),
      back,
      ms(at + 20),
    ),
    sipRecord(request('BYE', { ...base, toTag: 't', cseq: 2, branch: bye }), addresses, ms(at + 220)),
    sipRecord(response('200 OK', { ...base, toTag: 't', cseq: 2, method: 'BYE', branch: bye }), back, ms(at + 225)),
  ];
}

/** `n` calls with the same numbers, 200 ms apart, each relayed by a proxy with its Call-ID kept. */
function proxiedCalls(n: number, uac: string, proxy: string, uas: string) {
  return Array.from({ length: n }, (_, k) => [
    ...hop(`${k + 1}-4242@${uac}`, { from: uac, to: proxy }, k * 200, 'in'),
    ...hop(`${k + 1}-4242@${uac}`, { from: proxy, to: uas }, k * 200 + 2, 'out'),
  ]).flat();
}

const describeCalls = (calls: CallGraph[]) =>
  calls
    .map((c) => `${c.legs.length}:${[...c.sipCallIds].sort().join(',')}:${c.links.map((l) => l.kind).join(',')}`)
    .sort();
const shape = (records: ReturnType<typeof sipRecord>[]) => describeCalls(correlate(records).calls);

// RFC 3261 §16.6: a proxy forwards a copy of the request, Call-ID and all; only a B2BUA makes a
// new one. The same numbers 200 ms apart are then no evidence that one call caused the next.
describe('Call-IDs relayed by a proxy are not B2BUA hops', () => {
  it('five calls through a proxy with the same numbers 200 ms apart stay five calls', () => {
    const calls = shape(proxiedCalls(5, '192.0.2.1', '192.0.2.2', '192.0.2.3'));
    expect(calls).toHaveLength(5);
    for (const call of calls) expect(call).toMatch(/^2:\d-4242@192\.0\.2\.1:same-call-id$/);
  });

  it('also when both ends are one address (a SIPp client and server on one host)', () => {
    const calls = shape(proxiedCalls(5, '127.0.0.1', '127.0.0.2', '127.0.0.1'));
    expect(calls).toHaveLength(5);
    // Both hops of a call run between the same two addresses: one leg each, and one call each.
    for (const call of calls) expect(call).toMatch(/^\d:\d-4242@127\.0\.0\.1:[a-z-]*$/);
  });

  it('the incremental assembler agrees with the batch, whatever the order the legs arrive in', () => {
    const records = proxiedCalls(5, '192.0.2.1', '192.0.2.2', '192.0.2.3');
    for (const [name, order] of [
      ['in time order', records],
      ['reversed', [...records].reverse()],
    ] as const) {
      const correlator = new Correlator();
      const live = new Map<string, CallGraph>();
      const apply = (out: { calls: CallGraph[]; removedCalls: string[] }) => {
        for (const id of out.removedCalls) live.delete(id);
        for (const call of out.calls) live.set(call.id, call);
      };
      for (const record of order) {
        correlator.add([record]);
        apply(correlator.flush());
      }
      apply(correlator.flushAll());
      expect(describeCalls([...live.values()]), name).toEqual(shape(records));
    }
  });

  it('a B2BUA, which makes a new Call-ID, is still joined to the call it serves', () => {
    const b2bua = [
      ...hop('leg-a', { from: '192.0.2.1', to: '192.0.2.2' }, 0, 'a'),
      ...hop('leg-b', { from: '192.0.2.2', to: '192.0.2.3' }, 15, 'b'),
    ];
    expect(shape(b2bua)).toEqual(['2:leg-a,leg-b:b2bua']);
  });
});
