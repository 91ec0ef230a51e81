import type { MessageFacts } from '../observe/message-facts';

/** RFC 3261 §8.1.1.7: a branch beginning with the magic cookie is a transaction id. */
const MAGIC_COOKIE = 'z9hG4bK';

/**
 * The server-transaction key of RFC 3261 §17.2.3: top Via branch + sent-by + method, where the ACK
 * to a non-2xx response carries the INVITE's branch and belongs to the INVITE transaction
 * (§17.1.1.3), while CANCEL has the INVITE's branch but a transaction of its own (§9.1). RFC 2543
 * peers (no magic cookie) fall back to Call-ID, CSeq, From tag and sent-by (§17.2.3, last paragraph).
 */
export function transactionKey(facts: MessageFacts): string {
  const method = facts.method === 'ACK' ? 'INVITE' : facts.method;
  // The CSeq number is not part of §17.2.3 matching, but a branch reused for a new request (seen in
  // RFC 3665 §3.3 and in broken proxies) must not merge two transactions.
  if (facts.branch.startsWith(MAGIC_COOKIE)) return `${facts.branch}|${facts.sentBy}|${method}|${facts.cseq}`;
  return `2543|${facts.cseq}|${method}|${facts.fromTag}|${facts.sentBy}`;
}

/** One transaction of a leg: its request, the responses, and what each observer saw when. */
export interface Transaction {
  key: string;
  method: string;
  cseq: number;
  /** A request without To tag: the initial INVITE (or its authenticated retry), CANCEL, REGISTER… */
  outOfDialog: boolean;
  /** Observations of the request (all observers, all attempts). */
  requests: MessageFacts[];
  /** Observations of responses, in time order. */
  responses: MessageFacts[];
  /** ACKs: for an INVITE transaction the ACK of a non-2xx final; an ACK-only entry holds a 2xx ACK. */
  acks: MessageFacts[];
  /** The final response status (≥ 200), the last one if several (forked 2xx). */
  finalStatus?: number;
  finalReason?: string;
  /** Distinct transmissions of the request beyond the first, per observer maximum. */
  retransmissions: number;
}

export function buildTransactions(facts: readonly MessageFacts[]): Transaction[] {
  const byKey = new Map<string, Transaction>();
  for (const f of facts) {
    const key = transactionKey(f);
    let tx = byKey.get(key);
    if (!tx) {
      tx = {
        key,
        method: f.method,
        cseq: f.cseq,
        outOfDialog: false,
        requests: [],
        responses: [],
        acks: [],
        retransmissions: 0,
      };
      byKey.set(key, tx);
    }
    // ACKs are kept apart: the ACK to a non-2xx final shares the INVITE's key; the ACK to a 2xx has a
    // branch of its own (§13.2.2.4) and forms an ACK-only entry, matched to its INVITE by CSeq.
    if (f.method === 'ACK') tx.acks.push(f);
    else if (!f.isRequest) tx.responses.push(f);
    else {
      tx.requests.push(f);
      tx.method = f.method;
      if (!f.toTag) tx.outOfDialog = true;
    }
  }
  for (const tx of byKey.values()) {
    const finals = tx.responses.filter((r) => r.status >= 200);
    const last = finals[finals.length - 1];
    if (last) {
      // A forked INVITE can get several 2xx; a 2xx outranks any non-2xx final on the same leg.
      const success = finals.find((r) => r.status < 300);
      const chosen = success ?? last;
      tx.finalStatus = chosen.status;
      tx.finalReason = chosen.reason;
    }
    tx.retransmissions = countRetransmissions(tx.requests);
  }
  return [...byKey.values()];
}

/** Copies of one packet closer together than this are capture duplicates, not retransmissions (T1 is 500 ms). */
const DUPLICATE_WINDOW_US = 20_000;

/**
 * Retransmissions of a request: transmissions of the same message beyond the first, as one
 * observer saw them (a logged attempt number > 0, or a repeated identical observation). The Tx copy
 * at one device and the Rx copy at the next are one transmission, and so are two copies of one
 * packet a mirror port delivered twice within a few milliseconds (RFC 3261 §17.1.1.2: a UDP
 * retransmission comes T1 = 500 ms after the first transmission at the earliest).
 */
export function countRetransmissions(observations: readonly MessageFacts[]): number {
  const times = new Map<string, number[]>();
  for (const o of observations) {
    const key = `${o.observer}|${o.direction}|${o.fingerprint}`;
    const list = times.get(key);
    if (list) list.push(o.time);
    else times.set(key, [o.time]);
  }
  let max = 0;
  for (const list of times.values()) {
    list.sort((a, b) => a - b);
    let transmissions = 1;
    for (let i = 1; i < list.length; i++) if (list[i]! - list[i - 1]! > DUPLICATE_WINDOW_US) transmissions++;
    max = Math.max(max, transmissions - 1);
  }
  return max;
}
