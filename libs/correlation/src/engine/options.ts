import { DEFAULT_CALL_OPTIONS, type CallAssemblyOptions } from '../links/assemble-calls';
import { DEFAULT_LEG_OPTIONS } from '../legs/assemble-legs';
import { describeStatus } from '@sipflow/sip';
import { DEFAULT_NUMBER_PLAN, type NumberPlan } from '../observe/numbers';

export interface CorrelatorOptions {
  numberPlan: NumberPlan;
  /** RFC 3261 64·T1: after this a transaction without final response has none. */
  transactionTimeoutUs: number;
  /** A pause that splits registration refreshes into separate items. */
  nonDialogGapUs: number;
  /** A leg (and a call) closes this long after its last dialog ended or its last transaction completed. */
  lingerUs: number;
  /** Bounded state: a leg with no message for this long is closed whatever its state (a call left up). */
  idleWindowUs: number;
  /**
   * Forget a Call-ID once its legs are closed. The service does (it reloads a Call-ID from the store
   * if a late message arrives); a self-contained batch (an import, a test) keeps everything instead.
   */
  evictClosed: boolean;
  /**
   * Forget a Call-ID whose legs are settled (no transaction waiting for a response) after this much
   * quiet, although a dialog is still up: its observations are in the store and are reloaded when
   * the next message (the BYE) arrives. Only for a correlator with a store behind it; undefined
   * keeps them in memory.
   */
  evictQuietUs?: number;
  slowPostDialDelayUs: number;
  calls: CallAssemblyOptions;
  /** Operator-configured headers whose values link legs (lower-case). */
  linkHeaders: string[];
  /** Plain-English explanation of a final status (libs/sip status knowledge). */
  explainStatus: (status: number, method: string) => string;
}

export const DEFAULT_CORRELATOR_OPTIONS: CorrelatorOptions = {
  numberPlan: DEFAULT_NUMBER_PLAN,
  transactionTimeoutUs: DEFAULT_LEG_OPTIONS.transactionTimeoutUs,
  nonDialogGapUs: DEFAULT_LEG_OPTIONS.nonDialogGapUs,
  lingerUs: 60_000_000,
  idleWindowUs: 4 * 3600_000_000,
  evictClosed: true,
  slowPostDialDelayUs: 5_000_000,
  calls: DEFAULT_CALL_OPTIONS,
  linkHeaders: [],
  explainStatus: (status, method) => {
    const known = describeStatus(status, method);
    return known ? (known.advice ?? known.meaning) : `${method} was answered ${status}, a code sipflow does not know.`;
  },
};
