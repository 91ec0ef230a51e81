import { reject, type Result } from '../core/captured-sip';
import type { CaptureFile, CapturedPacket } from './captured-packet';

const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;

/**
 * Classic libpcap files (draft-ietf-opsawg-pcap §4): a 24-byte file header whose magic number gives
 * the byte order and the time unit (µs for a1b2c3d4, ns for a1b23c4d), then records of 16 bytes
 * (ts_sec, ts_usec|ts_nsec, incl_len, orig_len) and the packet bytes. A record cut short by the end
 * of the file is reported, the packets before it are kept.
 */
export function readPcap(bytes: Uint8Array): Result<CaptureFile> & { truncated?: string } {
  if (bytes.length < 24) return reject('pcap file shorter than its 24-byte header', 0, bytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let little: boolean;
  let nanos: boolean;
  const magicBE = view.getUint32(0, false);
  const magicLE = view.getUint32(0, true);
  if (magicBE === MAGIC_US || magicBE === MAGIC_NS) {
    little = false;
    nanos = magicBE === MAGIC_NS;
  } else if (magicLE === MAGIC_US || magicLE === MAGIC_NS) {
    little = true;
    nanos = magicLE === MAGIC_NS;
  } else return reject('not a pcap file (unknown magic number)', 0, bytes.subarray(0, 4));
  // §4: LinkType is the low 16 bits of the field; the upper bits may carry FCS information.
  const linkType = view.getUint32(20, little) & 0xffff;
  const packets: CapturedPacket[] = [];
  let at = 24;
  let frame = 0;
  while (at + 16 <= bytes.length) {
    const sec = view.getUint32(at, little);
    const frac = view.getUint32(at + 4, little);
    const caplen = view.getUint32(at + 8, little);
    const origlen = view.getUint32(at + 12, little);
    if (at + 16 + caplen > bytes.length) {
      return {
        ok: true,
        value: { format: 'pcap', packets },
        truncated: `record at byte ${at} runs past the end of the file`,
      };
    }
    packets.push({
      frame: ++frame,
      timeUs: sec * 1_000_000 + (nanos ? Math.floor(frac / 1000) : frac),
      linkType,
      data: bytes.subarray(at + 16, at + 16 + caplen),
      originalLength: origlen,
    });
    at += 16 + caplen;
  }
  return { ok: true, value: { format: 'pcap', packets } };
}
