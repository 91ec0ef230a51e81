/** One stored observation of a SIP message, as the ladder needs it (the store's StoredMessage fits). */
export interface LadderMessage {
  recordId: string;
  /** µs, the observer's clock. */
  ts: number;
  /** Resolution of that clock as logged ('s' for FireBrick display logs); inferred when absent. */
  timePrecision?: string;
  callId: string;
  /** The device that logged or captured it. */
  deviceId: string;
  direction: string;
  src: { device: string; address: string; port: number };
  dst: { device: string; address: string; port: number };
  isRequest: boolean;
  method: string;
  status: number;
  reason: string;
  cseq: number;
  fromTag: string;
  toTag: string;
  fingerprint: string;
  attempt: number;
  raw?: Uint8Array;
}
