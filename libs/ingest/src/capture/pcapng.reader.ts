import { reject, type Result } from '../core/captured-sip';
import type { CaptureFile, CapturedPacket } from './captured-packet';

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const PB_OBSOLETE = 0x00000002;
const SPB = 0x00000003;
const EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

interface Interface {
  linkType: number;
  snapLen: number;
  /** Timestamp units per second. */
  unitsPerSecond: bigint;
}

/**
 * pcapng (draft-ietf-opsawg-pcapng): Section Header Blocks set the byte order of their section
 * (§4.1), Interface Description Blocks give each interface its link type and timestamp resolution
 * (§4.2, option if_tsresol: 10^-n, or 2^-n when the top bit is set; default µs), and packets come in
 * Enhanced (§4.3), Simple (§4.4, interface 0, no timestamp) or obsolete Packet Blocks. Other blocks
 * are skipped by their length.
 */
export function readPcapng(bytes: Uint8Array): Result<CaptureFile> & { truncated?: string } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 28 || view.getUint32(0, false) !== SHB)
    return reject('not a pcapng file (no Section Header Block)', 0, bytes.subarray(0, 4));
  const packets: CapturedPacket[] = [];
  let little = true;
  let interfaces: Interface[] = [];
  let at = 0;
  let frame = 0;
  const done = (truncated?: string) => {
    const r: Result<CaptureFile> & { truncated?: string } = { ok: true, value: { format: 'pcapng', packets } };
    if (truncated) r.truncated = truncated;
    return r;
  };
  while (at + 12 <= bytes.length) {
    const type = view.getUint32(at, little);
    if (view.getUint32(at, false) === SHB) {
      const magic = view.getUint32(at + 8, true);
      if (magic === BYTE_ORDER_MAGIC) little = true;
      else if (view.getUint32(at + 8, false) === BYTE_ORDER_MAGIC) little = false;
      else
        return at === 0
          ? reject('pcapng byte-order magic missing', at + 8, bytes.subarray(at, at + 12))
          : done(`bad section header at byte ${at}`);
      interfaces = [];
    }
    const length = view.getUint32(at + 4, little);
    if (length < 12 || length % 4 !== 0 || at + length > bytes.length)
      return done(`block at byte ${at} has a bad length ${length}`);
    const body = at + 8;
    const bodyEnd = at + length - 4;
    if (type === IDB && bodyEnd - body >= 8) {
      interfaces.push({
        linkType: view.getUint16(body, little),
        snapLen: view.getUint32(body + 4, little),
        unitsPerSecond: tsResolution(view, body + 8, bodyEnd, little),
      });
    } else if (type === EPB || type === PB_OBSOLETE) {
      const ifIndex = type === EPB ? view.getUint32(body, little) : view.getUint16(body, little);
      const iface = interfaces[ifIndex];
      const caplen = view.getUint32(body + 12, little);
      const data = body + 20;
      if (iface && data + caplen <= bodyEnd) {
        const units = (BigInt(view.getUint32(body + 4, little)) << 32n) | BigInt(view.getUint32(body + 8, little));
        packets.push({
          frame: ++frame,
          timeUs: Number((units * 1_000_000n) / iface.unitsPerSecond),
          linkType: iface.linkType,
          data: bytes.subarray(data, data + caplen),
          originalLength: view.getUint32(body + 16, little),
        });
      } else frame++;
    } else if (type === SPB) {
      const iface = interfaces[0];
      const original = view.getUint32(body, little);
      const caplen = Math.min(original, bodyEnd - body - 4, iface?.snapLen || Number.MAX_SAFE_INTEGER);
      if (iface) {
        packets.push({
          frame: ++frame,
          timeUs: 0, // §4.4: a Simple Packet Block has no timestamp
          linkType: iface.linkType,
          data: bytes.subarray(body + 4, body + 4 + caplen),
          originalLength: original,
        });
      } else frame++;
    }
    at += length;
  }
  return done(at < bytes.length ? `${bytes.length - at} trailing bytes` : undefined);
}

/** §4.2 option if_tsresol (code 9). */
function tsResolution(view: DataView, at: number, end: number, little: boolean): bigint {
  while (at + 4 <= end) {
    const code = view.getUint16(at, little);
    const len = view.getUint16(at + 2, little);
    if (code === 0) break;
    if (code === 9 && len >= 1) {
      const v = view.getUint8(at + 4);
      return v & 0x80 ? 1n << BigInt(v & 0x7f) : 10n ** BigInt(v);
    }
    at += 4 + ((len + 3) & ~3);
  }
  return 1_000_000n;
}
