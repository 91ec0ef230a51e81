import { correlate, regroupCalls, type Correction } from '@sipflow/correlation';
import { seedCallDevices, seedCallRecords } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import { buildLadder } from '../ladder-model';
import { renderLadderText } from '../render-text';

// The seed call (samples/seed-call): 7 automatic links; then its recording leg to rec-1 split out by hand.
describe('why these legs are one call', () => {
  const whole = correlate(seedCallRecords(), {}, seedCallDevices()).calls[0]!;

  it('lists every automatic link by leg labels in order, with its evidence in words', () => {
    const { evidence } = buildLadder(whole, []);
    expect(evidence.links).toHaveLength(whole.links.length);
    for (const link of evidence.links) {
      expect(Number(link.legs[0].slice(1))).toBeLessThan(Number(link.legs[1].slice(1)));
      expect(link.evidence.length).toBeGreaterThan(0);
    }
    expect(evidence.corrections).toEqual([]);
  });

  it('shows a correction beside the automatic evidence, with the links it overruled', () => {
    const recording = whole.legs.find((l) => l.uas.id === 'rec-1')!;
    const split: Correction = {
      id: 'c1',
      action: 'split',
      legs: [recording.id],
      reason: 'wrong recorder',
      author: 'alice',
      at: 1e15,
    };
    const { calls } = regroupCalls([whole], [split], 5_000_000);
    const rest = calls.find((c) => c.legs.length === 7)!;
    const ladder = buildLadder(rest, []);
    expect(ladder.evidence.corrections).toMatchObject([
      {
        action: 'split',
        legs: ['another call'],
        author: 'alice',
        overruled: [{ kind: 'recording', legs: [expect.stringMatching(/^L\d$/), 'another call'] }],
      },
    ]);
    const text = renderLadderText(ladder);
    expect(text).toContain(
      'Corrected by hand:\n  a leg split out by alice at 2001-09-09T01:46:40.000Z (c1): wrong recorder',
    );
  });
});
