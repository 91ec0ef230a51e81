/**
 * Bounds on the work one message may cause. Real traffic stays far below them (the longest line in
 * the corpus is ~3.5 kB, RFC 4475 §3.1.1.7; the most header lines ~70); input beyond them is hostile
 * or broken and is rejected with a reason that names the limit.
 */
export interface ParseLimits {
  /** Header lines (a folded header counts once). */
  maxHeaders: number;
  /** Bytes of one header field after unfolding, or of the start line. */
  maxLineLength: number;
  /** Bytes of the whole input (message and trailing octets). */
  maxMessageBytes: number;
}

export const DEFAULT_LIMITS: Readonly<ParseLimits> = Object.freeze({
  maxHeaders: 256,
  maxLineLength: 16 * 1024,
  maxMessageBytes: 4 * 1024 * 1024,
});
