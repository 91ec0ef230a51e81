import type { LegSummary } from '@sipflow/correlation';
import type { LadderMessage } from './ladder-message';

const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Which leg each observation belongs to: same SIP Call-ID, same two devices, and a tag of the leg's
 * dialog (RFC 3261 §12); non-dialog legs (REGISTER, OPTIONS) by method and time span instead.
 * Messages of the call's Call-IDs that match no leg are left out (undefined).
 */
export function assignMessagesToLegs(
  legs: readonly LegSummary[],
  messages: readonly LadderMessage[],
): Map<string, string> {
  const byKey = new Map<string, LegSummary[]>();
  for (const leg of legs) {
    const key = `${leg.callId}\u0000${pair(leg.uac.id, leg.uas.id)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), leg]);
  }
  const assignment = new Map<string, string>();
  for (const m of messages) {
    const candidates = byKey.get(`${m.callId}\u0000${pair(m.src.device, m.dst.device)}`) ?? [];
    const leg =
      candidates.find((l) =>
        l.method === 'INVITE' || l.method === 'SUBSCRIBE' || l.method === 'REFER'
          ? l.fromTag === m.fromTag || l.fromTag === m.toTag
          : false,
      ) ??
      candidates.find((l) => l.method === m.method && m.ts >= l.start - 1 && m.ts <= l.end + 1) ??
      (candidates.length === 1 ? candidates[0] : undefined);
    if (leg) assignment.set(m.recordId, leg.id);
  }
  return assignment;
}
