import { emptyBatch, mergeBatch, type IngestBatch } from '../core/captured-sip';
import { readCaptureFile } from './capture-file.reader';
import { CaptureSipExtractor, type CaptureSipOptions, type FramedCapturedSip } from './capture-sip.extractor';

export interface CaptureFileBatch extends IngestBatch {
  records: FramedCapturedSip[];
  /** Packets read from the file. */
  packets: number;
  /** Set when the file ended inside a record or block (the packets before it are kept). */
  truncated?: string;
}

/** Every SIP message in a pcap or pcapng file (file import, tests). */
export function decodeCaptureFile(bytes: Uint8Array, options: CaptureSipOptions = {}): CaptureFileBatch {
  const file = readCaptureFile(bytes);
  if (!file.ok) {
    return {
      records: [],
      rejections: [{ ...file, ingestPath: options.ingestPath ?? 'pcap' }],
      skipped: {},
      packets: 0,
    };
  }
  const extractor = new CaptureSipExtractor({ format: file.value.format, ...options });
  const out = emptyBatch();
  for (const packet of file.value.packets) mergeBatch(out, extractor.push(packet));
  mergeBatch(out, extractor.end());
  const result: CaptureFileBatch = {
    ...out,
    records: out.records as FramedCapturedSip[],
    packets: file.value.packets.length,
  };
  if (file.truncated) result.truncated = file.truncated;
  return result;
}
