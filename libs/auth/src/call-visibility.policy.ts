import type { CustomerMatchOptions } from './customer-identities';
import type { Principal } from './principal';
import { type CallFacts, matchesConstraints, searchConstraints } from './search-constraints';

/**
 * May the principal see this call? Its roles must allow reading calls, and the call must lie within
 * every scope: one of its devices or pools in the principal's device groups, and (for customers, or
 * anyone scoped to customers) one of its numbers or domains belonging to the customer. Decided from
 * the same constraints a search binds, so a call found by search is a call that may be opened.
 */
export function canSeeCall(principal: Principal, facts: CallFacts, options: CustomerMatchOptions): boolean {
  return matchesConstraints(searchConstraints(principal, options), facts, options);
}
