/** A party of a leg as its headers name it (From, To, Request-URI, P-Asserted-Identity). */
export interface Party {
  /** The URI as written. */
  uri: string;
  /** User part of the URI (number or name), unescaped. */
  user: string;
  /** Host part. */
  host: string;
  displayName?: string;
  /**
   * The user as a number in canonical international digits (e.g. '441632960123'), when it looks
   * like a telephone number; national forms are expanded with the configured country code.
   */
  number?: string;
}
