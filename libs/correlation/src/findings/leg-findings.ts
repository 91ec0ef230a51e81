import type { Finding } from '../model/finding';
import type { AssembledLeg } from '../legs/assemble-legs';
import { authenticationFailures, digestMismatch } from './auth.findings';
import type { FindingOptions, LegFindingRule } from './finding-context';
import { lostMessages } from './lost-message.findings';
import { sdpAddresses, semanticIssues } from './sdp.findings';
import {
  cancelRace,
  noFinalResponse,
  rejectedWithReason,
  retransmissions,
  terminatedWithoutCancel,
  unackedTwoXx,
} from './transaction.findings';

const RULES: LegFindingRule[] = [
  unackedTwoXx,
  retransmissions,
  noFinalResponse,
  cancelRace,
  terminatedWithoutCancel,
  rejectedWithReason,
  lostMessages,
  digestMismatch,
  authenticationFailures,
  sdpAddresses,
  semanticIssues,
];

/** Every leg-level finding, in a stable order. */
export function findLegProblems(leg: AssembledLeg, options: FindingOptions): Finding[] {
  return RULES.flatMap((rule) => rule(leg, options));
}
