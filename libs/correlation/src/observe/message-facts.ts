import type { DeviceRef, Direction, NameAddr, SipMessage, SipRecord } from '@sipflow/sip';
import type { Party } from '../model/party';
import { canonicalNumber, type NumberPlan } from './numbers';

/** Headers whose values link legs across devices (ARCHITECTURE "Correlating a call"). */
export const DEFAULT_LINK_HEADERS = [
  'session-id',
  'x-cid',
  'x-call-id',
  'x-orig-call-id',
  'p-charging-vector',
  'replaces',
];

/** What the initial request of a leg says about the call: parties and identifiers. */
export interface InitialFacts {
  from: Party;
  to: Party;
  requestUri: Party;
  assertedIdentity?: Party;
  /** Link header values by lower-cased name (icid extracted from P-Charging-Vector). */
  linkHeaders: Record<string, string[]>;
  recording: boolean;
  /**
   * More than one Via: a proxy forwarded it (RFC 3261 §16.6 step 8 adds a Via above the received
   * ones); a user agent — a B2BUA's outgoing side included — originates a request with one (§8.1.1.7).
   */
  forwarded: boolean;
}

/** Digest data for the authentication findings (RFC 3261 §22, RFC 7616). */
export interface AuthFacts {
  /** WWW-Authenticate / Proxy-Authenticate parameters of a 401/407 (one per challenge header). */
  challenges?: Record<string, string>[];
  /** Authorization / Proxy-Authorization parameters of a request (one per credentials header). */
  credentials?: Record<string, string>[];
  /** The request's Request-URI, to compare with the digest uri parameter. */
  requestUri?: string;
}

/**
 * The compact facts correlation keeps of one observation of one SIP message. The raw bytes go to
 * the store; correlation works on these.
 */
export interface MessageFacts {
  recordId: string;
  /** µs, the observer's clock. */
  time: number;
  /** Device that reported the observation. */
  observer: string;
  direction: Direction;
  /** The hop: sending and receiving device. */
  src: DeviceRef;
  dst: DeviceRef;
  isRequest: boolean;
  /** Request method, or the CSeq method of a response. */
  method: string;
  /** 0 for requests. */
  status: number;
  reason: string;
  callId: string;
  fromTag: string;
  toTag: string;
  cseq: number;
  /** Top Via branch and sent-by (RFC 3261 §17.2.3 transaction matching). */
  branch: string;
  sentBy: string;
  /** Identity of the message regardless of who observed it (see fingerprint.ts). */
  fingerprint: string;
  /** Transmission attempt as logged (FireBrick "Try n"). */
  attempt: number;
  /** Present on requests without a To tag (they can start a leg). */
  initial?: InitialFacts;
  /** o= line and connection addresses of an SDP body. */
  sdpOrigin?: string;
  sdpAddresses?: string[];
  auth?: AuthFacts;
  /** Warning (RFC 3261 §20.43) and Reason (RFC 3326) values, as text. */
  warnings?: string[];
  reasons?: string[];
  /** Semantic problems the parser flagged. */
  issues?: string[];
}

export interface FactsContext {
  /** The device at a network address (the device map), for the far end of a hop. */
  deviceAt: (address: string, port?: number) => DeviceRef;
  numberPlan: NumberPlan;
  /** Extra link headers configured by the operator (lower-case names). */
  linkHeaders?: string[];
}

const UNKNOWN_PEER: DeviceRef = { id: 'unknown', name: 'unknown device' };

function party(addr: NameAddr | undefined, plan: NumberPlan): Party {
  if (!addr) return { uri: '', user: '', host: '' };
  const user = addr.uri.user ?? '';
  const number = canonicalNumber(user, plan);
  return {
    uri: addr.uri.raw,
    user,
    host: addr.uri.host,
    ...(addr.displayName ? { displayName: addr.displayName } : {}),
    ...(number ? { number } : {}),
  };
}

/** P-Charging-Vector: icid-value=…; (RFC 7315 §5.6): only the icid identifies the call. */
function icidOf(value: string): string | undefined {
  return /icid-value\s*=\s*"?([^";\s]+)/i.exec(value)?.[1];
}

function hop(record: SipRecord, context: FactsContext): { src: DeviceRef; dst: DeviceRef } {
  const peer = (endpoint: SipRecord['source']) =>
    endpoint ? context.deviceAt(endpoint.address, endpoint.port) : UNKNOWN_PEER;
  if (record.direction === 'rx') return { src: peer(record.source), dst: record.device };
  if (record.direction === 'tx') return { src: record.device, dst: peer(record.destination) };
  // A probe (pcap, HEP mirror) is neither end: both ends come from the addresses.
  return { src: peer(record.source), dst: peer(record.destination) };
}

