// Roles, principals, permissions
export { ACTIONS, ROLES, ROLE_PERMISSIONS, isAction, isRole, permissionsOf } from './roles';
export type { Action, Role } from './roles';
export { can, callReach } from './principal';
export type { CallReach, CustomerScope, DeviceGroupScope, Principal, Scopes } from './principal';

// Call visibility and search constraints
export { MAX_NUMBER_DIGITS, normaliseNumber } from './phone-number';
export type { NumberPlan } from './phone-number';
export { domainWithin, normaliseDomain } from './sip-domain';
export { DEFAULT_MIN_PREFIX_DIGITS, compileCustomers, ownsNumber, ownsParty } from './customer-identities';
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

// Tokens
export { TokenError } from './tokens/token-error';
export type { TokenErrorCode } from './tokens/token-error';
export {
  IDP_ALGORITHMS,
  MIN_HMAC_SECRET_BYTES,
  TokenConfigError,
  generateHmacSecret,
  generateSigningKeyPair,
} from './tokens/token-keys';
export type { AsymmetricAlgorithm, SigningKey, VerificationAlgorithm, VerificationKeys } from './tokens/token-keys';
export { claimsFromPrincipal, principalFromClaims, principalFromIdpClaims } from './tokens/token-claims';
export type { IdpClaimsMapping, PrincipalClaims } from './tokens/token-claims';
export {
  ACCESS_TOKEN_TYPE,
  DEFAULT_TOKEN_TTL_SECONDS,
  MAX_TOKEN_TTL_SECONDS,
  TokenIssuer,
} from './tokens/token-issuer';
export type { Clock, TokenIssuerOptions } from './tokens/token-issuer';
export { TokenVerifier } from './tokens/token-verifier';
export type { TokenVerification, TokenVerifierOptions, VerifiedToken } from './tokens/token-verifier';

// Passwords of local accounts
export {
  DEFAULT_SCRYPT_COST,
  MIN_SCRYPT_LOG2N,
  PasswordHashConfigError,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './passwords/password-hash';
export type { HashOptions, PasswordCheck, ScryptCost } from './passwords/password-hash';
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, checkPasswordPolicy } from './passwords/password-policy';
export type { PasswordPolicyOptions, PasswordPolicyReason, PasswordPolicyResult } from './passwords/password-policy';
