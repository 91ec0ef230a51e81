import type { CallGraph, NumberPlan } from '@sipflow/correlation';
import { parseSipMessage, type SipMessage } from '@sipflow/sip';
import type { LadderMessage } from '../ladder-message';
import { diffForwarded, type HopDiff } from './hop-diff';

/** What one B2BUA changed in one message it passed from a leg to the next. */
export interface HopRewrite {
  /** The device in the middle. */
  device: string;
  /** The leg the message arrived on and the leg it left on. */
  fromLegId: string;
  toLegId: string;
  /** 'INVITE', '200 OK', '486 Busy Here'… as received. */
  message: string;
  receivedRecordId: string;
  forwardedRecordId: string;
  diff: HopDiff;
}

type Assigned = LadderMessage & { legId: string };

/**
 * The rewrites at each B2BUA hop of a call: the initial INVITE it received against the one it sent
 * on, and the final response it got back against the one it passed back. Needs the raw messages;
 * observations at the device itself are preferred (what it really received and sent).
 */
export function hopRewrites(call: CallGraph, messages: readonly Assigned[], plan?: NumberPlan): HopRewrite[] {
  const legs = new Map(call.legs.map((l) => [l.id, l]));
  const byLeg = new Map<string, Assigned[]>();
  for (const m of messages) byLeg.set(m.legId, [...(byLeg.get(m.legId) ?? []), m]);
  const rewrites: HopRewrite[] = [];
  for (const link of call.links) {
    if (link.kind !== 'b2bua' || !link.device) continue;
    const device = link.device;
    const [x, y] = link.legs;
    const [inbound, outbound] = legs.get(x)?.uac.id === device ? [y, x] : [x, y];
    const arriving = byLeg.get(inbound) ?? [];
    const leaving = byLeg.get(outbound) ?? [];
    // INVITE in (the last initial one: after any challenge) and out (the first one sent).
    const invitesIn = initialInvites(arriving, (m) => m.dst.device === device);
    const invitesOut = initialInvites(leaving, (m) => m.src.device === device);
    const invite = pair(invitesIn.at(-1), invitesOut[0], device, plan);
    if (invite) rewrites.push({ ...invite, fromLegId: inbound, toLegId: outbound });
    // Final response back (from the outgoing leg's UAS) and what the device answered in turn.
    // Only the response that became the device's answer: a 2xx passed back as a 2xx, or a failure
    // passed back as a failure (not a fork's 487 after another fork answered).
    const finalBack = finals(leaving, (m) => m.dst.device === device).at(-1);
    const finalOut = finals(arriving, (m) => m.src.device === device).at(-1);
    const success = (copies: Assigned[] | undefined) => (copies?.[0]?.status ?? 0) < 300;
    const answer =
      finalBack && finalOut && success(finalBack) === success(finalOut)
        ? pair(finalBack, finalOut, device, plan)
        : undefined;
    if (answer) rewrites.push({ ...answer, fromLegId: outbound, toLegId: inbound });
  }
  return rewrites;
}

function initialInvites(messages: Assigned[], hop: (m: Assigned) => boolean): Assigned[][] {
  const byCseq = new Map<number, Assigned[]>();
  for (const m of messages)
    if (m.isRequest && m.method === 'INVITE' && !m.toTag && hop(m))
      byCseq.set(m.cseq, [...(byCseq.get(m.cseq) ?? []), m]);
  return [...byCseq].sort(([a], [b]) => a - b).map(([, copies]) => copies);
}

function finals(messages: Assigned[], hop: (m: Assigned) => boolean): Assigned[][] {
  const byCseq = new Map<number, Assigned[]>();
  for (const m of messages)
    if (!m.isRequest && m.method === 'INVITE' && m.status >= 200 && hop(m))
      byCseq.set(m.cseq, [...(byCseq.get(m.cseq) ?? []), m]);
  return [...byCseq].sort(([a], [b]) => a - b).map(([, copies]) => copies);
}

/** The copy the device itself logged, else the earliest one, parsed. */
function atDevice(
  copies: Assigned[] | undefined,
  device: string,
): { record: Assigned; message: SipMessage } | undefined {
  if (!copies?.length) return undefined;
  const record = copies.find((c) => c.deviceId === device && c.raw) ?? copies.find((c) => c.raw);
  if (!record?.raw) return undefined;
  const parsed = parseSipMessage(record.raw);
  return parsed.ok ? { record, message: parsed.message } : undefined;
}

function pair(
  received: Assigned[] | undefined,
  forwarded: Assigned[] | undefined,
  device: string,
  plan: NumberPlan | undefined,
): Omit<HopRewrite, 'fromLegId' | 'toLegId'> | undefined {
  const a = atDevice(received, device);
  const b = atDevice(forwarded, device);
  if (!a || !b) return undefined;
  const label = a.record.isRequest ? a.record.method : `${a.record.status} ${a.record.reason}`.trim();
  return {
    device,
    message: label,
    receivedRecordId: a.record.recordId,
    forwardedRecordId: b.record.recordId,
    diff: diffForwarded(a.message, b.message, plan),
  };
}
