/** "Did you spot the error?": protocol problems worth a human's eye. */
export type FindingCode =
  | 'unacked-2xx'
  | 'retransmissions'
  | 'no-final-response'
  | 'lost-message'
  | 'cancel-race'
  | '487-without-cancel'
  | 'auth-loop'
  | 'auth-failed'
  | 'digest-mismatch'
  | 'rejected-with-reason'
  | 'sdp-private-address'
  | 'sdp-null-address'
  | 'slow-post-dial-delay'
  | 'malformed-message'
  | 'semantic-issue';

export type Severity = 'info' | 'warning' | 'error';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** One line, e.g. "403 Forbidden to REGISTER from 192.0.2.10". */
  title: string;
  /** Plain words for support staff: what it means and where to look next. */
  explanation: string;
  /** The leg it concerns (absent for call-level findings). */
  legId?: string;
  /** Record ids of the observations it points at. */
  recordIds: string[];
}
