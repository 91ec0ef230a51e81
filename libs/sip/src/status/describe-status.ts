import { STATUS_CODES, type StatusCodeEntry } from './status-codes';

/** The response classes of RFC 3261 §7.2 / §21. */
export type StatusClass =
  'provisional' | 'success' | 'redirection' | 'client-failure' | 'server-failure' | 'global-failure';

export interface StatusDescription {
  code: number;
  /** Canonical reason phrase, or the class name for an unregistered code. */
  reason: string;
  rfc: string;
  class: StatusClass;
  /** True when IANA registers the code. */
  registered: boolean;
  /** What it means and its usual causes, for support staff. */
  meaning: string;
  /** Advice that depends on the request method (and is usually the most useful line), if any. */
  advice?: string;
  /** True when the code is an expected step of a normal exchange (100, 180, 401/407 challenges, 487 after CANCEL…). */
  normal: boolean;
}

const BY_CODE = new Map<number, StatusCodeEntry>(STATUS_CODES.map((entry) => [entry.code, entry]));

const CLASSES: readonly StatusClass[] = [
  'provisional',
  'success',
  'redirection',
  'client-failure',
  'server-failure',
  'global-failure',
];

export function statusClass(code: number): StatusClass | undefined {
  return Number.isInteger(code) && code >= 100 && code <= 699 ? CLASSES[Math.floor(code / 100) - 1] : undefined;
}

/** Method-specific advice, keyed by code then method ('*' for any other method). */
const ADVICE: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  401: {
    REGISTER:
      "Normal as the first answer to a REGISTER: the device resends with credentials. Repeated 401s to REGISTERs that already carry Authorization mean wrong username, password or realm — check the device's SIP credentials and that the nonce is not stale.",
    '*': 'A normal challenge when the request had no credentials; the device should resend with Authorization. Repeated 401s after credentials mean they are wrong.',
  },
  407: {
    INVITE:
      'Normal as the first answer to an INVITE: the phone resends it with Proxy-Authorization. If 407s repeat for INVITEs that already carry credentials, the password or auth username is wrong.',
    '*': 'A normal proxy challenge unless it repeats after the request carried Proxy-Authorization (then the credentials are wrong).',
  },
  403: {
    REGISTER:
      "The registrar understood the credentials but refuses them: account disabled or suspended, wrong domain, registration from a disallowed IP or too many devices. Check Warning/Reason headers and the registrar's log.",
    INVITE:
      "The call was refused by policy: destination barred (premium/international), no credit, caller ID not allowed, or the caller is not registered. Check Warning/Reason headers and the call server's log.",
    '*': "Refused by policy; resending the same request will not help. Check Warning/Reason headers and the server's log.",
  },
  404: {
    REGISTER: 'The registrar does not know this account/AOR: check the username and domain configured on the device.',
    INVITE:
      'The dialled number or user does not exist (unallocated or mistyped number, or not provisioned on the platform).',
  },
  408: {
    REGISTER:
      'The registrar (or a proxy on the way) did not answer in time: network path, firewall, DNS or a registrar outage.',
    INVITE:
      "No final answer in time: the callee's device may be unreachable (NAT binding expired, device offline while still registered) or a downstream proxy/carrier did not respond.",
  },
  480: {
    INVITE:
      "The callee is not reachable right now: not registered (phone off or offline), do-not-disturb, or no device answered. Check the callee's registration.",
  },
  481: {
    BYE: 'The far end no longer knows the call: it already hung up, restarted, or an SBC altered the Call-ID/tags. Usually harmless at the end of a call.',
    ACK: 'An ACK for a dialog the far end does not know: usually a late or duplicated ACK, or an SBC that rewrote tags.',
  },
  486: {
    INVITE: 'The callee is on another call or rejected it: a normal outcome, not a fault.',
  },
  487: {
    INVITE:
      'Normal after the caller hangs up before answer: the caller sent CANCEL and the INVITE ends with 487. Worth a look only when no CANCEL preceded it.',
    '*': 'The request was cancelled or superseded.',
  },
  488: {
    INVITE:
      'The offer was refused: no codec in common (check the m= lines and a=rtpmap of both sides), SRTP mismatch, or a re-INVITE to T.38 fax that the far end does not support.',
  },
  503: {
    REGISTER: 'The registrar is overloaded or in maintenance; the device should retry after Retry-After.',
    INVITE:
      "The server or trunk cannot take the call now: overload, maintenance, or no route/trunk available. Check Retry-After and Reason headers and the trunk's status.",
  },
  423: {
    REGISTER:
      'The device asked for a registration shorter than the registrar allows; it should retry with the Min-Expires value.',
  },
  200: {
    INVITE:
      'The call was answered; the caller must send an ACK, or the callee keeps retransmitting the 200 and drops the call after ~32 s.',
  },
};

/** 1xx, 2xx and the codes that are expected steps of ordinary exchanges. */
function isNormal(code: number, method?: string): boolean {
  if (code < 300) return true;
  if (code === 401 || code === 407) return true;
  return code === 487 && (method === undefined || method === 'INVITE');
}

/**
 * What a response code means, for support staff: canonical reason phrase, defining RFC, class,
 * usual causes, and advice for the request method when that changes the reading (a 403 to a
 * REGISTER is about credentials; to an INVITE, about call barring). Unregistered codes get a
 * class-level description (RFC 3261 §8.1.3.2: treat them as the x00 of their class).
 */
export function describeStatus(code: number, method?: string): StatusDescription | undefined {
  const cls = statusClass(code);
  if (cls === undefined) return undefined;
  const upper = method?.toUpperCase();
  const entry = BY_CODE.get(code);
  const advice = ADVICE[code];
  const methodAdvice = advice && ((upper && advice[upper]) || advice['*']);
  if (!entry) {
    const base = BY_CODE.get(Math.floor(code / 100) * 100)!;
    return {
      code,
      reason: cls,
      rfc: 'unregistered',
      class: cls,
      registered: false,
      meaning: `Not an IANA-registered code; RFC 3261 §8.1.3.2 says to treat it like ${base.code} ${base.reason}: ${base.meaning}`,
      normal: code < 300,
    };
  }
  return {
    code,
    reason: entry.reason,
    rfc: entry.rfc,
    class: cls,
    registered: true,
    meaning: entry.meaning,
    ...(methodAdvice ? { advice: methodAdvice } : {}),
    normal: isNormal(code, upper),
  };
}
