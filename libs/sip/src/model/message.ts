import type { ParseLimits } from './parse-limits';
import type { BodyPart } from './body';
import type { Sdp } from './sdp';
import type { NameAddr, PartyHeader, SipUri } from './sip-uri';
import type { Via } from './via';

/** CSeq (RFC 3261 §20.16): sequence number and method; 32-bit unsigned (§8.1.1.5). */
export interface CSeq {
  seq: number;
  method: string;
}

/** Digest credentials or challenge (RFC 3261 §22.4, RFC 7616): parameter names lower-cased, values unquoted. */
export interface DigestHeader {
  /** 'Digest' usually; other schemes are kept with their parameters. */
  scheme: string;
  params: Readonly<Record<string, string>>;
}

/** Warning header (RFC 3261 §20.43): e.g. 399 fb.example.com "Call barred by RADIUS". */
export interface WarningValue {
  code: number;
  agent: string;
  text: string;
}

/** Reason header (RFC 3326): why a request (CANCEL, BYE) or failure happened. */
export interface ReasonValue {
  /** 'SIP' | 'Q.850' | … */
  protocol: string;
  cause?: number;
  text?: string;
}

/**
 * A problem the message has that does not stop it from being parsed: RFC 4475 §3.3 "semantic"
 * cases and other protocol mistakes worth showing (the parser still returns the message).
 */
export interface SemanticIssue {
  code: SemanticIssueCode;
  /** Plain words for support staff, naming the header or value concerned. */
  message: string;
  /**
   * How serious: 'error' — RFC 3261 says a recipient rejects such a message (e.g. 400, 483);
   * 'warning' — likely to cause trouble; 'info' — unusual but allowed. Always set by the parser.
   */
  severity?: SemanticIssueSeverity;
}

export type SemanticIssueSeverity = 'error' | 'warning' | 'info';

export type SemanticIssueCode =
  | 'missing-required-header'
  | 'missing-branch'
  | 'branch-without-magic-cookie'
  | 'multiple-content-length'
  | 'max-forwards-zero'
  | 'rfc2543-syntax'
  | 'unknown-uri-scheme'
  | 'cseq-method-mismatch'
  | 'unknown-sip-version'
  | 'content-length-mismatch'
  | 'missing-content-length'
  | 'duplicate-header'
  | 'body-unacceptable'
  | 'unknown-option-tag'
  | 'unknown-content-type'
  | 'unknown-auth-scheme'
  | 'broadcast-address'
  | 'contact-param'
  | 'uri-headers'
  | 'unbracketed-ipv6'
  | 'value-out-of-range'
  | 'bare-line-feed'
  | 'missing-header-terminator'
  | 'other';

/**
 * Header access: names are case-insensitive and compact forms are accepted (`i` = Call-ID, `v` =
 * Via… RFC 3261 §7.3.3). Values are unfolded (§7.3.1); list-valued headers (Via, Route,
 * Record-Route, Contact, Allow, Supported, Require…) are split at top-level commas, so `all('via')`
 * gives one entry per hop however the sender grouped them.
 */
export interface SipHeaders {
  get(name: string): string | undefined;
  all(name: string): string[];
  has(name: string): boolean;
  /** Every header line in order as [name as written, unfolded value]. */
  entries(): ReadonlyArray<readonly [string, string]>;
}

interface SipMessageBase {
  headers: SipHeaders;
  callId: string;
  from: PartyHeader;
  to: PartyHeader;
  cseq: CSeq;
  /** Via stack, top (most recent hop) first. */
  via: Via[];
  maxForwards?: number;
  /** Content-Length as declared; undefined when absent. */
  contentLength?: number;
  /** Media type of Content-Type, lower-cased, without parameters (e.g. 'application/sdp'). */
  contentType?: string;
  /** The body bytes: Content-Length bytes after the header block, or the rest of a datagram. */
  body: Uint8Array;
  /** Problems found while parsing that did not make the message invalid. */
  issues: readonly SemanticIssue[];
  /** The message bytes, start line to end of body. */
  raw: Uint8Array;
  /** Octets after the end of the message in the same datagram (RFC 4475 §3.1.1.8), if any. */
  trailing?: Uint8Array;

  /** The SDP of the body, or of its application/sdp part in a multipart body; undefined if none. */
  sdp(): Sdp | undefined;
  /** The parts of a multipart body; [] for other bodies. */
  bodyParts(): BodyPart[];
  /** Address headers such as contact, route, record-route, p-asserted-identity, refer-to; malformed entries are skipped. */
  nameAddrs(name: string): NameAddr[];
  /** Parsed Authorization, Proxy-Authorization, WWW-Authenticate or Proxy-Authenticate values. */
  digest(name: string): DigestHeader[];
  warnings(): WarningValue[];
  reasons(): ReasonValue[];
}

export interface SipRequest extends SipMessageBase {
  kind: 'request';
  /** Method as written (case-sensitive, RFC 3261 §7.1). */
  method: string;
  requestUri: SipUri;
}

export interface SipResponse extends SipMessageBase {
  kind: 'response';
  status: number;
  /** Reason phrase, decoded as UTF-8 (may be empty, RFC 4475 §3.1.1.13). */
  reason: string;
}

export type SipMessage = SipRequest | SipResponse;

/** How the message arrived, which decides what a missing or wrong Content-Length means (RFC 3261 §18.3). */
export type SipFraming = 'datagram' | 'stream';

export interface ParseOptions {
  /** Default 'datagram': a missing Content-Length means "the rest of the datagram". */
  framing?: SipFraming;
  /** Bounds on the work one message may cause; defaults in DEFAULT_LIMITS. */
  limits?: Partial<ParseLimits>;
}
