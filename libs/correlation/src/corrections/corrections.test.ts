import { seedCallDevices, seedCallExpectation, seedCallRecords } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import { Correlator } from '../engine/correlator';
import type { CallGraph } from '../model/call-graph';
import type { Correction } from './correction';
import { correctionProblem } from './correction';
import { regroupCalls } from './regroup-calls';

// The seed call (samples/seed-call/README.md): 8 legs, one call. L7 is cs-b's recording leg to rec-1.
const expected = seedCallExpectation();
const callIdOf = (name: string) => expected.legs.find((l) => l.name === name)!.callId;

function seedCalls(corrections: Correction[] = []): CallGraph[] {
  const correlator = new Correlator({}, seedCallDevices());
  correlator.setCorrections(corrections);
  correlator.add(seedCallRecords());
  const calls = new Map<string, CallGraph>();
  for (const out of [correlator.flush(), correlator.flushAll()]) {
    for (const id of out.removedCalls) calls.delete(id);
    for (const call of out.calls) calls.set(call.id, call);
  }
  return [...calls.values()].sort((a, b) => b.legs.length - a.legs.length);
}

const [whole] = seedCalls();
const legOf = (name: string) => whole!.legs.find((l) => l.callId === callIdOf(name))!;
const split = (legId: string, at = 1): Correction => ({
  id: `split-${at}`,
  action: 'split',
  legs: [legId],
  reason: 'recorder belongs to another customer',
  author: 'alice',
  at,
});

describe('corrections made by hand', () => {
  it('splits a leg out of the call, listing the automatic links it overruled', () => {
    const recording = legOf('L7');
    const calls = seedCalls([split(recording.id)]);
    expect(calls.map((c) => c.legs.length)).toEqual([7, 1]);
    const alone = calls[1]!;
    expect(alone.legs[0]!.id).toBe(recording.id);
    expect(alone.corrections).toHaveLength(1);
    expect(alone.corrections![0]!.overruled.map((l) => l.kind)).toContain('recording');
    expect(alone.links).toEqual([]);
    // The call it left shows the same correction beside its automatic evidence.
    expect(calls[0]!.corrections?.map((c) => c.reason)).toEqual(['recorder belongs to another customer']);
    expect(calls[0]!.links.some((l) => l.legs.includes(recording.id))).toBe(false);
  });

  it('joins two calls with a manual link whose evidence names author and reason, and a later join undoes a split', () => {
    const recording = legOf('L7');
    const join: Correction = {
      id: 'join-2',
      action: 'join',
      legs: [legOf('L1').id, recording.id],
      reason: 'same customer complaint',
      author: 'bob',
      at: 2,
    };
    const calls = seedCalls([split(recording.id), join]);
    expect(calls.map((c) => c.legs.length)).toEqual([8]);
    const manual = calls[0]!.links.find((l) => l.kind === 'manual')!;
    expect(manual.evidence[0]!.detail).toBe('bob joined these legs: same customer complaint');
    expect(calls[0]!.corrections!.map((c) => c.action)).toEqual(['split', 'join']);
  });

  it('ignores a join older than a split of one of its legs', () => {
    const recording = legOf('L7');
    const join: Correction = {
      ...split(recording.id, 1),
      id: 'j',
      action: 'join',
      legs: [legOf('L1').id, recording.id],
    };
    expect(seedCalls([join, split(recording.id, 2)]).map((c) => c.legs.length)).toEqual([7, 1]);
  });

  it('re-groups stored calls the same way the correlator does, and back again', () => {
    const recording = legOf('L7');
    const corrected = seedCalls([split(recording.id)]);
    const regrouped = regroupCalls([whole!], [split(recording.id)], 5_000_000);
    expect(regrouped.calls.map((c) => c.legs.map((l) => l.id).sort())).toEqual(
      corrected.map((c) => c.legs.map((l) => l.id).sort()),
    );
    expect(regrouped.calls.map((c) => c.links)).toEqual(corrected.map((c) => c.links));
    expect(regrouped.removed).toEqual([]);
    // Joined again from the split calls: the overruled links come back with the manual one.
    const join: Correction = {
      ...split(recording.id, 2),
      id: 'j',
      action: 'join',
      legs: [legOf('L2').id, recording.id],
    };
    const back = regroupCalls(regrouped.calls, [split(recording.id), join], 5_000_000);
    expect(back.calls.map((c) => c.legs.length)).toEqual([8]);
    expect(back.removed).toEqual([corrected[1]!.id]);
  });

  it('refuses a correction without a reason or with the wrong legs', () => {
    expect(correctionProblem({ action: 'split', legs: ['a'], reason: ' ', author: 'a' })).toMatch(/reason/);
    expect(correctionProblem({ action: 'join', legs: ['a', 'a'], reason: 'r', author: 'a' })).toMatch(/two different/);
    expect(correctionProblem({ action: 'join', legs: ['a', 'b'], reason: 'r', author: 'a' })).toBeUndefined();
  });
});
