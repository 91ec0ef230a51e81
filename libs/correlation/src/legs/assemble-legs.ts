import type { DeviceRef } from '@sipflow/sip';
import type { CallKind, DialogSummary, LegOutcome, LegSummary, LegTimesAtDevice } from '../model/leg';
import type { Party } from '../model/party';
import type { MessageFacts } from '../observe/message-facts';
import { stableId } from '../stable-id';
import { dialogLegKey, NON_DIALOG_METHODS, nonDialogLegKey, pairKey } from './leg-keys';
import { buildTransactions, type Transaction } from './transaction';

export interface LegAssemblyOptions {
  /** Current time (µs) of the correlator's input, for "no response yet" vs "no response". */
  now: number;
  /** RFC 3261 Timer B/F: 64·T1 = 32 s without a final response means none will come. */
  transactionTimeoutUs: number;
  /** A pause longer than this splits a non-dialog leg (registration refreshes) in two. */
  nonDialogGapUs: number;
}

export const DEFAULT_LEG_OPTIONS: Omit<LegAssemblyOptions, 'now'> = {
  transactionTimeoutUs: 32_000_000,
  nonDialogGapUs: 120_000_000,
};

/** A leg with the messages and transactions it was built from (correlation's working form). */
export interface AssembledLeg {
  summary: LegSummary;
  facts: MessageFacts[];
  transactions: Transaction[];
}

const KIND_OF_METHOD: Record<string, CallKind> = {
  INVITE: 'call',
  REGISTER: 'registration',
  OPTIONS: 'options',
  MESSAGE: 'message',
  SUBSCRIBE: 'subscription',
  NOTIFY: 'subscription',
  PUBLISH: 'other',
};

const compareFacts = (a: MessageFacts, b: MessageFacts) =>
  a.time - b.time || (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0);

/**
 * Groups the observations of one SIP Call-ID into legs: one per early-dialog set and pair of
 * devices (RFC 3261 §12: Call-ID + tags), or per non-dialog method and pair of devices. A pure
 * function of the set of observations: the same legs come out whatever order they arrived in.
 */
export function assembleLegs(observations: readonly MessageFacts[], options: LegAssemblyOptions): AssembledLeg[] {
  const sorted = [...observations].sort(compareFacts);
  const groups = new Map<string, { uac: DeviceRef; uas: DeviceRef; facts: MessageFacts[]; originatingTag: string }>();
  const open = (key: string, uac: DeviceRef, uas: DeviceRef, tag: string) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { uac, uas, facts: [], originatingTag: tag }));
    return group;
  };

  // Pass 1: requests without a To tag start legs; the sender is the UAC.
  const rest: MessageFacts[] = [];
  for (const f of sorted) {
    const pair = pairKey(f);
    if (f.isRequest && !f.toTag) {
      const key = NON_DIALOG_METHODS.has(f.method) ? nonDialogLegKey(pair, f.method) : dialogLegKey(pair, f.fromTag);
      open(key, f.src, f.dst, f.fromTag).facts.push(f);
    } else rest.push(f);
  }
  // Pass 2: responses and in-dialog requests join the leg whose originating tag they carry.
  for (const f of rest) {
    const pair = pairKey(f);
    // An OPTIONS or INFO inside a dialog goes with the dialog (its request did); out of dialog with
    // the other transactions of its method between the two devices.
    const byFrom = groups.get(dialogLegKey(pair, f.fromTag));
    const byTo = f.toTag ? groups.get(dialogLegKey(pair, f.toTag)) : undefined;
    const group = byFrom ?? byTo;
    if (group) {
      group.facts.push(f);
      continue;
    }
    if (NON_DIALOG_METHODS.has(f.method) && !f.isRequest) {
      open(nonDialogLegKey(pair, f.method), f.dst, f.src, f.fromTag).facts.push(f);
      continue;
    }
    // The initial request was not seen: the sender of a response, or of an ACK, is on the UAS/UAC
    // side respectively; an in-dialog request's direction is unknown, so the choice is made
    // deterministically on the tags.
    if (!f.isRequest) open(dialogLegKey(pair, f.fromTag), f.dst, f.src, f.fromTag).facts.push(f);
    else if (f.method === 'ACK' || !f.toTag) open(dialogLegKey(pair, f.fromTag), f.src, f.dst, f.fromTag).facts.push(f);
    else {
      const tag = f.fromTag < f.toTag ? f.fromTag : f.toTag;
      const [uac, uas] = tag === f.fromTag ? [f.src, f.dst] : [f.dst, f.src];
      open(dialogLegKey(pair, tag), uac, uas, tag).facts.push(f);
    }
  }

  const legs: AssembledLeg[] = [];
  for (const [key, group] of groups) {
    const segments = key.startsWith('n|') ? splitAtPauses(group.facts, options.nonDialogGapUs) : [group.facts];
    for (const facts of segments) legs.push(buildLeg(key, group.uac, group.uas, group.originatingTag, facts, options));
  }
  return legs.sort((a, b) => a.summary.start - b.summary.start || (a.summary.id < b.summary.id ? -1 : 1));
}

