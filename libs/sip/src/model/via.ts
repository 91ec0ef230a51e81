/** One Via hop (RFC 3261 §20.42, §18.2.1). */
export interface Via {
  /** 'SIP/2.0' as written (upper-cased). */
  protocol: string;
  /** Transport, upper-cased: UDP, TCP, TLS, SCTP, WS, WSS or an extension token. */
  transport: string;
  host: string;
  ipv6: boolean;
  port?: number;
  /** The branch parameter; a value starting with 'z9hG4bK' is an RFC 3261 transaction id (§8.1.1.7). */
  branch?: string;
  /** Added by the receiver of a request (§18.2.1). */
  received?: string;
  /** RFC 3581: a number once filled in by the receiver, `true` when requested but empty. */
  rport?: number | true;
  maddr?: string;
  ttl?: number;
  params: Readonly<Record<string, string | null>>;
  raw: string;
  /** Set when the sent-by host is an IPv6 address without brackets (RFC 3261 §25.1), read leniently. */
  unbracketedIpv6?: true;
}
