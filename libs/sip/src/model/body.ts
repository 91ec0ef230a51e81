/** One part of a multipart body (RFC 2046 §5.1), with its own headers. */
export interface BodyPart {
  /** Part headers, names lower-cased. */
  headers: Readonly<Record<string, string>>;
  contentType?: string;
  body: Uint8Array;
}
