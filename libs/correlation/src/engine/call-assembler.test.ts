import { seedCallDevices, seedCallRecords } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import { CallAssembler } from './call-assembler';
import { Correlator } from './correlator';
import { DEFAULT_CORRELATOR_OPTIONS } from './options';

// The seed call (samples/seed-call) through stage 1, its legs into a stage-2 assembler as a
// correlator process takes them from sip.legs.v1.
describe('CallAssembler.currentCalls', () => {
  it('keeps every built call after the flush that reported it (what a new partition owner writes)', () => {
    const correlator = new Correlator({}, seedCallDevices());
    correlator.add(seedCallRecords());
    const { legs } = correlator.flushAll();
    const assembler = new CallAssembler({ ...DEFAULT_CORRELATOR_OPTIONS, evictClosed: false });
    expect(assembler.currentCalls()).toEqual([]);
    for (const update of legs) assembler.upsert(update);
    const first = assembler.flush().calls;
    expect(first).toHaveLength(1);
    expect(first[0]!.legs).toHaveLength(8);
    // Nothing changed since: flush reports nothing, the call is still there to be written.
    expect(assembler.flush().calls).toEqual([]);
    expect(assembler.currentCalls()).toEqual(first);
    // A removed leg leaves a call of seven.
    assembler.remove(first[0]!.legs.at(-1)!.id);
    assembler.flush();
    expect(assembler.currentCalls().map((c) => c.legs.length)).toEqual([7]);
  });
});
