import { seedCallDevices, seedCallExpectation, seedCallRecords } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import { correlate } from './engine/correlator';

// The seed call (samples/seed-call/README.md): FireBrick syslog records of an 8-leg call.
describe('the seed call', () => {
  const expected = seedCallExpectation();
  const records = seedCallRecords();
  const { calls, rejected } = correlate(records, {}, seedCallDevices());

  it('decodes every record', () => {
    expect(records).toHaveLength(expected.records);
    expect(rejected).toEqual([]);
  });

  it('is one call with 8 legs across 9 device columns (8 devices, the recorder pool counted once)', () => {
    expect(calls).toHaveLength(1);
    const call = calls[0]!;
    expect(call.legs).toHaveLength(8);
    expect(call.devices.map((d) => d.id).sort()).toEqual([...expected.devices].sort());
    const poolsOrDevices = new Set(call.devices.map((d) => d.pool ?? d.id));
    expect(poolsOrDevices.size).toBe(8);
    expect(call.kind).toBe('call');
    expect(call.outcome).toBe('answered');
    expect(call.open).toBe(false);
  });

  it('gives every leg its Call-ID, ends and outcome', () => {
    const call = calls[0]!;
    for (const leg of expected.legs) {
      const found = call.legs.find((l) => l.callId === leg.callId);
      expect(found, leg.name).toBeDefined();
      expect([found!.uac.id, found!.uas.id, found!.outcome], leg.name).toEqual([leg.from, leg.to, leg.outcome]);
    }
  });

  it('explains every link with evidence', () => {
    const call = calls[0]!;
    const name = (id: string) =>
      expected.legs.find((l) => l.callId === call.legs.find((x) => x.id === id)!.callId)!.name;
    const links = call.links.map((l) => ({
      legs: l.legs.map(name).sort().join('-'),
      kind: l.kind,
      device: l.device,
      evidence: l.evidence,
    }));
    // The B2BUA hops are exactly the ones of the ground truth.
    const b2bua = links
      .filter((l) => l.kind === 'b2bua')
      .map((l) => l.legs)
      .sort();
    expect(b2bua).toEqual(
      expected.links
        .filter((l) => l.kind === 'b2bua')
        .map((l) => [...l.legs].sort().join('-'))
        .sort(),
    );
    for (const link of links.filter((l) => l.kind === 'b2bua')) {
      const signals = link.evidence.map((e) => e.signal);
      expect(signals, link.legs).toContain('timing');
      expect(signals, link.legs).toContain('caller');
    }
    // Both recordings joined at the device that started them.
    const recordings = links.filter((l) => l.kind === 'recording');
    expect(recordings.map((l) => l.legs.split('-').find((n) => n === 'L7' || n === 'L8')).sort()).toEqual(['L7', 'L8']);
    expect(recordings.map((l) => l.device).sort()).toEqual(['cs-b', 'cs-c']);
    for (const r of recordings)
      expect(r.evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['X-Record', 'timing']));
    // The fork legs at cs-c show how they were cancelled or answered.
    const desk = links.find((l) => l.legs === 'L2-L3')!;
    expect(desk.evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['fork']));
    const home = links.find((l) => l.legs === 'L2-L4')!;
    expect(home.evidence.map((e) => e.signal)).toEqual(expect.arrayContaining(['answer', 'bye']));
  });

  it('reports the recorder INVITE retransmission and nothing alarming', () => {
    const call = calls[0]!;
    expect(call.findings.map((f) => [f.code, f.severity])).toEqual([['retransmissions', 'info']]);
  });

  it('reports a message one FireBrick sent and the next never logged or answered as lost', () => {
    const text = (r: (typeof records)[number]) => Buffer.from(r.raw).toString('latin1');
    const l2 = expected.legs[1]!.callId;
    // cs-c's 180 Ringing on L2 (Tx at cs-c) without cs-b's Rx copy: lost; cs-b logged on afterwards.
    const ringingAtB = (r: (typeof records)[number]) =>
      r.callId === l2 && r.device.id === 'cs-b' && r.direction === 'rx' && text(r).startsWith('SIP/2.0 180');
    expect(records.filter(ringingAtB)).toHaveLength(1);
    const [call] = correlate(
      records.filter((r) => !ringingAtB(r)),
      {},
      seedCallDevices(),
    ).calls;
    const lost = call!.findings.filter((f) => f.code === 'lost-message');
    expect(lost.map((f) => f.title)).toEqual([expect.stringMatching(/^180 Ringing sent by .+ never reached /)]);
    expect(lost[0]!.legId).toBe(call!.legs.find((l) => l.callId === l2)!.id);
    const sent = records.find(
      (r) => r.callId === l2 && r.device.id === 'cs-c' && r.direction === 'tx' && text(r).startsWith('SIP/2.0 180'),
    );
    expect(lost[0]!.recordIds).toEqual([sent!.recordId]);
    // cs-c's Rx copy of the authenticated INVITE missing: cs-c answered it, so only a log line is gone.
    const inviteAtC = (r: (typeof records)[number]) =>
      r.callId === l2 && r.device.id === 'cs-c' && r.direction === 'rx' && /^INVITE [^]*CSeq: 2 /m.test(text(r));
    expect(records.filter(inviteAtC)).toHaveLength(1);
    const [answered] = correlate(
      records.filter((r) => !inviteAtC(r)),
      {},
      seedCallDevices(),
    ).calls;
    expect(answered!.findings.filter((f) => f.code === 'lost-message')).toEqual([]);
  });

  it('stays one call when two FireBricks log whole seconds and one clock is 3 s slow', () => {
    const skewed = records.map((r) => {
      if (r.device.id !== 'cs-b' && r.device.id !== 'cs-c') return r;
      const shifted = r.device.id === 'cs-c' ? r.captureTimeUs - 3_000_000 : r.captureTimeUs;
      return { ...r, captureTimeUs: Math.floor(shifted / 1_000_000) * 1_000_000, timePrecision: 's' as const };
    });
    const result = correlate(skewed, {}, seedCallDevices()).calls;
    expect(result.map((c) => c.legs.length)).toEqual([8]);
    expect(result[0]!.links.map((l) => l.kind).sort()).toEqual(calls[0]!.links.map((l) => l.kind).sort());
  });

  it('counts the B–C and C–E messages once though two devices logged them', () => {
    const call = calls[0]!;
    const messages = call.legs.reduce((n, l) => n + l.messageCount, 0);
    expect(messages).toBe(expected.messages - 1); // the retransmitted INVITE is one arrow
    const l2 = call.legs.find((l) => l.callId === expected.legs[1]!.callId)!;
    expect(l2.observedBy).toEqual(['cs-b', 'cs-c']);
  });

  it('gives the same call whatever order the records arrive in', () => {
    const shuffled = [...records].sort((a, b) => (a.recordId < b.recordId ? -1 : 1));
    const again = correlate(shuffled, {}, seedCallDevices()).calls;
    expect(again).toEqual(calls);
  });
});

describe('the seed call, one record at a time', () => {
  it('ends where the batch does, whatever the order, emitting partial calls on the way', async () => {
    const { Correlator } = await import('./engine/correlator');
    const records = seedCallRecords();
    const reference = correlate(records, {}, seedCallDevices()).calls;
    for (const seed of [11, 29, 47]) {
      const shuffled = [...records];
      let s = seed;
      for (let i = shuffled.length - 1; i > 0; i--) {
        s = (s * 1103515245 + 12345) & 0x7fffffff;
        const j = s % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const correlator = new Correlator({}, seedCallDevices());
      const calls = new Map<string, unknown>();
      let partials = 0;
      const apply = (out: ReturnType<typeof correlator.flush>) => {
        for (const id of out.removedCalls) calls.delete(id);
        for (const call of out.calls) calls.set(call.id, call);
        partials += out.calls.length;
      };
      for (const record of shuffled) {
        correlator.add([record]);
        apply(correlator.flush());
      }
      apply(correlator.flushAll());
      expect([...calls.values()]).toEqual(reference);
      expect(partials).toBeGreaterThan(records.length / 2);
    }
  });
});