function splitAtPauses(facts: MessageFacts[], gapUs: number): MessageFacts[][] {
  const segments: MessageFacts[][] = [];
  let current: MessageFacts[] = [];
  let last = -Infinity;
  for (const f of facts) {
    if (current.length && f.time - last > gapUs) {
      segments.push(current);
      current = [];
    }
    current.push(f);
    last = f.time;
  }
  if (current.length) segments.push(current);
  return segments;
}

const EMPTY_PARTY: Party = { uri: '', user: '', host: '' };

function buildLeg(
  key: string,
  uac: DeviceRef,
  uas: DeviceRef,
  originatingTag: string,
  facts: MessageFacts[],
  options: LegAssemblyOptions,
): AssembledLeg {
  facts.sort(compareFacts);
  const first = facts[0]!;
  const transactions = buildTransactions(facts);
  const initialTxs = transactions
    .filter((t) => t.outOfDialog && t.method !== 'CANCEL' && t.method !== 'ACK')
    .sort((a, b) => a.cseq - b.cseq || firstTime(a) - firstTime(b));
  const lastInitial = initialTxs[initialTxs.length - 1];
  const method = lastInitial?.method ?? first.method;
  const initial = facts.find((f) => f.initial)?.initial;
  const nonDialog = key.startsWith('n|');
  // A non-dialog leg is named by its first transaction, so refreshes split by pauses stay apart.
  const id = stableId(first.callId, key, nonDialog ? String(initialTxs[0]?.cseq ?? first.cseq) : '');

  const cancels = transactions.filter((t) => t.method === 'CANCEL');
  const byes = transactions.filter((t) => t.method === 'BYE');
  const outcome = legOutcome(method, lastInitial, cancels.length > 0, first.time, options);
  const dialogs = dialogsOf(initialTxs, byes, lastInitial);

  const arrows = new Set<string>();
  for (const f of facts) arrows.add(`${f.fingerprint}|${f.src.id}|${f.dst.id}`);
  const observers = [...new Set(facts.map((f) => f.observer))].sort();
  const firstBye = byes.flatMap((t) => t.requests).sort(compareFacts)[0];

  const summary: LegSummary = {
    id,
    callId: first.callId,
    fromTag: originatingTag,
    uac,
    uas,
    observedBy: observers,
    method,
    kind: KIND_OF_METHOD[method] ?? 'other',
    from: initial?.from ?? EMPTY_PARTY,
    to: initial?.to ?? EMPTY_PARTY,
    requestUri: initial?.requestUri ?? EMPTY_PARTY,
    ...(initial?.assertedIdentity ? { assertedIdentity: initial.assertedIdentity } : {}),
    start: first.time,
    end: facts[facts.length - 1]!.time,
    dialogs,
    outcome,
    ...(lastInitial?.finalStatus !== undefined
      ? { finalStatus: lastInitial.finalStatus, finalReason: lastInitial.finalReason ?? '' }
      : {}),
    times: timesByObserver(facts, initialTxs, cancels, byes),
    ...(firstBye ? { endedBy: firstBye.src.id === uac.id ? ('uac' as const) : ('uas' as const) } : {}),
    messageCount: arrows.size,
    observationCount: facts.length,
    retransmissions: transactions.reduce((sum, t) => sum + t.retransmissions, 0),
    sdpOrigins: [...new Set(facts.map((f) => f.sdpOrigin).filter((o): o is string => !!o))],
    linkHeaders: mergeLinkHeaders(facts),
    recording: facts.some((f) => f.initial?.recording),
    ...(initial?.forwarded ? { forwarded: true as const } : {}),
    numbers: numbersOf(facts),
    open: true,
  };
  return { summary, facts, transactions };
}

