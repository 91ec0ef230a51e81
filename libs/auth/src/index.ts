// Roles, principals, permissions
export { ACTIONS, ROLES, ROLE_PERMISSIONS, isAction, isRole, permissionsOf } from './roles';
export type { Action, Role } from './roles';
export { can, callReach } from './principal';
export type { CallReach, CustomerScope, DeviceGroupScope, Principal, Scopes } from './principal';

// Call visibility and search constraints
export { MAX_NUMBER_DIGITS, normaliseNumber } from './phone-number';
export type { NumberPlan } from './phone-number';
export { domainWithin, normaliseDomain } from './sip-domain';
export { DEFAULT_MIN_PREFIX_DIGITS, compileCustomers } from './customer-identities';
export type { CustomerIdentities, CustomerMatchOptions, OwnParties } from './customer-identities';
export { matchesConstraints, searchConstraints } from './search-constraints';
export type { CallFacts, DeviceConstraint, PartyConstraint, SearchConstraints } from './search-constraints';
export { constrainSearch } from './search-filter';
export type { ConstrainedSearch, NormalisedSearchFilter, SearchFilter } from './search-filter';
export { canSeeCall } from './call-visibility.policy';

// Redaction of SIP messages
export { redactionPolicyFor } from './redaction/redaction-policy';
export type { RedactionPolicy } from './redaction/redaction-policy';
export { redactSipMessage } from './redaction/sip-redaction';
export type { RedactedMessage } from './redaction/sip-redaction';
export { redactHeaderMap, redactSipView } from './redaction/header-map-redaction';
export type { SipHeaderMap, SipMessageView } from './redaction/header-map-redaction';
export { FIXED_MASK, IDENTITY_PLACEHOLDER } from './redaction/text-edits';
export type { Redaction, RedactionKind } from './redaction/text-edits';

