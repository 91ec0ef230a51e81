/**
 * Every SIP response code in the IANA "Response Codes" registry (SIP Parameters), with its
 * reason phrase, the RFC that defines it, and what it usually means in an ISP's network, written
 * for support staff. RFC 3261 §21 defines 50 of them; later RFCs register the rest.
 */
export interface StatusCodeEntry {
  code: number;
  /** Canonical reason phrase (senders may write any text, RFC 3261 §7.2: match on the code). */
  reason: string;
  /** Defining RFC, e.g. 'RFC 3261'. */
  rfc: string;
  /** What it means and its usual causes, in plain words. */
  meaning: string;
}

const E = (code: number, reason: string, rfc: string, meaning: string): StatusCodeEntry => ({
  code,
  reason,
  rfc,
  meaning,
});

export const STATUS_CODES: readonly StatusCodeEntry[] = [
  E(
    100,
    'Trying',
    'RFC 3261',
    'The next hop received the request and is working on it. It only stops retransmissions; it says nothing about the far end.',
  ),
  E(
    180,
    'Ringing',
    'RFC 3261',
    'The called phone is alerting the user. The caller normally hears ringback generated locally.',
  ),
  E(181, 'Call Is Being Forwarded', 'RFC 3261', 'The call is being diverted to another destination (call forwarding).'),
  E(
    182,
    'Queued',
    'RFC 3261',
    'The callee is busy but the call has been queued (e.g. a call-centre queue) rather than rejected.',
  ),
  E(
    183,
    'Session Progress',
    'RFC 3261',
    "Progress information, usually with SDP for early media: the caller hears the far end's tones or announcements before answer.",
  ),
  E(
    199,
    'Early Dialog Terminated',
    'RFC 6228',
    'One forked branch of the call ended before answer; other branches may still be ringing.',
  ),
  E(
    200,
    'OK',
    'RFC 3261',
    'The request succeeded. For an INVITE the call is answered and must be confirmed with an ACK.',
  ),
  E(
    202,
    'Accepted',
    'RFC 3265',
    'The request was accepted for processing but not yet done (typical for REFER and SUBSCRIBE). Deprecated for SUBSCRIBE by RFC 6665.',
  ),
  E(
    204,
    'No Notification',
    'RFC 5839',
    'A subscription refresh succeeded and nothing changed, so no NOTIFY will follow.',
  ),
  E(
    300,
    'Multiple Choices',
    'RFC 3261',
    'The callee can be reached at several addresses, listed in Contact; the caller should pick one.',
  ),
  E(301, 'Moved Permanently', 'RFC 3261', 'The user has moved for good; the new address is in Contact.'),
  E(
    302,
    'Moved Temporarily',
    'RFC 3261',
    'Redirect: try the address in Contact instead (used by redirect servers and for call forwarding).',
  ),
  E(305, 'Use Proxy', 'RFC 3261', 'The request must go through the proxy named in Contact.'),
  E(
    380,
    'Alternative Service',
    'RFC 3261',
    'The call failed but an alternative service is described in the body (also used for emergency-call redirection).',
  ),
  E(
    400,
    'Bad Request',
    'RFC 3261',
    'The receiver could not understand the message: malformed syntax or a missing or broken header. Often a device or SBC bug; the reason phrase or a Warning header usually names the faulty header.',
  ),
  E(
    401,
    'Unauthorized',
    'RFC 3261',
    'The registrar or UA wants credentials: the WWW-Authenticate header holds the challenge (realm, nonce).',
  ),
  E(
    402,
    'Payment Required',
    'RFC 3261',
    'Reserved by RFC 3261; some carriers use it for "no credit" on prepaid accounts.',
  ),
  E(
    403,
    'Forbidden',
    'RFC 3261',
    'The server understood the request and refuses it; authenticating again will not help. Typical causes: wrong or disabled account, calls to that destination barred, caller ID not allowed, source IP not permitted.',
  ),
  E(
    404,
    'Not Found',
    'RFC 3261',
    'The user or number does not exist in the domain named in the Request-URI: unallocated number, mistyped number, or account not provisioned.',
  ),
  E(
    405,
    'Method Not Allowed',
    'RFC 3261',
    'The target knows the request method but does not accept it (see the Allow header), e.g. a phone that refuses MESSAGE or SUBSCRIBE.',
  ),
  E(
    406,
    'Not Acceptable',
    'RFC 3261',
    "The target can only answer with content types the request's Accept header did not allow.",
  ),
  E(
    407,
    'Proxy Authentication Required',
    'RFC 3261',
    'A proxy wants credentials before it forwards the request: the Proxy-Authenticate header holds the challenge.',
  ),
  E(
    408,
    'Request Timeout',
    'RFC 3261',
    "No final response arrived in time: the next hop or the callee's device did not answer at the signalling level (unreachable, NAT binding lost, device off the network, firewall dropping packets).",
  ),
  E(
    410,
    'Gone',
    'RFC 3261',
    'The user used to exist here but no longer does and no forwarding address is known (e.g. a ported or ceased number).',
  ),
  E(
    412,
    'Conditional Request Failed',
    'RFC 3903',
    'A PUBLISH refresh referred to state (SIP-If-Match entity tag) the server no longer has; the publisher must start again.',
  ),
  E(413, 'Request Entity Too Large', 'RFC 3261', 'The message body is larger than the server accepts.'),
  E(414, 'Request-URI Too Long', 'RFC 3261', 'The Request-URI is longer than the server accepts.'),
  E(
    415,
    'Unsupported Media Type',
    'RFC 3261',
    'The body type (Content-Type), encoding or language is not supported by the receiver.',
  ),
  E(
    416,
    'Unsupported URI Scheme',
    'RFC 3261',
    'The Request-URI scheme (e.g. tel:, urn:) is not one the server handles.',
  ),
  E(
    417,
    'Unknown Resource-Priority',
    'RFC 4412',
    'The Resource-Priority header (priority calling, e.g. government emergency schemes) names a namespace or value the server does not know.',
  ),
  E(
    420,
    'Bad Extension',
    'RFC 3261',
    'The request Require/Proxy-Require lists an extension the server does not support (listed in the Unsupported header).',
  ),
  E(
    421,
    'Extension Required',
    'RFC 3261',
    'The server needs an extension the request did not offer, named in its Require header (e.g. 100rel, timer).',
  ),
  E(
    422,
    'Session Interval Too Small',
    'RFC 4028',
    "The session-timer interval (Session-Expires) is below the server's minimum (Min-SE); the caller should retry with a larger value.",
  ),
  E(
    423,
    'Interval Too Brief',
    'RFC 3261',
    'The registration or subscription expiry is shorter than the server allows; the Min-Expires header says the minimum.',
  ),
  E(
    424,
    'Bad Location Information',
    'RFC 6442',
    'The location conveyed with the request (e.g. for emergency calls) was malformed or unsuitable.',
  ),
  E(
    425,
    'Bad Alert Message',
    'RFC 8876',
    'The Alert-Info / alert content of the request (emergency alerting) was not acceptable.',
  ),
  E(
    428,
    'Use Identity Header',
    'RFC 8224',
    'The server requires an Identity header (STIR/SHAKEN caller-ID signature) and the request had none.',
  ),
  E(
    429,
    'Provide Referrer Identity',
    'RFC 3892',
    'The referee wants a valid Referred-By token before acting on a REFER.',
  ),
  E(
    430,
    'Flow Failed',
    'RFC 5626',
    'An edge proxy could not deliver the request over the registered outbound flow (the connection to the device is gone); other flows may be tried.',
  ),
  E(433, 'Anonymity Disallowed', 'RFC 5079', 'The callee refuses anonymous calls: the caller withheld their identity.'),
  E(
    436,
    'Bad Identity Info',
    'RFC 8224',
    'The certificate reference in the Identity header (info parameter) could not be used.',
  ),
  E(
    437,
    'Unsupported Credential',
    'RFC 8224',
    'The certificate used to sign the Identity header is not trusted or supported by the verifier.',
  ),
  E(
    438,
    'Invalid Identity Header',
    'RFC 8224',
    'The Identity signature (STIR/SHAKEN) did not verify: altered headers, expired or wrong certificate.',
  ),
  E(
    439,
    'First Hop Lacks Outbound Support',
    'RFC 5626',
    'The device asked for SIP Outbound but the first-hop proxy does not support it.',
  ),
  E(
    440,
    'Max-Breadth Exceeded',
    'RFC 5393',
    'Forking would create more parallel branches than the Max-Breadth allows (forking-loop protection).',
  ),
  E(
    469,
    'Bad Info Package',
    'RFC 6086',
    'An INFO request used an Info package the receiver did not agree to (e.g. DTMF via INFO not negotiated).',
  ),
  E(
    470,
    'Consent Needed',
    'RFC 5360',
    "The relay needs the recipient's consent before forwarding to it (anti-spam for URI lists).",
  ),
  E(
    480,
    'Temporarily Unavailable',
    'RFC 3261',
    'The callee exists but cannot be reached now: not registered (phone offline), do-not-disturb, or no answer from any registered device.',
  ),
  E(
    481,
    'Call/Transaction Does Not Exist',
    'RFC 3261',
    'The receiver has no dialog or transaction matching the request: it restarted, already ended the call, or tags/Call-ID were altered on the way (SBC/NAT).',
  ),
  E(
    482,
    'Loop Detected',
    'RFC 3261',
    'The request came back to a server it already passed through: a routing loop between proxies or trunks.',
  ),
  E(
    483,
    'Too Many Hops',
    'RFC 3261',
    'Max-Forwards reached 0: the request passed too many proxies, usually a routing loop.',
  ),
  E(
    484,
    'Address Incomplete',
    'RFC 3261',
    'The dialled number is incomplete (overlap dialling, or a number too short for the dial plan).',
  ),
  E(485, 'Ambiguous', 'RFC 3261', 'The Request-URI matches several users; the alternatives may be in Contact.'),
  E(
    486,
    'Busy Here',
    'RFC 3261',
    "The callee's device is busy (on another call, or the user pressed reject); they may be reachable elsewhere.",
  ),
  E(487, 'Request Terminated', 'RFC 3261', 'The request was cancelled (CANCEL) or replaced before it completed.'),
  E(
    488,
    'Not Acceptable Here',
    'RFC 3261',
    'The offered session description was refused: no common codec, wrong media type or transport, SRTP required or refused, or a re-INVITE (e.g. switch to T.38 fax) the far end cannot accept.',
  ),
  E(
    489,
    'Bad Event',
    'RFC 3265',
    'The event package in SUBSCRIBE/NOTIFY (Event header) is not supported by the receiver.',
  ),
  E(
    491,
    'Request Pending',
    'RFC 3261',
    'Glare: both sides sent a re-INVITE/UPDATE at the same time; each retries after a short random delay.',
  ),
  E(493, 'Undecipherable', 'RFC 3261', 'The receiver could not decrypt an S/MIME body.'),
  E(
    494,
    'Security Agreement Required',
    'RFC 3329',
    'The server requires a security mechanism agreement (Security-Client/Server headers), as used in IMS/VoLTE registration.',
  ),
  E(
    500,
    'Server Internal Error',
    'RFC 3261',
    'The server hit an unexpected condition (software fault, database or back-end failure).',
  ),
  E(501, 'Not Implemented', 'RFC 3261', 'The server does not support the request method at all.'),
  E(
    502,
    'Bad Gateway',
    'RFC 3261',
    'A gateway or proxy got an invalid response from the next network (e.g. a PSTN interconnect or upstream carrier).',
  ),
  E(
    503,
    'Service Unavailable',
    'RFC 3261',
    'The server is overloaded, in maintenance, or has no route/trunk available for the call. A Retry-After header says when to try again; a Reason header may carry the cause.',
  ),
  E(
    504,
    'Server Time-out',
    'RFC 3261',
    'A server did not get a timely response from a server it contacted (DNS, upstream proxy or carrier).',
  ),
  E(
    505,
    'Version Not Supported',
    'RFC 3261',
    'The SIP version in the request is not supported (anything but SIP/2.0).',
  ),
  E(
    513,
    'Message Too Large',
    'RFC 3261',
    'The message is too long to process; over UDP, large INVITEs may also need TCP (RFC 3261 §18.1.1).',
  ),
  E(
    555,
    'Push Notification Service Not Supported',
    'RFC 8599',
    'The push notification service the device asked for (pn-provider) is not supported by the proxy.',
  ),
  E(
    580,
    'Precondition Failure',
    'RFC 3312',
    'Required QoS/resource preconditions could not be met, so the session cannot be established.',
  ),
  E(600, 'Busy Everywhere', 'RFC 3261', 'The callee is busy and no other location will take the call.'),
  E(603, 'Decline', 'RFC 3261', 'The callee explicitly declined the call (and does not want to say why).'),
  E(
    604,
    'Does Not Exist Anywhere',
    'RFC 3261',
    'The callee is known not to exist anywhere (authoritative "no such user or number").',
  ),
  E(
    606,
    'Not Acceptable',
    'RFC 3261',
    'The callee cannot accept any part of the offered session (media, codecs, bandwidth) from anywhere.',
  ),
  E(
    607,
    'Unwanted',
    'RFC 8197',
    'The callee marked the call as unwanted (nuisance or robocall); networks may use it to block the caller.',
  ),
  E(
    608,
    'Rejected',
    'RFC 8688',
    'An intermediary (e.g. a call-blocking or fraud analytics service) rejected the call, not the callee; a Call-Info header may say how to contest it.',
  ),
];
