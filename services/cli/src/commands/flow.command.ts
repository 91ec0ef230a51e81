import { buildLadder, renderLadderText } from '@sipflow/ladder';
import { HoldStore } from '@sipflow/store';
import { CliError, ExitCode } from '../cli-error';
import type { CliIo } from '../main';
import { findCall, isoOf, withStore } from './store-access';

export interface FlowOptions {
  data: string;
  json?: boolean;
  text?: boolean;
}

/** `sipflow flow CALL`: one call graph as JSON, or as a ladder in the terminal. */
export async function flowCommand(ref: string, options: FlowOptions, io: CliIo, colour: boolean): Promise<void> {
  const result = await withStore(options.data, 'flow', async (store) => {
    const call = await findCall(store, ref);
    if (!call) return undefined;
    // Observations can carry their own clocks: allow a margin around the call's span.
    const messages = await store.messagesOf(call.sipCallIds, call.start - 60_000_000, call.end + 60_000_000);
    return { call, messages, holds: await new HoldStore(store).list(call.id) };
  });
  if (!result)
    throw new CliError(
      `no call ${ref} (neither a sipflow call id nor a SIP Call-ID in the store)`,
      ExitCode.invalidInput,
    );
  const { call, messages, holds } = result;
  const ladder = buildLadder(call, messages);
  if (options.text) {
    io.out(renderLadderText(ladder, { colour }));
    for (const h of holds)
      io.out(`Held until ${new Date(h.expires).toISOString()} by ${h.author} (${h.id}): ${h.reason}\n`);
    return;
  }
  const legOf = new Map<string, string>();
  for (const arrow of ladder.arrows) for (const o of arrow.observations) legOf.set(o.recordId, arrow.legId);
  const out = {
    id: call.id,
    kind: call.kind,
    start: isoOf(call.start),
    end: isoOf(call.end),
    outcome: call.outcome,
    devices: ladder.columns.map((c) => ({
      id: c.id,
      name: c.name,
      ...(c.pool ? { pool: c.pool } : {}),
      ...(c.address ? { address: c.address } : {}),
    })),
    legs: call.legs.map((leg, i) => ({
      id: leg.id,
      label: ladder.legs[i]!.label,
      sipCallId: leg.callId,
      from: leg.uac.id,
      to: leg.uas.id,
      method: leg.method,
      outcome: leg.outcome,
      finalStatus: leg.finalStatus ?? null,
      colour: ladder.legs[i]!.colour,
      start: isoOf(leg.start),
      end: isoOf(leg.end),
    })),
    messages: messages
      .filter((m) => legOf.has(m.recordId))
      .map((m) => ({
        id: m.recordId,
        ts: isoOf(m.ts),
        tsUs: m.ts,
        leg: legOf.get(m.recordId),
        observer: m.deviceId,
        direction: m.direction,
        src: m.src.device,
        dst: m.dst.device,
        summary: m.isRequest ? m.method : `${m.status} ${m.reason}`.trim(),
        raw: Buffer.from(m.raw).toString('latin1'),
      })),
    links: call.links,
    // Why these legs are one call, by leg label: automatic evidence and corrections made by hand.
    evidence: ladder.evidence,
    corrections: call.corrections ?? [],
    holds: holds.map((h) => ({
      id: h.id,
      reason: h.reason,
      author: h.author,
      expires: new Date(h.expires).toISOString(),
    })),
    findings: call.findings,
  };
  io.out(`${JSON.stringify(out, null, 2)}\n`);
}
