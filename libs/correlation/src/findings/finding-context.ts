import type { Finding } from '../model/finding';
import type { AssembledLeg } from '../legs/assemble-legs';

export interface FindingOptions {
  /** Current time of the input (µs): a missing response only counts once its timer has run out. */
  now: number;
  /** RFC 3261 Timer B/F/H: 64·T1. */
  transactionTimeoutUs: number;
  /** Post-dial delay (INVITE → first 180/183) worth a warning. */
  slowPostDialDelayUs: number;
  /** Explains a final status code for support staff (libs/sip status knowledge). */
  explainStatus: (status: number, method: string) => string;
}

export type LegFindingRule = (leg: AssembledLeg, options: FindingOptions) => Finding[];

/** "sent to Recorder 1" / "from Call server B" phrasing for titles. */
export const towards = (leg: AssembledLeg) => `${leg.summary.uac.name} → ${leg.summary.uas.name}`;