export function extractFacts(record: SipRecord, message: SipMessage, context: FactsContext): MessageFacts {
  const top = message.via[0];
  const { src, dst } = hop(record, context);
  const isRequest = message.kind === 'request';
  const facts: MessageFacts = {
    recordId: record.recordId,
    time: record.captureTimeUs,
    observer: record.device.id,
    direction: record.direction,
    src,
    dst,
    isRequest,
    method: isRequest ? message.method : message.cseq.method,
    status: isRequest ? 0 : message.status,
    reason: isRequest ? '' : message.reason,
    callId: message.callId,
    fromTag: message.from.tag ?? '',
    toTag: message.to.tag ?? '',
    cseq: message.cseq.seq,
    branch: top?.branch ?? '',
    sentBy: top ? `${top.host}:${top.port ?? 5060}` : '',
    fingerprint: '',
    attempt: record.attempt ?? 0,
  };
  facts.fingerprint = fingerprint(facts, message);

  if (isRequest && !facts.toTag) {
    const plan = context.numberPlan;
    const linkHeaders: Record<string, string[]> = {};
    for (const name of [...DEFAULT_LINK_HEADERS, ...(context.linkHeaders ?? [])]) {
      const values = message.headers.all(name);
      if (values.length === 0) continue;
      if (name === 'p-charging-vector') {
        const icids = values.map(icidOf).filter((v): v is string => !!v);
        if (icids.length) linkHeaders.icid = icids;
      } else if (name === 'replaces') {
        // RFC 3891: the Call-ID of the dialog being replaced comes first.
        linkHeaders.replaces = values.map((v) => v.split(';', 1)[0]!.trim());
      } else if (name === 'session-id') {
        // RFC 7989: local-uuid;remote=remote-uuid — the local uuid names the session end to end.
        linkHeaders['session-id'] = values.map((v) => v.split(';', 1)[0]!.trim().toLowerCase());
      } else {
        linkHeaders[name] = values.map((v) => v.trim());
      }
    }
    const pai = message.nameAddrs('p-asserted-identity')[0];
    facts.initial = {
      from: party(message.from, plan),
      to: party(message.to, plan),
      requestUri: party({ uri: message.requestUri, params: {}, raw: message.requestUri.raw }, plan),
      ...(pai ? { assertedIdentity: party(pai, plan) } : {}),
      linkHeaders,
      recording: message.headers.has('x-record') || /\+sip\.src/i.test(message.headers.get('contact') ?? ''),
      forwarded: message.via.length > 1,
    };
  }

  const sdp = message.contentLength === 0 ? undefined : message.sdp();
  if (sdp) {
    if (sdp.origin) facts.sdpOrigin = `${sdp.origin.username} ${sdp.origin.sessionId} ${sdp.origin.address}`;
    const addresses = [sdp.connection?.address, ...sdp.media.map((m) => m.connection?.address)].filter(
      (a): a is string => !!a,
    );
    if (addresses.length) facts.sdpAddresses = [...new Set(addresses)];
  }

  if (isRequest) {
    const credentials = [...message.digest('authorization'), ...message.digest('proxy-authorization')];
    if (credentials.length) {
      facts.auth = { credentials: credentials.map((c) => ({ ...c.params })), requestUri: message.requestUri.raw };
    }
  } else if (message.status === 401 || message.status === 407) {
    const challenges = message.digest(message.status === 401 ? 'www-authenticate' : 'proxy-authenticate');
    if (challenges.length) facts.auth = { challenges: challenges.map((c) => ({ ...c.params })) };
  }
  if (!isRequest && message.status >= 300) {
    const warnings = message.warnings().map((w) => `${w.code} ${w.agent} "${w.text}"`);
    if (warnings.length) facts.warnings = warnings;
  }
  const reasons = message.reasons().map((r) => [r.protocol, r.cause, r.text].filter((x) => x !== undefined).join(' '));
  if (reasons.length) facts.reasons = reasons;
  if (message.issues.length) facts.issues = message.issues.map((i) => i.message);
  return facts;
}

/**
 * Identity of a message independent of who observed it: the Tx copy at one device and the Rx copy
 * at the next are one arrow, and so are retransmissions. The top Via is represented by its branch
 * only, because the receiver adds received/rport to it (RFC 3261 §18.2.1, FIREBRICK.md).
 */
export function fingerprint(facts: MessageFacts, message: SipMessage): string {
  const start = message.kind === 'request' ? `${message.method} ${message.requestUri.raw}` : String(message.status);
  return `${start}|${facts.cseq} ${facts.method}|${facts.branch}|${facts.fromTag}|${facts.toTag}|${message.body.length}`;
}
