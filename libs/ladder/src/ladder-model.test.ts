import { correlate, type ObservedRecord } from '@sipflow/correlation';
import { seedCallDevices, seedCallRecords } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import type { LadderMessage } from './ladder-message';
import { buildLadder } from './ladder-model';
import { renderLadderText } from './render-text';
import { Correlator } from '@sipflow/correlation';

/** The seed call (samples/seed-call) as the store would hand its observations back. */
function seedLadderInput() {
  const records = seedCallRecords();
  const correlator = new Correlator({}, seedCallDevices());
  const { accepted } = correlator.add(records);
  const call = correlate(records, {}, seedCallDevices()).calls[0]!;
  const messages: LadderMessage[] = accepted.map(({ record, facts }: ObservedRecord) => ({
    recordId: record.recordId,
    ts: record.captureTimeUs,
    callId: record.callId,
    deviceId: record.device.id,
    direction: record.direction,
    src: { device: facts.src.id, address: record.source?.address ?? '', port: record.source?.port ?? 0 },
    dst: { device: facts.dst.id, address: record.destination?.address ?? '', port: record.destination?.port ?? 0 },
    isRequest: facts.isRequest,
    method: facts.method,
    status: facts.status,
    reason: facts.reason,
    cseq: facts.cseq,
    fromTag: facts.fromTag,
    toTag: facts.toTag,
    fingerprint: facts.fingerprint,
    attempt: facts.attempt,
  }));
  return { call, messages };
}

describe('ladder of the seed call', () => {
  const { call, messages } = seedLadderInput();
  const model = buildLadder(call, messages);

  it('has one column per device, the recorder pool side by side', () => {
    expect(model.columns.map((c) => c.id)).toEqual([
      'carrier-sbc',
      'cs-b',
      'cs-c',
      'cs-e',
      'mobile-gw',
      'desk-phone',
      'home-phone',
      'rec-1',
      'rec-2',
    ]);
    expect(model.columns.filter((c) => c.pool === 'recorders').map((c) => c.index)).toEqual([7, 8]);
  });

  it('draws one arrow per SIP message: two observations fold, a retransmission is marked', () => {
    expect(messages).toHaveLength(72);
    expect(model.arrows).toHaveLength(55);
    const twice = model.arrows.filter((a) => a.observations.length === 2);
    expect(twice.every((a) => a.retransmissions > 0 || new Set(a.observations.map((o) => o.device)).size === 2)).toBe(
      true,
    );
    const resent = model.arrows.filter((a) => a.retransmissions > 0);
    expect(resent.map((a) => [a.label, model.columns[a.to]!.id])).toEqual([['INVITE', 'rec-1']]);
    expect(resent[0]!.findings).toEqual(['retransmissions']);
  });

  it('colours 8 legs and assigns every message to one', () => {
    expect(model.legs).toHaveLength(8);
    expect(new Set(model.legs.map((l) => l.colour)).size).toBe(8);
    expect(model.arrows.reduce((n, a) => n + a.observations.length, 0)).toBe(72);
    const first = model.arrows[0]!;
    expect([first.label, model.columns[first.from]!.id, model.columns[first.to]!.id, first.relative]).toEqual([
      'INVITE',
      'carrier-sbc',
      'cs-b',
      0,
    ]);
  });

  it('renders as terminal text with times, legs and arrowheads', () => {
    const text = renderLadderText(model);
    const lines = text.split('\n');
    expect(lines[0]).toContain('Carrier SBC');
    expect(text).toMatch(/\+0\.000s L1 +\|-+INVITE-+>\|/);
    expect(text).toMatch(/<-+180 Ringing-+\|/);
    expect(text).toContain('INVITE ×2');
    expect(text).toContain('L7   Call server B → Recorder 1  INVITE answered');
    expect(renderLadderText(model, { colour: true })).toContain('\u001b[38;5;');
  });
});
