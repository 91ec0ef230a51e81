import { type CustomerMatchOptions, type OwnParties, compileCustomers } from '../customer-identities';
import type { NumberPlan } from '../phone-number';
import { type Principal, can, callReach } from '../principal';

/**
 * How much of a SIP message a principal sees:
 * - `none`: nothing redacted (engineers, admins: `messages:read-secrets`);
 * - `secrets`: digest values, SDP keys, passwords masked (support);
 * - `customer`: secrets masked, and every party that is not the customer's own shown as
 *   `redacted` (user part and display name; the domain stays so the flow still reads).
 */
export type RedactionPolicy =
  { level: 'none' } | { level: 'secrets' } | { level: 'customer'; own: OwnParties; plan: NumberPlan };

export function redactionPolicyFor(principal: Principal, options: CustomerMatchOptions): RedactionPolicy {
  if (can(principal, 'messages:read-secrets')) return { level: 'none' };
  if (callReach(principal) === 'all') return { level: 'secrets' };
  // Anyone else gets the most redaction; with no customer record, no party is their own.
  const own = compileCustomers(principal.scopes.customers ?? [], options);
  return { level: 'customer', own, plan: options.plan };
}
