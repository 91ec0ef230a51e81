import { reject, type Result } from '../core/captured-sip';
import type { CaptureFile } from './captured-packet';
import { readPcap } from './pcap.reader';
import { readPcapng } from './pcapng.reader';
import { readNetmon } from './netmon.reader';

/** pcap, pcapng or NetMon 2.x, told apart by the first four bytes. */
export function readCaptureFile(bytes: Uint8Array): Result<CaptureFile> & { truncated?: string } {
  if (bytes.length >= 4 && bytes[0] === 0x0a && bytes[1] === 0x0d && bytes[2] === 0x0d && bytes[3] === 0x0a) {
    return readPcapng(bytes);
  }
  if (bytes.length >= 4 && bytes[0] === 0x47 && bytes[1] === 0x4d && bytes[2] === 0x42 && bytes[3] === 0x55) {
    return readNetmon(bytes);
  }
  const head = readPcap(bytes);
  if (head.ok || bytes.length < 4) return head;
  return reject('neither pcap, pcapng nor NetMon', 0, bytes.subarray(0, Math.min(bytes.length, 16)));
}
