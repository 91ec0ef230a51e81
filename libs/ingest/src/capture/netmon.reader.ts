import { reject, type Result } from '../core/captured-sip';
import type { CaptureFile, CapturedPacket } from './captured-packet';
import { LINKTYPE } from './link-layer.decoder';

/**
 * Microsoft Network Monitor 2.x capture files ("GMBU"; one corpus capture, Wireshark's PROTOS
 * c07-sip suite, is one). Header (little-endian): version minor/major, MAC type (1 = Ethernet),
 * the capture start as a SYSTEMTIME (UTC), and the offset and length of a frame table of u32 frame
 * offsets. Each frame: a u64 µs delta from the start, the original and the captured length, data.
 */
export function readNetmon(bytes: Uint8Array): Result<CaptureFile> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 32 || view.getUint32(0, false) !== 0x474d4255)
    return reject('not a NetMon 2.x file', 0, bytes.subarray(0, 4));
  const major = bytes[5]!;
  if (major !== 2) return reject(`NetMon version ${major}.x is not supported`, 5, bytes.subarray(0, 8));
  const macType = view.getUint16(6, true);
  const startMs = Date.UTC(
    view.getUint16(8, true),
    view.getUint16(10, true) - 1,
    view.getUint16(14, true),
    view.getUint16(16, true),
    view.getUint16(18, true),
    view.getUint16(20, true),
    view.getUint16(22, true),
  );
  const tableOffset = view.getUint32(24, true);
  const tableLength = view.getUint32(28, true);
  if (tableOffset + tableLength > bytes.length)
    return reject('NetMon frame table runs past the end of the file', 24, bytes.subarray(0, 32));
  const linkType = macType === 1 ? LINKTYPE.ETHERNET : -macType; // others are not decoded
  const packets: CapturedPacket[] = [];
  for (let i = 0; i < tableLength / 4; i++) {
    const at = view.getUint32(tableOffset + 4 * i, true);
    if (at + 16 > bytes.length) break;
    const delta = Number(view.getBigUint64(at, true));
    const original = view.getUint32(at + 8, true);
    const caplen = view.getUint32(at + 12, true);
    if (at + 16 + caplen > bytes.length) break;
    packets.push({
      frame: i + 1,
      timeUs: startMs * 1000 + delta,
      linkType,
      data: bytes.subarray(at + 16, at + 16 + caplen),
      originalLength: original,
    });
  }
  return { ok: true, value: { format: 'netmon', packets } };
}
