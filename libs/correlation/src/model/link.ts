/**
 * Why two legs belong to one call. Kinds in decreasing strength: explicit identifiers the SIP
 * carries, then inference from behaviour at one device.
 */
export type LinkKind =
  | 'same-call-id'
  | 'session-id'
  | 'x-call-id'
  | 'icid'
  | 'replaces'
  | 'referred-by'
  | 'retry'
  | 'recording'
  | 'b2bua'
  | 'manual';

/** One signal behind a link, with the values that matched, in words for the portal. */
export interface LinkEvidence {
  signal: string;
  detail: string;
  values?: Record<string, string>;
}

export interface Link {
  /** The two leg ids, ordered (a < b). */
  legs: [string, string];
  kind: LinkKind;
  /** The device where the legs meet (B2BUA, recorder source), if any. */
  device?: string;
  /** 0..1: how sure the inference is; explicit identifiers are 1. */
  confidence: number;
  evidence: LinkEvidence[];
}
