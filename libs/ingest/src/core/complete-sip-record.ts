import { computeRecordId, type DeviceRef, type SipRecord } from '@sipflow/sip';
import { lookupCallId } from '../sip-stream/sip-header-lookup';
import type { CapturedSip } from './captured-sip';

export interface CompleteOptions {
  /** When the collector received it (µs since the epoch). */
  receivedTimeUs?: number;
  /** Call-ID when the caller has parsed the message already; else read by ingest's lookup. */
  callId?: string;
}

/**
 * The one path from a decoded capture to the SipRecord the bus carries, for the collector and
 * file import alike. The record id hashes the observer (device and direction, as record-id.ts
 * asks), the capture time and the bytes, so the same observation imported twice gets one id.
 */
export function completeSipRecord(captured: CapturedSip, device: DeviceRef, options: CompleteOptions = {}): SipRecord {
  const { deviceHint: _hint, ...rest } = captured;
  const raw = captured.raw.slice(); // own the bytes: decoders hand out views of their input
  const record: SipRecord = {
    ...rest,
    raw,
    recordId: computeRecordId(`${device.id}\u0000${captured.direction}`, captured.captureTimeUs, raw),
    device,
    callId: options.callId ?? lookupCallId(raw),
  };
  if (options.receivedTimeUs !== undefined) record.receivedTimeUs = options.receivedTimeUs;
  return record;
}
