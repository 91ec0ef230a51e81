import type { DeviceRef } from '@sipflow/sip';
import type { Party } from './party';

/** What a leg or call is about, from its initial request. */
export type CallKind = 'call' | 'registration' | 'options' | 'message' | 'subscription' | 'other';

/**
 * How a leg ended, in words support staff use. INVITE legs: answered, busy (486/600), rejected
 * (other 4xx–6xx), cancelled (CANCEL → 487), redirected (3xx), no-response (no final response),
 * in-progress (no final response yet, within the transaction timeout). Other methods: ok or failed.
 */
export type LegOutcome =
  'answered' | 'busy' | 'rejected' | 'cancelled' | 'redirected' | 'no-response' | 'in-progress' | 'ok' | 'failed';

/** One dialog of a leg (RFC 3261 §12): early dialogs come from provisional responses with a To tag. */
export interface DialogSummary {
  /** The UAS's tag (To tag of responses). */
  remoteTag: string;
  state: 'early' | 'confirmed' | 'terminated';
  /** Status of the response that created or last updated it. */
  status: number;
}

/**
 * Times of the leg's key events at one observer (µs, that observer's clock). Whether the observer
 * sent or received them follows from its role: the UAC sends the request, the UAS receives it; a
 * probe in between only sees them pass.
 */
export interface LegTimesAtDevice {
  /** First sighting of the first initial request (post-dial delay starts here). */
  firstRequest?: number;
  /** First sighting of the last initial request: the one that counted (e.g. after a 401 retry). */
  request?: number;
  /** First 180/183. */
  ringing?: number;
  /** First 2xx to the initial INVITE. */
  answered?: number;
  /** First final response to the last initial request. */
  final?: number;
  /** First CANCEL. */
  cancel?: number;
  /** First BYE. */
  bye?: number;
}

/**
 * A leg: one dialog (or early-dialog set) between two devices, identified by its SIP Call-ID, the
 * originating (From) tag and the two devices. The same leg reported by both devices is one leg
 * observed twice (FIREBRICK.md: the Tx copy on one, the Rx copy on the other).
 */
export interface LegSummary {
  id: string;
  callId: string;
  /** The UAC's tag, From tag of the initial request. */
  fromTag: string;
  /** Device that sent the initial request, and the one it was sent to. */
  uac: DeviceRef;
  uas: DeviceRef;
  /** Devices that logged or captured this leg's messages. */
  observedBy: string[];
  method: string;
  kind: CallKind;
  from: Party;
  to: Party;
  requestUri: Party;
  assertedIdentity?: Party;
  /** µs of the first and last message seen (earliest clock of any observer). */
  start: number;
  end: number;
  dialogs: DialogSummary[];
  outcome: LegOutcome;
  /** Final status of the initial request and its reason phrase, if one arrived. */
  finalStatus?: number;
  finalReason?: string;
  /** Times per observing device id. */
  times: Record<string, LegTimesAtDevice>;
  /** Who ended the confirmed dialog: 'uac' | 'uas', if a BYE was seen. */
  endedBy?: 'uac' | 'uas';
  /** Distinct SIP messages (arrows) and all observations including retransmissions. */
  messageCount: number;
  observationCount: number;
  retransmissions: number;
  /** SDP o= lines (username sess-id address) offered or answered on this leg. */
  sdpOrigins: string[];
  /** Values of headers that link legs across devices (RFC 7989 Session-ID, X-CID…, icid, Replaces…). */
  linkHeaders: Record<string, string[]>;
  /** X-Record (FireBrick recording leg) or SIPREC (RFC 7866 +sip.src). */
  recording: boolean;
  /** The initial request was forwarded by a proxy at the UAC device, not originated there (see InitialFacts). */
  forwarded?: true;
  /** Every number any party header names, canonical digits, for search and visibility. */
  numbers: string[];
  /** Whether a late message may still change it (false once the leg is settled). */
  open: boolean;
}
