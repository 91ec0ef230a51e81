import { describe, expect, it } from 'vitest';
import { correlate } from '../engine/correlator';
import { request, response, sipRecord } from '../test-records';

const T = Date.UTC(2026, 10, 20, 12) * 1000;
const ms = (n: number) => T + n * 1000;

/** An answered call leg between two addresses with extra headers on its INVITE. */
function leg(callId: string, hop: { from: string; to: string }, at: number, extra: string[] = []) {
  const base = { callId, fromTag: `f-${callId}` };
  return [
    sipRecord(request('INVITE', { ...base, cseq: 1, branch: `z9hG4bK${callId}`, extra }), hop, ms(at)),
    sipRecord(
      response('200 OK', { ...base, toTag: 't', cseq: 1, method: 'INVITE', branch: `z9hG4bK${callId}` }),
      { from: hop.to, to: hop.from },
      ms(at + 20),
    ),
  ];
}

const links = (records: ReturnType<typeof sipRecord>[]) => {
  const { calls } = correlate(records);
  return { calls: calls.length, kinds: calls.flatMap((c) => c.links.map((l) => l.kind)).sort(), calls2: calls };
};

describe('explicit link evidence', () => {
  it('RFC 7989 Session-ID: the same local UUID on both legs is one call, whatever the remote part', () => {
    const result = links([
      ...leg('a1', { from: '192.0.2.1', to: '192.0.2.2' }, 0, [
        'Session-ID: ab30317f1a784dc48ff824d0d3715d86;remote=00000000000000000000000000000000',
      ]),
      ...leg('b1', { from: '192.0.2.3', to: '192.0.2.4' }, 60_000, [
        'Session-ID: AB30317F1A784DC48FF824D0D3715D86;remote=47755a9de7794ba387653f2099600ef2',
      ]),
      ...leg('c1', { from: '192.0.2.5', to: '192.0.2.6' }, 0, ['Session-ID: 00000000000000000000000000000000']),
      ...leg('d1', { from: '192.0.2.7', to: '192.0.2.8' }, 0, ['Session-ID: 00000000000000000000000000000000']),
    ]);
    expect(result.kinds).toEqual(['session-id']);
    expect(result.calls).toBe(3);
  });

  it("X-CID naming the other leg's Call-ID, and icid in P-Charging-Vector", () => {
    expect(
      links([
        ...leg('in-leg', { from: '192.0.2.1', to: '192.0.2.2' }, 0),
        ...leg('out-leg', { from: '192.0.2.2', to: '192.0.2.9' }, 30_000, ['X-CID: in-leg']),
      ]).kinds,
    ).toEqual(['x-call-id']);
    expect(
      links([
        ...leg('p', { from: '192.0.2.1', to: '192.0.2.2' }, 0, [
          'P-Charging-Vector: icid-value="AyretyU0dm+6O2IrT5tAFrbHLso=";icid-generated-at=192.0.6.8',
        ]),
        ...leg('q', { from: '192.0.2.5', to: '192.0.2.6' }, 90_000, [
          'P-Charging-Vector: icid-value=AyretyU0dm+6O2IrT5tAFrbHLso=;orig-ioi=home1.net',
        ]),
      ]).kinds,
    ).toEqual(['icid']);
  });

  it('RFC 3891 Replaces joins an attended transfer to the dialog it replaces', () => {
    const result = links([
      ...leg('original@a', { from: '192.0.2.1', to: '192.0.2.2' }, 0),
      ...leg('transfer@c', { from: '192.0.2.3', to: '192.0.2.2' }, 40_000, [
        'Replaces: original@a;to-tag=t;from-tag=f-original@a',
      ]),
    ]);
    expect(result.kinds).toEqual(['replaces']);
    expect(result.calls2[0]!.links[0]!.evidence[0]!.detail).toContain('Replaces: original@a');
  });

  it('operator-configured headers link by equal value; unconfigured ones do not', () => {
    const records = [
      ...leg('m', { from: '192.0.2.1', to: '192.0.2.2' }, 0, ['X-Billing-Ref: 7781']),
      ...leg('n', { from: '192.0.2.3', to: '192.0.2.4' }, 90_000, ['X-Billing-Ref: 7781']),
    ];
    expect(correlate(records).calls).toHaveLength(2);
    const configured = correlate(records, {
      linkHeaders: ['x-billing-ref'],
      calls: {
        b2bua: { windowUs: 5e6, propagationUs: 2e6, clockToleranceUs: 5e4, minScore: 0.5 },
        recording: { windowUs: 5e6, propagationUs: 2e6 },
        extraLinkHeaders: ['x-billing-ref'],
      },
    });
    expect(configured.calls).toHaveLength(1);
  });

  it('B2BUA inference needs more than timing: two unrelated calls through one device stay apart', () => {
    // Both INVITEs leave 192.0.2.2 right after the other arrives, but the numbers differ and
    // nothing propagates.
    const a = leg('x', { from: '192.0.2.1', to: '192.0.2.2' }, 0);
    const b = [
      sipRecord(
        request('INVITE', {
          callId: 'y',
          fromTag: 'fy',
          cseq: 1,
          branch: 'z9hG4bKy',
          from: 'sip:+441632960555@192.0.2.2',
          to: 'sip:+441632960777@192.0.2.9',
          ruri: 'sip:+441632960777@192.0.2.9',
        }),
        { from: '192.0.2.2', to: '192.0.2.9' },
        ms(2),
      ),
    ];
    expect(correlate([...a, ...b]).calls).toHaveLength(2);
  });

  describe('a proxy forwarding calls with the same numbers (RFC 3261 §16.6)', () => {
    const PHONE = '192.0.2.1';
    const PROXY = '192.0.2.2';
    const CALLEE = '192.0.2.3';
    const numbers = {
      from: 'sip:01632960001@192.0.2.1',
      to: 'sip:441632960100@192.0.2.2',
      ruri: 'sip:441632960100@192.0.2.2',
    };
    /** One call: phone → proxy, then the proxy forwards it (its Via on top) with `outCallId`. */
    const proxied = (n: number, at: number, outCallId: string) => {
      const inbound = { callId: `in-${n}`, fromTag: `tag-${n}`, cseq: 1, branch: `z9hG4bKin${n}`, ...numbers };
      const forwarded = {
        ...inbound,
        callId: outCallId,
        branch: `z9hG4bKout${n}`,
        extra: [`Via: SIP/2.0/UDP ${PHONE}:5060;branch=z9hG4bKin${n}`],
      };
      return [
        sipRecord(request('INVITE', inbound), { from: PHONE, to: PROXY }, ms(at)),
        sipRecord(request('INVITE', forwarded), { from: PROXY, to: CALLEE }, ms(at + 5)),
        sipRecord(
          response('200 OK', { ...forwarded, toTag: `t${n}`, method: 'INVITE' }),
          { from: CALLEE, to: PROXY },
          ms(at + 500),
        ),
        sipRecord(
          response('200 OK', { ...inbound, toTag: `t${n}`, method: 'INVITE' }),
          { from: PROXY, to: PHONE },
          ms(at + 505),
        ),
      ];
    };

    it('keeps calls 100 ms apart apart, though timing and numbers would suggest a B2BUA hop', () => {
      const { calls } = correlate([...proxied(1, 0, 'in-1'), ...proxied(2, 100, 'in-2'), ...proxied(3, 200, 'in-3')]);
      expect(calls.map((c) => c.sipCallIds.join(' ')).sort()).toEqual(['in-1', 'in-2', 'in-3']);
      expect(calls.flatMap((c) => c.links.map((l) => l.kind))).toEqual([
        'same-call-id',
        'same-call-id',
        'same-call-id',
      ]);
    });

    it('joins a forwarded leg whose Call-ID the proxy masked by the From tag it kept', () => {
      const { calls } = correlate([...proxied(1, 0, 'masked-1'), ...proxied(2, 100, 'masked-2')]);
      expect(calls.map((c) => c.sipCallIds.slice().sort().join(' ')).sort()).toEqual([
        'in-1 masked-1',
        'in-2 masked-2',
      ]);
      const evidence = calls[0]!.links[0]!.evidence;
      expect(evidence.find((e) => e.signal === 'from-tag')?.values).toEqual({
        fromTag: expect.stringMatching(/^tag-[12]$/),
      });
    });
  });
});
