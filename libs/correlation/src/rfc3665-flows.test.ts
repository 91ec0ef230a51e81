import { loadRfcFlow } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import { Correlator, correlate } from './engine/correlator';
import type { CallGraph } from './model/call-graph';

// RFC 3665 call flows from the shared corpus (corpus/SOURCES.md: rfc3665/, transcribed by
// rtckit/php-sip, MIT; messages © IETF Trust), captured by a probe that sees every hop. The
// expectations come from the RFC's own descriptions of each flow.
function run(stem: string, stepUs = 10_000) {
  const flow = loadRfcFlow(stem);
  const records = flow.records({ stepUs });
  const { calls, rejected } = correlate(records, {}, flow.devices);
  expect(rejected).toEqual([]);
  return { flow, calls, records };
}

const codes = (call: CallGraph) => call.findings.map((f) => f.code).sort();
const legsOf = (call: CallGraph) => call.legs.map((l) => `${l.uac.name}>${l.uas.name}:${l.outcome}`);

describe('RFC 3665 registration flows', () => {
  it('2.1: a registration challenged once then accepted is one ok item', () => {
    const { calls } = run('2.01_sip-client-new-registration');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'registration', outcome: 'ok' });
    expect(legsOf(calls[0]!)).toEqual(['Bob>SIP Server:ok']);
    // The corpus copy of F4 lacks the empty line that ends the header section; nothing else is wrong.
    expect(calls[0]!.findings.map((f) => [f.code, f.explanation])).toEqual([
      ['semantic-issue', expect.stringContaining('without the empty line')],
    ]);
  });

  it('2.5: credentials refused again is a failed registration with an authentication finding', () => {
    const { calls } = run('2.05_unsuccessful-registration');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'registration', outcome: 'failed' });
    expect(codes(calls[0]!)).toContain('auth-failed');
  });
});

describe('RFC 3665 session flows', () => {
  it('3.2: three hops through two proxies with a 407 are one answered call', () => {
    const { calls } = run('3.02_session-establishment-through-two-proxies');
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(legsOf(call)).toEqual(['Alice>Proxy 1:answered', 'Proxy 1>Proxy 2:answered', 'Proxy 2>Bob:answered']);
    expect(call.links.map((l) => l.kind)).toEqual(['same-call-id', 'same-call-id']);
    expect(call.legs.every((l) => l.endedBy === 'uas')).toBe(true);
    // An erratum in the RFC's example: F4 answers with a nonce that differs from the one F2 issued.
    expect(call.findings.map((f) => [f.code, f.explanation])).toEqual([
      [
        'digest-mismatch',
        expect.stringContaining(
          'nonce "wf84f1ceczx41ae6cbe5aea9c8e88d359" ≠ challenged "f84f1cec41e6cbe5aea9c8e88d359"',
        ),
      ],
    ]);
  });

  it('3.3: challenges by two proxies in two realms are answered, not failures', () => {
    const { calls } = run('3.03_session-with-multiple-proxy-authentication');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.outcome).toBe('answered');
    // No auth-failed: the second 407 names another realm. The example's nonces disagree again (erratum).
    expect(codes(calls[0]!).filter((c) => c !== 'digest-mismatch')).toEqual([]);
    for (const f of calls[0]!.findings) expect(f.explanation).toMatch(/nonce/);
  });

  it('3.4: INVITEs to a dead proxy are retransmitted, then a second proxy answers', () => {
    const { calls } = run('3.04_successful-session-with-proxy-failure', 5_000_000);
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(legsOf(call)[0]).toBe('Alice>Proxy 1:no-response');
    expect(call.outcome).toBe('answered');
    // The second attempt has a new Call-ID but Alice's From tag: one call, linked as a retry.
    expect(call.sipCallIds).toHaveLength(2);
    expect(call.links.find((l) => l.kind === 'retry')?.evidence[0]?.detail).toContain('same From tag 9fxced76sl');
    expect(codes(call)).toEqual(['no-final-response', 'retransmissions', 'slow-post-dial-delay']);
    const retransmission = call.findings.find((f) => f.code === 'retransmissions')!;
    expect(retransmission.title).toContain('6×');
  });

  it('3.5, 3.6, 3.7: ALG, redirect and re-INVITE flows are each one call', () => {
    for (const stem of [
      '3.05_session-through-a-sip-alg',
      '3.06_session-via-redirect-and-proxy-servers-with-sdp-in-ack',
      '3.07_session-with-re-invite-ip-address-change',
    ]) {
      const { calls } = run(stem);
      expect(calls, stem).toHaveLength(1);
      expect(calls[0]!.outcome, stem).toBe('answered');
    }
    const redirect = run('3.06_session-via-redirect-and-proxy-servers-with-sdp-in-ack').calls[0]!;
    expect(legsOf(redirect)[0]).toBe('Alice>Redirect Server:redirected');
  });

  it('3.8: no answer — CANCEL and 487 on every hop, without findings', () => {
    const { calls } = run('3.08_unsuccessful-no-answer');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.legs.map((l) => l.outcome)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(codes(calls[0]!)).toEqual([]);
  });

  it('3.9: busy is an outcome, not a problem', () => {
    const { calls } = run('3.09_unsuccessful-busy');
    expect(calls[0]!.outcome).toBe('busy');
    expect(codes(calls[0]!)).toEqual([]);
  });

  it('3.10: a silent user agent — retransmissions, then 480 explained', () => {
    const { calls } = run('3.10_unsuccessful-no-response-from-user-agent', 4_000_000);
    const call = calls[0]!;
    expect(call.outcome).toBe('rejected');
    expect(codes(call)).toEqual(expect.arrayContaining(['retransmissions', 'rejected-with-reason']));
    const silent = call.findings.find((f) => f.code === 'retransmissions')!;
    expect(silent.severity).toBe('warning');
    expect(silent.title).toContain('Proxy 2 → Bob');
  });

  it('3.11: 480 Temporarily Unavailable on every hop', () => {
    const { calls } = run('3.11_unsuccessful-temporarily-unavailable');
    expect(calls[0]!.legs.map((l) => l.finalStatus)).toEqual([480, 480, 480]);
    expect(calls[0]!.findings.filter((f) => f.code === 'rejected-with-reason')).toHaveLength(3);
  });
});

