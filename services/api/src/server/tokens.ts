/** Injection tokens of what the composition root hands the API module. */
export const API_STORE = Symbol('ApiStore');
export const SIP_STORE = Symbol('SipStore');
export const API_LOGGER = Symbol('Logger');
export const API_SETTINGS = Symbol('ApiSettings');
export const AUTHENTICATOR = Symbol('Authenticator');
export const RATE_LIMITER = Symbol('RateLimiter');
