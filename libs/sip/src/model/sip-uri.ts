/**
 * A SIP, SIPS or TEL URI (RFC 3261 §19.1, RFC 3966). Parsed values are unescaped; `raw` keeps the
 * text as it appeared so that nothing is lost when a message is shown or forwarded.
 */
export interface SipUri {
  /** Lower-cased scheme: 'sip' | 'sips' | 'tel', or another absoluteURI scheme kept as-is. */
  scheme: string;
  /** The user part, %-unescaped (for tel: URIs, the number including visual separators). */
  user?: string;
  password?: string;
  /** Host, lower-cased; IPv6 references without brackets (see `ipv6`). Empty for tel: URIs. */
  host: string;
  ipv6: boolean;
  port?: number;
  /** URI parameters (`;transport=udp;lr`), names lower-cased, flag parameters have value null. */
  params: Readonly<Record<string, string | null>>;
  /** URI headers (`?subject=x`), unescaped. */
  headers: Readonly<Record<string, string>>;
  raw: string;
  /**
   * Set when the host is an IPv6 address written without brackets, against RFC 3261 §25.1 (read
   * leniently, see the parser; the semantic checks report it).
   */
  unbracketedIpv6?: true;
}

/**
 * name-addr / addr-spec with header parameters: From, To, Contact, Route, Record-Route,
 * P-Asserted-Identity, Refer-To, Referred-By… (RFC 3261 §20.10, §25.1).
 */
export interface NameAddr {
  /** Display name, unquoted and unescaped; undefined when absent. */
  displayName?: string;
  uri: SipUri;
  /** Header parameters after the address (tag, expires, q…), names lower-cased. */
  params: Readonly<Record<string, string | null>>;
  raw: string;
}

/** Tagged address of From/To: the tag is one third of a dialog id (RFC 3261 §12). */
export interface PartyHeader extends NameAddr {
  tag?: string;
}
