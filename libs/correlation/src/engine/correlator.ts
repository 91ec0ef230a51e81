import { DeviceDirectory, parseSipMessage, type SipRecord } from '@sipflow/sip';
import type { CallGraph } from '../model/call-graph';
import type { Correction } from '../corrections/correction';
import { extractFacts, type FactsContext, type MessageFacts } from '../observe/message-facts';
import { CallAssembler } from './call-assembler';
import { CallIdCorrelator, type LegUpdate } from './call-id-correlator';
import { DEFAULT_CORRELATOR_OPTIONS, type CorrelatorOptions } from './options';

export interface CorrelationOutput {
  /** Legs created or changed (with their findings). */
  legs: LegUpdate[];
  /** Leg ids that no longer exist (regrouped by late messages). */
  removedLegs: string[];
  /** Calls created or changed. */
  calls: CallGraph[];
  /** Call ids that no longer exist (merged into another call, or split). */
  removedCalls: string[];
}

export interface ObservedRecord {
  record: SipRecord;
  facts: MessageFacts;
}

export interface RejectedRecord {
  recordId: string;
  reason: string;
}

/** Parses records and extracts the facts correlation keeps (one place for both stages' input). */
export class RecordObserver {
  private readonly context: FactsContext;

  constructor(options: CorrelatorOptions, devices: DeviceDirectory = new DeviceDirectory()) {
    this.context = {
      deviceAt: (address, port) => devices.atAddress(address, port),
      numberPlan: options.numberPlan,
      linkHeaders: options.linkHeaders,
    };
  }

  observe(record: SipRecord): { ok: true; facts: MessageFacts } | { ok: false; reason: string } {
    const parsed = parseSipMessage(record.raw);
    if (!parsed.ok) return { ok: false, reason: parsed.error.reason };
    return { ok: true, facts: extractFacts(record, parsed.message, this.context) };
  }
}

/**
 * Both stages in one, self-contained: records in, legs and calls out. Imports and tests use it (it
 * keeps every Call-ID it saw, so any arrival order gives the same calls); the correlator service
 * runs the stages apart, evicts closed Call-IDs and reloads them from the store.
 */
export class Correlator {
  readonly options: CorrelatorOptions;
  private readonly stage1: CallIdCorrelator;
  private readonly stage2: CallAssembler;
  private readonly observer: RecordObserver;
  /** Latest capture time seen: the input's clock. */
  private clock = 0;

  constructor(options: Partial<CorrelatorOptions> = {}, devices: DeviceDirectory = new DeviceDirectory()) {
    this.options = { ...DEFAULT_CORRELATOR_OPTIONS, evictClosed: false, ...options };
    this.stage1 = new CallIdCorrelator(this.options);
    this.stage2 = new CallAssembler(this.options);
    this.observer = new RecordObserver(this.options, devices);
  }

  get now(): number {
    return this.clock;
  }

  /**
   * Parses and adds records. Returns the facts of each accepted record (what the store keeps beside
   * the bytes) and the records that are not SIP messages, with the parser's reason.
   */
  add(records: Iterable<SipRecord>): { accepted: ObservedRecord[]; rejected: RejectedRecord[] } {
    const accepted: ObservedRecord[] = [];
    const rejected: RejectedRecord[] = [];
    for (const record of records) {
      const observed = this.observer.observe(record);
      if (!observed.ok) {
        rejected.push({ recordId: record.recordId, reason: observed.reason });
        continue;
      }
      this.stage1.add(observed.facts);
      accepted.push({ record, facts: observed.facts });
      if (record.captureTimeUs > this.clock) this.clock = record.captureTimeUs;
    }
    return { accepted, rejected };
  }

  /** Emits what changed, judged at `now` (default: the latest capture time seen). */
  flush(now = this.clock): CorrelationOutput {
    return this.apply(this.stage1.flush(now));
  }

  /** Closes everything: the end of an import. */
  flushAll(now = this.clock): CorrelationOutput {
    return this.apply(this.stage1.flushAll(now));
  }

  get activeCallIds(): number {
    return this.stage1.activeCallIds;
  }

  /** Corrections made by hand, applied on top of automatic correlation from the next flush on. */
  setCorrections(corrections: readonly Correction[]): void {
    this.stage2.setCorrections(corrections);
  }

  private apply(stage1: { updates: LegUpdate[]; removed: string[] }): CorrelationOutput {
    for (const id of stage1.removed) this.stage2.remove(id);
    for (const update of stage1.updates) this.stage2.upsert(update);
    const { calls, removed } = this.stage2.flush();
    return { legs: stage1.updates, removedLegs: stage1.removed, calls, removedCalls: removed };
  }
}

/** All calls in a set of records, closed: the batch form (imports, tests). */
export function correlate(
  records: Iterable<SipRecord>,
  options: Partial<CorrelatorOptions> = {},
  devices?: DeviceDirectory,
): { calls: CallGraph[]; rejected: RejectedRecord[] } {
  const correlator = new Correlator(options, devices);
  const { rejected } = correlator.add(records);
  const calls = new Map<string, CallGraph>();
  const apply = (out: CorrelationOutput) => {
    for (const id of out.removedCalls) calls.delete(id);
    for (const call of out.calls) calls.set(call.id, call);
  };
  apply(correlator.flush());
  apply(correlator.flushAll());
  return { calls: [...calls.values()].sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1)), rejected };
}
