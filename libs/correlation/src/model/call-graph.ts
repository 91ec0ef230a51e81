import type { DeviceRef } from '@sipflow/sip';
import type { AppliedCorrection } from '../corrections/correction';
import type { Finding } from './finding';
import type { CallKind, LegOutcome, LegSummary } from './leg';
import type { Link } from './link';

/**
 * A whole call: legs joined by link evidence. Emitted early and re-emitted as legs join (version
 * grows); `open` turns false when the last dialog ended and the linger time passed.
 */
export interface CallGraph {
  /** Stable id: derived from the call's root leg (the earliest), so it survives re-assembly. */
  id: string;
  version: number;
  kind: CallKind;
  start: number;
  end: number;
  legs: LegSummary[];
  links: Link[];
  devices: DeviceRef[];
  findings: Finding[];
  /** Outcome of the call as the caller experienced it: the root leg's outcome. */
  outcome: LegOutcome;
  /** Every SIP Call-ID value in the call. */
  sipCallIds: string[];
  /** Every party number in the call (canonical digits), for search and visibility. */
  numbers: string[];
  open: boolean;
  /** Corrections made by hand that shaped this call (split, join), shown beside the automatic evidence. */
  corrections?: AppliedCorrection[];
}
