import type { CallGraph } from '../model/call-graph';
import type { LegSummary } from '../model/leg';

/**
 * A leg of a call as support staff name it: its label in the ladder (L1, L2 … in order of start),
 * its leg id, or its SIP Call-ID when only one leg of the call has it. Undefined if none matches.
 */
export function legByReference(call: CallGraph, ref: string): LegSummary | undefined {
  const byLabel = /^L(\d+)$/i.exec(ref.trim());
  if (byLabel) return call.legs[Number(byLabel[1]) - 1];
  const byId = call.legs.find((l) => l.id === ref);
  if (byId) return byId;
  const byCallId = call.legs.filter((l) => l.callId === ref);
  return byCallId.length === 1 ? byCallId[0] : undefined;
}
