import { computeRecordId, type SipRecord } from '@sipflow/sip';
import { SEED_CALL_START_US, seedCallRecords } from './seed-call';

export interface SeedCopiesOptions {
  /** Start of the first copy (µs). */
  startAtUs: number;
  /** Time between the starts of consecutive copies (µs); smaller than a call means overlapping calls. */
  spacingUs: number;
  /** Give copy k its own caller and dialled numbers (default); false keeps the seed's numbers. */
  distinctNumbers?: boolean;
  /**
   * Spread the copies over this many independent sets of devices (an ISP's fleet of call servers):
   * copy k runs on set k mod fleets, whose devices have their own ids and addresses. Default 1:
   * every copy crosses the same nine devices (the worst case for per-device state).
   */
  fleets?: number;
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
      const fleet = k % (options.fleets ?? 1);
      const copy: SipRecord = { ...record, raw, callId: `${record.callId}~${k}`, captureTimeUs, recordId: '' };
      if (fleet > 0) {
        // Another fleet: the same roles on other machines (addresses in 10.<fleet>.x.y).
        const net = { '192.0.2': 1, '198.51.100': 2, '203.0.113': 3 } as Record<string, number>;
        const move = (a: string) => {
          const m = /^(\d+\.\d+\.\d+)\.(\d+)$/.exec(a);
          return m ? `10.${fleet & 255}.${((fleet >> 8) << 2) | (net[m[1]!] ?? 0)}.${m[2]}` : a;
        };
        copy.device = { id: `${record.device.id}@${fleet}`, name: `${record.device.name} #${fleet}` };
        if (record.source) copy.source = { ...record.source, address: move(record.source.address) };
        if (record.destination) copy.destination = { ...record.destination, address: move(record.destination.address) };
      }
      copy.recordId = computeRecordId(`${copy.device.id}\u0000${copy.direction}`, captureTimeUs, raw);
      out.push(copy);
    }
  }
  return out;
}

/** The copy a SIP Call-ID of seedCallCopies belongs to. */
export const copyOf = (sipCallId: string) => Number(sipCallId.slice(sipCallId.lastIndexOf('~') + 1));
