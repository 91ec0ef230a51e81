import { computeRecordId, type SipRecord } from '@sipflow/sip';
import { SEED_CALL_START_US, seedCallRecords } from './seed-call';

export interface SeedCopiesOptions {
  /** Start of the first copy (µs). */
  startAtUs: number;
  /** Time between the starts of consecutive copies (µs); smaller than a call means overlapping calls. */
  spacingUs: number;
  /** Give copy k its own caller and dialled numbers (default); false keeps the seed's numbers. */
  distinctNumbers?: boolean;
}

const latin1 = (raw: Uint8Array) => Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');

/** A six-digit variant of a number ending for copy k (same length, so Content-Length stays right). */
const variant = (base: number, k: number) => String((base + k * 7919) % 1_000_000).padStart(6, '0');

/**
 * n copies of the seed call as distinct calls, for load and accuracy tests: every Call-ID, tag and
 * branch gets a copy suffix (in headers only — bodies keep their length), the caller and dialled
 * numbers change per copy, and each copy is shifted in time. The copy number k is in every Call-ID
 * (`…~k`), which is the ground truth of which legs belong together.
 */
export function seedCallCopies(n: number, options: SeedCopiesOptions): SipRecord[] {
  const base = seedCallRecords();
  const out: SipRecord[] = [];
  for (let k = 0; k < n; k++) {
    const shift = options.startAtUs + k * options.spacingUs - SEED_CALL_START_US;
    for (const record of base) {
      const text = latin1(record.raw);
      const split = text.indexOf('\r\n\r\n');
      let head = split < 0 ? text : text.slice(0, split);
      const body = split < 0 ? '' : text.slice(split);
      head = head
        .replace(/^((?:Call-ID|i)[ \t]*:[ \t]*)(\S+)/gim, `$1$2~${k}`)
        .replace(/;tag=([^;>\s,]+)/gi, `;tag=$1~${k}`)
        .replace(/;branch=([^;>\s,]+)/gi, `;branch=$1~${k}`);
      if (options.distinctNumbers !== false) {
        head = head
          .replaceAll('1632960123', `1632${variant(960123, k)}`)
          .replaceAll('1632960999', `1632${variant(960999, k)}`);
      }
      const raw = new Uint8Array(Buffer.from(head + body, 'latin1'));
      const captureTimeUs = record.captureTimeUs + shift;
      out.push({
        ...record,
        raw,
        callId: `${record.callId}~${k}`,
        captureTimeUs,
        recordId: computeRecordId(`${record.device.id}\u0000${record.direction}`, captureTimeUs, raw),
      });
    }
  }
  return out;
}

/** The copy a SIP Call-ID of seedCallCopies belongs to. */
export const copyOf = (sipCallId: string) => Number(sipCallId.slice(sipCallId.lastIndexOf('~') + 1));
