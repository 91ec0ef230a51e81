import { correlate, type ObservedRecord } from '@sipflow/correlation';
import { seedCallDevices, seedCallExpectation, seedCallRecords } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import type { LadderMessage } from './ladder-message';
import { buildLadder, type LadderArrow, type LadderModel } from './ladder-model';
import { renderLadderSvg } from './render-svg';
import { renderLadderText } from './render-text';
import { Correlator } from '@sipflow/correlation';

/** The seed call (samples/seed-call) as the store would hand its observations back. */
function seedLadderInput(records = seedCallRecords()) {
  const correlator = new Correlator({}, seedCallDevices());
  const { accepted } = correlator.add(records);
  const call = correlate(records, {}, seedCallDevices()).calls[0]!;
  const messages: LadderMessage[] = accepted.map(({ record, facts }: ObservedRecord) => ({
    recordId: record.recordId,
    ts: record.captureTimeUs,
    timePrecision: record.timePrecision,
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
    raw: record.raw,
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

  it('shows what each B2BUA changed in the INVITE it passed on and the answer it passed back', () => {
    const at = (device: string, message: string) =>
      model.rewrites
        .filter((r) => r.device === device && r.message === message)
        .map((r) => r.diff.changes.map((c) => c.detail));
    const [cbInvite] = at('cs-b', 'INVITE');
    expect(cbInvite).toEqual(
      expect.arrayContaining([
        'caller number written nationally: +441632960123 → 01632960123 (same number)',
        'dialled number written nationally: +441632960999 → 01632960999 (same number)',
        'P-Asserted-Identity removed',
        expect.stringMatching(/^media address replaced: 198\.51\.100\.10 → 192\.0\.2\.10/),
      ]),
    );
    // cs-c hands the national number to extension 202 (the fork that answered).
    expect(at('cs-c', 'INVITE').flat()).toContain('dialled number replaced: 01632960999 → 202');
    // Only the answer that went back is paired: not the 487s of the forks cancelled at cs-c.
    expect(
      model.rewrites
        .filter((r) => r.device === 'cs-c')
        .map((r) => r.message)
        .sort(),
    ).toEqual(['200 OK', 'INVITE', 'INVITE', 'INVITE']);
    expect(renderLadderText(model)).toMatch(
      /Changed at each hop:\n[^]*Call server B, INVITE L1 → L2:\n( {4}.+\n)* {4}caller number written nationally: \+441632960123 → 01632960123 \(same number\)\n/,
    );
    const routine = model.rewrites.find((r) => r.device === 'cs-b')!.diff.routine;
    expect(routine).toEqual(expect.arrayContaining(['Via', 'Call-ID', 'Contact']));
  });

  it("carries the call's findings in plain words, pointing at the arrows they mark", () => {
    expect(model.findings.length).toBeGreaterThan(0);
    for (const f of model.findings) {
      expect(f.explanation.length).toBeGreaterThan(20);
      expect(f.arrows.length).toBeGreaterThan(0);
      for (const i of f.arrows) expect(model.arrows[i]!.findings).toContain(f.code);
    }
    const text = renderLadderText(model);
    expect(text).toContain('\nFindings:\n');
    for (const f of model.findings) expect(text).toContain(f.title);
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

describe('clocks and causal order', () => {
  const expected = seedCallExpectation();
  const { model } = (() => {
    const { call, messages } = seedLadderInput();
    return { model: buildLadder(call, messages) };
  })();
  const clock = (m: LadderModel, device: string) => m.clocks.clocks.find((c) => c.device === device)!;

  it("measures the seed call devices' clock offsets from messages logged on both sides of a hop", () => {
    // samples/seed-call/README.md: cs-c runs 4.2 ms ahead, cs-e 6.8 ms behind (cs-b is right).
    expect(model.clocks.reference).toBe('cs-b');
    expect(clock(model, 'cs-c')).toMatchObject({ offsetUs: 4_200, basis: 'two-way' });
    expect(clock(model, 'cs-e')).toMatchObject({ offsetUs: -6_800, basis: 'two-way' });
    expect(clock(model, 'cs-c').uncertaintyUs).toBeLessThan(1_000);
    const hop = model.clocks.hops.find((h) => h.from === 'cs-b' && h.to === 'cs-c')!;
    expect(hop.samples).toBeGreaterThanOrEqual(4);
    expect(hop.medianUs).toBeGreaterThan(0);
    expect(hop.medianUs).toBeLessThan(2_000);
  });

  // cs-b and cs-c log whole seconds (FireBrick display logs) and cs-c's clock is 3 s slow.
  const skewed = seedCallRecords().map((r) => {
    if (r.device.id !== 'cs-b' && r.device.id !== 'cs-c') return r;
    const shifted = r.device.id === 'cs-c' ? r.captureTimeUs - 3_000_000 : r.captureTimeUs;
    return { ...r, captureTimeUs: Math.floor(shifted / 1_000_000) * 1_000_000, timePrecision: 's' as const };
  });
  const { call, messages } = seedLadderInput(skewed);
  const skewedModel = buildLadder(call, messages);

  it('finds a whole-second clock 3 s slow, within the resolution', () => {
    const c = clock(skewedModel, 'cs-c');
    expect(c.resolutionUs).toBe(1_000_000);
    expect(Math.abs(c.offsetUs - -3_000_000)).toBeLessThanOrEqual(c.uncertaintyUs!);
    expect(c.uncertaintyUs).toBeLessThanOrEqual(2_500_000);
  });

  const violations = (arrows: LadderArrow[]) => {
    const position = new Map(arrows.map((a, i) => [a, i]));
    const problems: string[] = [];
    for (const response of arrows.filter((a) => !a.isRequest)) {
      const request = arrows.find(
        (a) => a.isRequest && a.legId === response.legId && a.cseq === response.cseq && a.method === response.method,
      );
      if (request && position.get(request)! > position.get(response)!)
        problems.push(`${response.label} before its ${request.label}`);
    }
    const firstInvite = (leg: number) =>
      position.get(
        arrows.find(
          (a) =>
            a.method === 'INVITE' && a.isRequest && skewedModel.legs[a.legIndex]!.callId === expected.legs[leg]!.callId,
        )!,
      )!;
    // L1 arrives at cs-b, which sends L2 to cs-c, which forks L3–L5 (samples/seed-call/README.md).
    for (const [cause, effect] of [
      [0, 1],
      [1, 2],
      [1, 3],
      [1, 4],
    ] as const)
      if (firstInvite(cause) > firstInvite(effect)) problems.push(`L${effect + 1} INVITE before L${cause + 1} INVITE`);
    return problems;
  };

  it('orders the arrows by cause and effect despite the skew', () => {
    expect(violations(skewedModel.arrows)).toEqual([]);
    // Sorted by the devices' own timestamps, the same arrows break causality.
    const byStamp = [...skewedModel.arrows].sort((a, b) => a.ts - b.ts);
    expect(violations(byStamp).length).toBeGreaterThan(0);
  });

  it('draws a message sent but never received as lost', () => {
    const l2 = expected.legs[1]!;
    const ringingAtB = (r: (typeof skewed)[number]) =>
      r.callId === l2.callId &&
      r.device.id === 'cs-b' &&
      r.direction === 'rx' &&
      Buffer.from(r.raw).toString('latin1').startsWith('SIP/2.0 180');
    const { call: lossy, messages: fewer } = seedLadderInput(seedCallRecords().filter((r) => !ringingAtB(r)));
    const lost = buildLadder(lossy, fewer).arrows.filter((a) => a.lost);
    expect(lost.map((a) => [a.label, a.fromDevice, a.toDevice])).toEqual([['180 Ringing', 'cs-c', 'cs-b']]);
    expect(skewedModel.arrows.filter((a) => a.lost)).toEqual([]);
    const text = renderLadderText(buildLadder(lossy, fewer));
    // cs-c → cs-b runs right to left: it ends short of Call server B's lifeline.
    expect(text).toMatch(/\| {1,3}x-*180 Ringing-*\|/);
    expect(text.match(/\| {1,3}x/g)).toHaveLength(1);
  });

  it('lists clock offsets and hop delays under the text ladder', () => {
    const text = renderLadderText(model);
    expect(text).toContain('Clocks (against Call server B):');
    expect(text).toMatch(/Call server C \(PBX\) \+4\.2 ms ±0\.\d ms/);
    expect(text).toMatch(/Call server B → Call server C \(PBX\) 0\.\d ms ±\d\.\d ms \(\d messages\)/);
  });
});

describe('SVG ladder of the seed call', () => {
  const { call, messages } = seedLadderInput();
  const model = buildLadder(call, messages);

  it('draws every arrow in its leg colour with the columns and legs, text escaped', () => {
    const named = {
      ...model,
      columns: model.columns.map((c, i) => (i === 0 ? { ...c, name: 'SBC <edge> & "core"' } : c)),
    };
    const svg = renderLadderSvg(named, { title: `call ${call.id}` });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g class="arrow"/g)).toHaveLength(model.arrows.length);
    expect(svg).toContain('SBC &lt;edge&gt; &amp; &quot;core&quot;');
    expect(svg).not.toContain('<edge>');
    for (const leg of model.legs) expect(svg).toContain(`stroke="${leg.colour}"`);
    expect(svg).toContain('INVITE ×2');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  });
});