describe('order and increments do not change the result', () => {
  const stems = [
    '2.05_unsuccessful-registration',
    '3.02_session-establishment-through-two-proxies',
    '3.03_session-with-multiple-proxy-authentication',
    '3.07_session-with-re-invite-ip-address-change',
    '3.08_unsuccessful-no-answer',
  ];
  const shuffle = <T>(items: T[], seed: number) => {
    const out = [...items];
    let s = seed;
    for (let i = out.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) & 0x7fffffff;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };

  it.each(stems)('%s: any arrival order gives the same calls', (stem) => {
    const flow = loadRfcFlow(stem);
    const records = flow.records();
    const reference = correlate(records, {}, flow.devices).calls;
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(correlate(shuffle(records, seed), {}, flow.devices).calls).toEqual(reference);
    }
  });

  it.each(stems)('%s: flushing after every record ends where the batch does', (stem) => {
    const flow = loadRfcFlow(stem);
    const records = flow.records();
    const reference = correlate(records, {}, flow.devices).calls;
    const correlator = new Correlator({}, flow.devices);
    const calls = new Map<string, CallGraph>();
    const apply = (out: ReturnType<Correlator['flush']>) => {
      for (const id of out.removedCalls) calls.delete(id);
      for (const call of out.calls) calls.set(call.id, call);
    };
    for (const record of shuffle(records, 7)) {
      correlator.add([record]);
      apply(correlator.flush());
    }
    apply(correlator.flushAll());
    expect([...calls.values()].sort((a, b) => a.start - b.start)).toEqual(reference);
  });
});

describe('findings explain themselves', () => {
  it('a 480 says what it means and where to look', () => {
    const { calls } = run('3.11_unsuccessful-temporarily-unavailable');
    const finding = calls[0]!.findings.find((f) => f.code === 'rejected-with-reason')!;
    expect(finding.title).toMatch(/^480 Temporarily Unavailable to INVITE/);
    expect(finding.explanation).toMatch(/not reachable right now.*registration/);
  });
});
