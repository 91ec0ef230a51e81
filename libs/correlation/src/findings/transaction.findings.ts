import type { Finding } from '../model/finding';
import type { Transaction } from '../legs/transaction';
import { formatDelay } from '../links/clock';
import { towards, type LegFindingRule } from './finding-context';

const ids = (...groups: { recordId: string }[][]) => [...new Set(groups.flat().map((f) => f.recordId))];
const firstTime = (facts: { time: number }[]) => Math.min(...facts.map((f) => f.time));

/** RFC 3261 §13.3.1.4: a UAS retransmits its 2xx until the ACK arrives, and gives up after 64·T1. */
export const unackedTwoXx: LegFindingRule = (leg, options) => {
  const findings: Finding[] = [];
  // Any ACK with the INVITE's CSeq number acknowledges its 2xx (§13.2.2.4), whatever branch it took.
  const ackCseqs = new Set(leg.transactions.flatMap((t) => t.acks.map((a) => a.cseq)));
  for (const tx of leg.transactions) {
    if (tx.method !== 'INVITE') continue;
    const ok = tx.responses.filter((r) => r.status >= 200 && r.status < 300);
    if (ok.length === 0 || ackCseqs.has(tx.cseq)) continue;
    const answered = firstTime(ok);
    const laterTraffic = leg.facts.some((f) => f.time > answered + options.transactionTimeoutUs);
    if (options.now - answered < options.transactionTimeoutUs && !laterTraffic) continue;
    findings.push({
      code: 'unacked-2xx',
      severity: 'error',
      title: `200 OK never acknowledged on ${towards(leg)}`,
      explanation:
        `${leg.summary.uas.name} answered but no ACK came back. The answering side resends its 200 OK for 32 seconds ` +
        'and then hangs up (RFC 3261 §13.3.1.4) — the classic "call drops after 32 seconds". The ACK is usually lost ' +
        'to NAT, or sent to a wrong address taken from the Contact or Record-Route of the 200 OK.',
      legId: leg.summary.id,
      recordIds: ids(ok, tx.requests),
    });
  }
  return findings;
};

export const retransmissions: LegFindingRule = (leg) => {
  const findings: Finding[] = [];
  for (const tx of leg.transactions) {
    if (tx.retransmissions === 0 || tx.method === 'ACK') continue;
    const sent = firstTime(tx.requests);
    const replied = tx.responses.length ? firstTime(tx.responses) : undefined;
    findings.push({
      code: 'retransmissions',
      severity: tx.retransmissions >= 3 ? 'warning' : 'info',
      title: `${tx.method} retransmitted ${tx.retransmissions}× on ${towards(leg)}`,
      explanation:
        `${leg.summary.uac.name} sent the ${tx.method} ${tx.retransmissions + 1} times` +
        (replied !== undefined
          ? `; the first response came ${formatDelay(replied - sent)} after the first transmission. Over UDP a request is repeated after 500 ms, 1 s, 2 s… until a response arrives (RFC 3261 §17.1.1.2): a slow or overloaded ${leg.summary.uas.name}, or packet loss on the path.`
          : `, and no response came: ${leg.summary.uas.name} is unreachable or dropping the requests (firewall, wrong port, or it ignores unknown sources).`),
      legId: leg.summary.id,
      recordIds: ids(tx.requests),
    });
  }
  return findings;
};

export const noFinalResponse: LegFindingRule = (leg, options) => {
  const findings: Finding[] = [];
  for (const tx of leg.transactions) {
    if (tx.method === 'ACK' || tx.requests.length === 0 || tx.finalStatus !== undefined) continue;
    const sent = firstTime(tx.requests);
    if (options.now - sent < options.transactionTimeoutUs) continue;
    // A CANCELled INVITE whose 487 is missing is reported here too: the UAS must still answer it.
    const provisional = tx.responses.length > 0;
    findings.push({
      code: 'no-final-response',
      severity: 'error',
      title: `${tx.method} on ${towards(leg)} never got a final response`,
      explanation: provisional
        ? `${leg.summary.uas.name} answered ${tx.responses.map((r) => r.status).join(', ')} but never a final response. ` +
          'An INVITE transaction that reaches no final response times out after 32 seconds (Timer B) or, once provisional, waits for the caller to give up.'
        : `Nothing answered the ${tx.method} within 32 seconds (RFC 3261 Timer ${tx.method === 'INVITE' ? 'B' : 'F'}): ` +
          `${leg.summary.uas.name} is down, unreachable, or silently dropping requests from ${leg.summary.uac.name}.`,
      legId: leg.summary.id,
      recordIds: ids(tx.requests),
    });
  }
  return findings;
};