const firstTime = (t: Transaction) => Math.min(...t.requests.map((r) => r.time), ...t.responses.map((r) => r.time));

function legOutcome(
  method: string,
  tx: Transaction | undefined,
  cancelled: boolean,
  start: number,
  options: LegAssemblyOptions,
): LegOutcome {
  const status = tx?.finalStatus;
  if (status === undefined) {
    if (method === 'INVITE' && cancelled) return 'cancelled';
    return options.now - start > options.transactionTimeoutUs ? 'no-response' : 'in-progress';
  }
  if (method !== 'INVITE') return status < 300 ? 'ok' : 'failed';
  if (status < 300) return 'answered';
  if (status < 400) return 'redirected';
  if (status === 486 || status === 600) return 'busy';
  if (status === 487) return 'cancelled';
  return 'rejected';
}

function dialogsOf(initialTxs: Transaction[], byes: Transaction[], last: Transaction | undefined): DialogSummary[] {
  const dialogs = new Map<string, DialogSummary>();
  for (const tx of initialTxs) {
    for (const r of tx.responses) {
      if (!r.toTag || r.status < 101) continue;
      const previous = dialogs.get(r.toTag);
      const state = r.status < 200 ? 'early' : r.status < 300 ? 'confirmed' : 'terminated';
      // A dialog only moves forward: early → confirmed/terminated.
      if (!previous || previous.state === 'early')
        dialogs.set(r.toTag, { remoteTag: r.toTag, state, status: r.status });
    }
  }
  // Non-2xx final to the last INVITE ends every early dialog (RFC 3261 §13.2.2.3).
  if (last?.finalStatus !== undefined && last.finalStatus >= 300) {
    for (const d of dialogs.values()) if (d.state === 'early') d.state = 'terminated';
  }
  // A BYE ends the confirmed dialog it names, whichever side sent it (RFC 3261 §15).
  for (const bye of byes) {
    for (const r of bye.requests) {
      for (const tag of [r.fromTag, r.toTag]) {
        const d = dialogs.get(tag);
        if (d?.state === 'confirmed') d.state = 'terminated';
      }
    }
  }
  return [...dialogs.values()].sort((a, b) => (a.remoteTag < b.remoteTag ? -1 : 1));
}

function timesByObserver(
  facts: MessageFacts[],
  initialTxs: Transaction[],
  cancels: Transaction[],
  byes: Transaction[],
): Record<string, LegTimesAtDevice> {
  const times: Record<string, LegTimesAtDevice> = {};
  for (const f of facts) times[f.observer] ??= {};
  const note = (field: keyof LegTimesAtDevice, f: MessageFacts) => {
    const slot = times[f.observer]!;
    const current = slot[field];
    if (current === undefined || f.time < current) slot[field] = f.time;
  };
  const last = initialTxs[initialTxs.length - 1];
  for (const tx of initialTxs) {
    for (const r of tx.requests) {
      if (tx === initialTxs[0]) note('firstRequest', r);
      if (tx === last) note('request', r);
    }
    for (const r of tx.responses) {
      if (r.status === 180 || r.status === 183) note('ringing', r);
      if (r.status >= 200 && r.status < 300 && r.method === 'INVITE') note('answered', r);
      if (tx === last && r.status >= 200) note('final', r);
    }
  }
  for (const tx of cancels) for (const r of tx.requests) note('cancel', r);
  for (const tx of byes) for (const r of tx.requests) note('bye', r);
  return times;
}

function mergeLinkHeaders(facts: MessageFacts[]): Record<string, string[]> {
  const merged: Record<string, Set<string>> = {};
  for (const f of facts) {
    for (const [name, values] of Object.entries(f.initial?.linkHeaders ?? {})) {
      const set = (merged[name] ??= new Set());
      for (const v of values) set.add(v);
    }
  }
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, [...v].sort()]));
}

function numbersOf(facts: MessageFacts[]): string[] {
  const numbers = new Set<string>();
  for (const f of facts) {
    const i = f.initial;
    if (!i) continue;
    for (const p of [i.from, i.to, i.requestUri, i.assertedIdentity]) if (p?.number) numbers.add(p.number);
  }
  return [...numbers].sort();
}
