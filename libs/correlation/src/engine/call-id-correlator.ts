import type { Finding } from '../model/finding';
import type { LegSummary } from '../model/leg';
import { assembleLegs, type AssembledLeg } from '../legs/assemble-legs';
import { findLegProblems } from '../findings/leg-findings';
import type { MessageFacts } from '../observe/message-facts';
import type { CorrelatorOptions } from './options';

/** A leg as stage 1 emits it: the summary and the findings about it. */
export interface LegUpdate {
  leg: LegSummary;
  findings: Finding[];
}

interface CallIdState {
  facts: MessageFacts[];
  seen: Set<string>;
  /** Signature of each leg last emitted, to emit only what changed. */
  emitted: Map<string, string>;
  lastActivity: number;
  dirty: boolean;
}

/**
 * Stage 1 of correlation, per SIP Call-ID (the bus key, so one Call-ID is always on one partition
 * and in one process): observations → transactions → dialogs → legs, with leg-level findings.
 * Each Call-ID's legs are recomputed from all its observations whenever one arrives, so the
 * result does not depend on arrival order. State is bounded: a Call-ID whose legs are all closed
 * (or idle past the window) is emitted one last time and forgotten.
 */
export class CallIdCorrelator {
  private readonly groups = new Map<string, CallIdState>();
  private readonly dirty = new Set<string>();

  constructor(private readonly options: CorrelatorOptions) {}

  /** Adds an observation; duplicates (same record id, e.g. a replayed batch) are ignored. */
  add(facts: MessageFacts): void {
    let state = this.groups.get(facts.callId);
    if (!state) {
      state = { facts: [], seen: new Set(), emitted: new Map(), lastActivity: facts.time, dirty: false };
      this.groups.set(facts.callId, state);
    }
    if (state.seen.has(facts.recordId)) return;
    state.seen.add(facts.recordId);
    state.facts.push(facts);
    state.lastActivity = Math.max(state.lastActivity, facts.time);
    state.dirty = true;
    this.dirty.add(facts.callId);
  }

  /**
   * Tells a Call-ID reloaded from the store which leg ids were stored for it before: legs the
   * complete set of observations no longer produces are then removed, not left behind.
   */
  knownLegs(callId: string, legIds: readonly string[]): void {
    const state = this.groups.get(callId);
    if (!state) return;
    for (const id of legIds) if (!state.emitted.has(id)) state.emitted.set(id, '');
    state.dirty = true;
    this.dirty.add(callId);
  }

  /** Whether the Call-ID is in state; a Call-ID that is not may have history in the store. */
  knows(callId: string): boolean {
    return this.groups.has(callId);
  }

  get activeCallIds(): number {
    return this.groups.size;
  }

  /** Emits the legs of the Call-IDs that received observations since the last flush (cheap: per batch). */
  flushChanged(now: number): { updates: LegUpdate[]; removed: string[] } {
    const out = { updates: [] as LegUpdate[], removed: [] as string[] };
    for (const callId of this.dirty) {
      const state = this.groups.get(callId);
      if (state) this.flushGroup(callId, state, now, false, out);
    }
    this.dirty.clear();
    return out;
  }

  /**
   * Emits the legs that changed since the last flush, closes legs whose time is up, and forgets
   * Call-IDs that are finished (visits every Call-ID: run it on a timer). `now` is in µs.
   */
  flush(now: number, closeAll = false): { updates: LegUpdate[]; removed: string[] } {
    const out = { updates: [] as LegUpdate[], removed: [] as string[] };
    for (const [callId, state] of this.groups) {
      const idle = now - state.lastActivity;
      const mayClose = closeAll || idle > Math.min(this.options.lingerUs, this.options.evictQuietUs ?? Infinity);
      if (!state.dirty && !mayClose) continue;
      this.flushGroup(callId, state, now, closeAll, out);
    }
    this.dirty.clear();
    return out;
  }

  private flushGroup(
    callId: string,
    state: CallIdState,
    now: number,
    closeAll: boolean,
    { updates, removed }: { updates: LegUpdate[]; removed: string[] },
  ): void {
    const legs = assembleLegs(state.facts, {
      now,
      transactionTimeoutUs: this.options.transactionTimeoutUs,
      nonDialogGapUs: this.options.nonDialogGapUs,
    });
    let allClosed = true;
    const current = new Set<string>();
    for (const leg of legs) {
      leg.summary.open = !closeAll && !this.isClosed(leg, now);
      if (leg.summary.open) allClosed = false;
      current.add(leg.summary.id);
      const findings = findLegProblems(leg, {
        now,
        transactionTimeoutUs: this.options.transactionTimeoutUs,
        slowPostDialDelayUs: this.options.slowPostDialDelayUs,
        explainStatus: this.options.explainStatus,
      });
      const signature = `${leg.summary.observationCount}|${leg.summary.outcome}|${leg.summary.open}|${findings.length}`;
      if (state.emitted.get(leg.summary.id) === signature) continue;
      state.emitted.set(leg.summary.id, signature);
      updates.push({ leg: leg.summary, findings });
    }
    // A leg id can vanish when late messages regroup a Call-ID (e.g. its initial request arrived last).
    for (const id of state.emitted.keys()) {
      if (!current.has(id)) {
        state.emitted.delete(id);
        removed.push(id);
      }
    }
    state.dirty = false;
    if (allClosed && this.options.evictClosed) this.groups.delete(callId);
    else if (
      this.options.evictQuietUs !== undefined &&
      now - state.lastActivity > this.options.evictQuietUs &&
      legs.every(
        (leg) =>
          leg.summary.outcome !== 'in-progress' &&
          leg.transactions.every((t) => t.finalStatus !== undefined || t.method === 'ACK'),
      )
    ) {
      this.groups.delete(callId);
    }
  }

  /**
   * Closes everything (the end of an import): every leg is emitted as it stands, closed, with its
   * outcome judged at `now` (the end of the input).
   */
  flushAll(now: number): { updates: LegUpdate[]; removed: string[] } {
    return this.flush(now, true);
  }

  private isClosed(leg: AssembledLeg, now: number): boolean {
    const { summary } = leg;
    const quiet = now - summary.end;
    if (quiet > this.options.idleWindowUs) return true;
    if (quiet <= this.options.lingerUs) return false;
    if (summary.method === 'INVITE') {
      // Open while a dialog is up (the call is in progress) or the INVITE still awaits an answer.
      if (summary.dialogs.some((d) => d.state === 'confirmed')) return false;
      return summary.outcome !== 'in-progress';
    }
    return summary.outcome !== 'in-progress';
  }
}