const invites = (txs: Transaction[]) => txs.filter((t) => t.method === 'INVITE' && t.outOfDialog);

export const cancelRace: LegFindingRule = (leg) => {
  const cancels = leg.transactions.filter((t) => t.method === 'CANCEL' && t.requests.length > 0);
  if (cancels.length === 0) return [];
  const answered = invites(leg.transactions).filter((t) => (t.finalStatus ?? 0) >= 200 && (t.finalStatus ?? 0) < 300);
  if (answered.length === 0) return [];
  return [
    {
      code: 'cancel-race',
      severity: 'warning',
      title: `CANCEL crossed the 200 OK on ${towards(leg)}`,
      explanation:
        `${leg.summary.uac.name} cancelled the call while ${leg.summary.uas.name} was answering it. The CANCEL has no ` +
        'effect once a 200 OK is sent (RFC 3261 §9.2): the caller must ACK the 200 and then send BYE. If no BYE follows, ' +
        'the callee keeps a call with nobody on the other end.',
      legId: leg.summary.id,
      recordIds: ids(
        ...cancels.map((c) => c.requests),
        ...answered.map((t) => t.responses.filter((r) => r.status < 300)),
      ),
    },
  ];
};

export const terminatedWithoutCancel: LegFindingRule = (leg) => {
  if (leg.transactions.some((t) => t.method === 'CANCEL')) return [];
  const terminated = invites(leg.transactions).filter((t) => t.finalStatus === 487);
  return terminated.map((tx) => ({
    code: '487-without-cancel' as const,
    severity: 'warning' as const,
    title: `487 Request Terminated without a CANCEL on ${towards(leg)}`,
    explanation:
      `${leg.summary.uas.name} ended the INVITE with 487 although no CANCEL was seen on this leg. 487 is the answer to ` +
      'a CANCEL (RFC 3261 §9.2); without one, the CANCEL went missing from the logs, or the device terminated the call ' +
      'itself (a ring timeout or a fork limit) and reported it as 487.',
    legId: leg.summary.id,
    recordIds: ids(tx.responses.filter((r) => r.status === 487)),
  }));
};

export const rejectedWithReason: LegFindingRule = (leg, options) => {
  const initial = invites(leg.transactions).concat(
    leg.transactions.filter(
      (t) => t.outOfDialog && t.method !== 'INVITE' && t.method !== 'CANCEL' && t.method !== 'ACK',
    ),
  );
  const last = initial.sort((a, b) => a.cseq - b.cseq)[initial.length - 1];
  const status = last?.finalStatus;
  // Challenges, CANCEL's 487 and busy are the protocol working as intended, not problems.
  if (!last || status === undefined || status < 400 || [401, 407, 486, 487, 600].includes(status)) return [];
  const final = last.responses.find((r) => r.status === status)!;
  const told = [
    ...(final.warnings ?? []).map((w) => `Warning: ${w}`),
    ...(final.reasons ?? []).map((r) => `Reason: ${r}`),
  ];
  return [
    {
      code: 'rejected-with-reason',
      severity: status >= 500 ? 'error' : 'warning',
      title: `${status} ${last.finalReason ?? ''} to ${last.method} on ${towards(leg)}`.replace(/\s+/g, ' '),
      explanation:
        `${options.explainStatus(status, last.method)} ` +
        (told.length
          ? `${leg.summary.uas.name} said why: ${told.join('; ')}.`
          : `${leg.summary.uas.name} gave no Warning or Reason header; its own log is the next place to look.`),
      legId: leg.summary.id,
      recordIds: ids([final]),
    },
  ];
};
