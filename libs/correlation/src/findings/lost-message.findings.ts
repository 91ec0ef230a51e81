import type { Finding } from '../model/finding';
import type { MessageFacts } from '../observe/message-facts';
import { towards, type LegFindingRule } from './finding-context';

const label = (f: MessageFacts) => (f.isRequest ? f.method : `${f.status} ${f.reason}`.trim());

/**
 * A message one device logged as sent (Tx) that the next device, which logs its own SIP traffic,
 * never logged as received (Rx), and never acted on. Only hops where both ends report are judged,
 * and only once the receiver's log has moved past the message (it logged something on this leg more
 * than a clock tick later) or the transaction timer has run: a message still in flight is not lost.
 * A request the receiver answered, or a final response it ACKed, did arrive (only its log line is
 * missing). Retransmissions share a fingerprint, so a message counts as lost only when no copy arrived.
 */
export const lostMessages: LegFindingRule = (leg, options) => {
  const loggers = new Set(leg.facts.map((f) => f.observer));
  const byMessage = new Map<string, MessageFacts[]>();
  for (const f of leg.facts) {
    const key = `${f.fingerprint}\u0000${f.src.id}\u0000${f.dst.id}`;
    byMessage.set(key, [...(byMessage.get(key) ?? []), f]);
  }
  const findings: Finding[] = [];
  for (const copies of byMessage.values()) {
    const sent = copies.filter((f) => f.direction === 'tx' && f.observer === f.src.id);
    if (sent.length === 0) continue;
    const message = sent[0]!;
    const { src, dst } = message;
    if (src.id === dst.id || !loggers.has(dst.id)) continue;
    if (copies.some((f) => f.direction === 'rx' && f.observer === dst.id)) continue;
    const first = Math.min(...sent.map((f) => f.time));
    const receiverMovedOn = leg.facts.some((f) => f.observer === dst.id && f.time > first + CLOCK_TICK_US);
    if (!receiverMovedOn && options.now - first < options.transactionTimeoutUs) continue;
    if (leg.facts.some((f) => f.src.id === dst.id && actsOn(f, message))) continue;
    const what = label(message);
    findings.push({
      code: 'lost-message',
      severity: 'warning',
      title: `${what} sent by ${src.name} never reached ${dst.name} (${towards(leg)})`,
      explanation:
        `${src.name} logged sending this ${what}${sent.length > 1 ? ` (${sent.length} times)` : ''}, and ${dst.name} ` +
        'logs the SIP it receives on this leg but has no record of it and never answered it. It was lost between ' +
        'them: packet loss, a firewall or NAT dropping it, a large UDP message lost to fragmentation, or a wrong ' +
        'destination address or port.',
      legId: leg.summary.id,
      recordIds: sent.map((f) => f.recordId),
    });
  }
  return findings;
};

/** Whole-second FireBrick clocks: a later line from the receiver must be later by more than that. */
const CLOCK_TICK_US = 1_000_000;

/**
 * Whether `reply`, sent by the message's receiver, proves the message arrived: a response to the
 * request (RFC 3261 §17.2.3: same branch, CSeq and method), or the ACK of a final INVITE response
 * (§17.1.1.3, §13.2.2.4: same CSeq number).
 */
function actsOn(reply: MessageFacts, message: MessageFacts): boolean {
  if (message.isRequest)
    return (
      message.method !== 'ACK' &&
      !reply.isRequest &&
      reply.branch === message.branch &&
      reply.cseq === message.cseq &&
      reply.method === message.method
    );
  return (
    message.method === 'INVITE' &&
    message.status >= 200 &&
    reply.isRequest &&
    reply.method === 'ACK' &&
    reply.cseq === message.cseq
  );
}
