/**
 * Names registered with IANA that the semantic checks compare against. A value outside these
 * sets is not an error by itself; it is reported as an issue so support staff see it.
 */

/** SIP option tags (IANA "SIP Parameters" › Option Tags), for Require / Proxy-Require (RFC 3261 §8.2.2.3). */
export const OPTION_TAGS: ReadonlySet<string> = new Set([
  '100rel',
  '199',
  'answermode',
  'early-session',
  'eventlist',
  'explicitsub',
  'from-change',
  'geolocation-http',
  'geolocation-sip',
  'gin',
  'gruu',
  'histinfo',
  'ice',
  'join',
  'multiple-refer',
  'norefersub',
  'nosub',
  'outbound',
  'path',
  'policy',
  'precondition',
  'pref',
  'privacy',
  'recipient-list-invite',
  'recipient-list-message',
  'recipient-list-subscribe',
  'record-aware',
  'replaces',
  'resource-priority',
  'sdp-anat',
  'sec-agree',
  'siprec',
  'tdialog',
  'timer',
  'trickle-ice',
  'uui',
  'content-id',
  'sip.instance',
  'mcptt',
  'rel100',
]);

/** URI parameters (IANA "SIP/SIPS URI Parameters"). */
export const URI_PARAMS: ReadonlySet<string> = new Set([
  'aai',
  'bnc',
  'cause',
  'ccxml',
  'comp',
  'content-type',
  'delay',
  'duration',
  'gr',
  'locale',
  'lr',
  'maddr',
  'maxage',
  'maxstale',
  'method',
  'ob',
  'param',
  'play',
  'postbody',
  'repeat',
  'sg',
  'sigcomp-id',
  'target',
  'transport',
  'ttl',
  'user',
  'voicexml',
  'sos',
  'pn-provider',
  'pn-param',
  'pn-prid',
  'pn-purr',
]);

/** Contact header parameters a registrar understands (RFC 3261 §20.10, RFC 3840, RFC 5626, RFC 5627). */
export const CONTACT_PARAMS: ReadonlySet<string> = new Set([
  'q',
  'expires',
  'reg-id',
  '+sip.instance',
  'pub-gruu',
  'temp-gruu',
  'methods',
  'audio',
  'video',
  'text',
  'data',
  'automata',
  'class',
  'duplex',
  'mobility',
  'description',
  'events',
  'priority',
  'isfocus',
  'actor',
  'language',
  'type',
]);

/** URI schemes a SIP element is expected to understand in the places checked (RFC 3261 §19, RFC 3966, RFC 5031). */
export const SIP_SCHEMES: ReadonlySet<string> = new Set(['sip', 'sips', 'tel']);
export const REQUEST_URI_SCHEMES: ReadonlySet<string> = new Set(['sip', 'sips', 'tel', 'urn']);

/**
 * Body types SIP endpoints commonly handle in session-related requests; anything else would draw a
 * 415 Unsupported Media Type from a typical endpoint (RFC 3261 §21.4.13, RFC 4475 §3.3.6).
 */
export function isKnownSessionBodyType(type: string): boolean {
  return (
    type === 'application/sdp' ||
    type.startsWith('multipart/') ||
    type.startsWith('application/vnd.') ||
    type.endsWith('+xml') ||
    type === 'application/isup' ||
    type === 'application/qsig' ||
    type === 'application/dtmf-relay' ||
    type === 'application/dtmf' ||
    type === 'application/pkcs7-mime' ||
    type === 'application/pkcs7-signature' ||
    type === 'message/sipfrag' ||
    type === 'message/sip' ||
    type === 'text/plain' ||
    type === 'application/x-private'
  );
}

/** Authentication schemes (RFC 3261 §22.4 Digest; RFC 8898 Bearer). */
export const AUTH_SCHEMES: ReadonlySet<string> = new Set(['digest', 'bearer']);
