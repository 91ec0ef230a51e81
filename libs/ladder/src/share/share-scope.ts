import {
  compileCustomers,
  IDENTITY_PLACEHOLDER,
  redactSipMessage,
  type NumberPlan,
  type OwnParties,
  type RedactionPolicy,
} from '@sipflow/auth';
import type { CallGraph } from '@sipflow/correlation';
import { countryCallingCode, normaliseNumber } from '@sipflow/sip';
import type { LadderMessage } from '../ladder-message';

/**
 * Who a shared call is for. `support`: every leg, secrets (digest response/nonce, SDP keys,
 * passwords) masked. `customer`: only the legs touching the customer's own numbers, every other
 * party's identity and all secrets masked (ARCHITECTURE "Access control").
 */
export type ShareScope = { kind: 'support' } | { kind: 'customer'; numbers: readonly string[] };

/** A scope made concrete for one deployment: the redaction policy and which numbers are the recipient's. */
export interface ShareAudience {
  scope: ShareScope;
  policy: RedactionPolicy;
  /** Whether a number (any form) is the recipient's own; always true for support. */
  owns: (number: string) => boolean;
}

export function shareAudience(scope: ShareScope, defaultCountry: string): ShareAudience {
  if (scope.kind === 'support') return { scope, policy: { level: 'secrets' }, owns: () => true };
  const plan: NumberPlan = { countryCode: countryCallingCode(defaultCountry) ?? '44' };
  const own: OwnParties = compileCustomers([{ id: 'share', numbers: scope.numbers, prefixes: [], domains: [] }], {
    plan,
  });
  const owns = (number: string) => {
    const digits = normaliseNumber(number, defaultCountry)?.international ?? number.replace(/\D/g, '');
    return own.numbers.has(digits) || own.prefixes.some((p) => digits.startsWith(p));
  };
  return { scope, policy: { level: 'customer', own, plan }, owns };
}

/**
 * The part of a call a recipient may see: for a customer, the legs naming one of their numbers
 * (links, findings, numbers and devices cut down to those), no corrections (internal notes).
 */
export function scopeCall(call: CallGraph, audience: ShareAudience): CallGraph {
  if (audience.scope.kind === 'support') return call;
  const legs = call.legs.filter((leg) => leg.numbers.some(audience.owns));
  const ids = new Set(legs.map((l) => l.id));
  const devices = new Set(legs.flatMap((l) => [l.uac.id, l.uas.id]));
  const { corrections: _internal, ...rest } = call;
  return {
    ...rest,
    legs,
    links: call.links.filter((l) => ids.has(l.legs[0]) && ids.has(l.legs[1])),
    findings: call.findings.filter((f) => !f.legId || ids.has(f.legId)),
    devices: call.devices.filter((d) => devices.has(d.id)),
    sipCallIds: [...new Set(legs.map((l) => l.callId))],
    numbers: call.numbers.filter(audience.owns),
  };
}

/** The recipient's copy of the messages: only those of the legs shared, redacted by the policy. */
export function scopeMessages<M extends LadderMessage>(
  call: CallGraph,
  messages: readonly M[],
  audience: ShareAudience,
): M[] {
  const sipCallIds = new Set(call.sipCallIds);
  return messages
    .filter((m) => sipCallIds.has(m.callId))
    .map((m) => (m.raw ? { ...m, raw: redactSipMessage(m.raw, audience.policy).bytes } : m));
}

/**
 * Telephone numbers in rendered text (ladder, findings, hop changes) that are not the recipient's,
 * replaced as the message redaction does. A run of 6–15 digits standing alone (not inside a
 * Call-ID, an address or a time) is taken for a number: over-masking is the safe side.
 */
export function maskForeignNumbers(text: string, audience: ShareAudience): string {
  if (audience.scope.kind === 'support') return text;
  return text.replace(/(?<![\w.-])\+?\d{6,15}(?![\w.-])/g, (n) => (audience.owns(n) ? n : IDENTITY_PLACEHOLDER));
}
