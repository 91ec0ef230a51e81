import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  decodeCaptureFile,
  decodeFireBrickFile,
  decodeHepPacket,
  emptyBatch,
  FireBrickSyslogDecoder,
  HepStreamFramer,
  lookupHeader,
  mergeBatch,
  SyslogTcpFramer,
  type IngestBatch,
  type Inflate,
} from '@sipflow/ingest';
import type { IngestPath, SipRecord } from '@sipflow/sip';
import { nowUs } from '../listeners/listener';
import type { IngestPipeline, IngestSource } from '../pipeline/ingest-pipeline';

export const IMPORT_FORMATS = ['auto', 'firebrick', 'syslog', 'hep', 'pcap'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type DetectedFormat = Exclude<ImportFormat, 'auto'>;

export interface FileImportResult {
  file: string;
  format: DetectedFormat;
  /** SipRecords published (one per SIP message per reporting device). */
  records: number;
  /** Distinct SIP messages among them: a message two devices logged (Tx on one, Rx on the other) counts once. */
  messages: number;
  /** Inputs rejected and dead-lettered (frames, packets, records). */
  rejected: number;
  /** Well-formed input that is not SIP (other log lines, non-SIP packets). */
  skipped: number;
  /** Set when the file could not be read, or ended in the middle of a record. */
  error?: string;
}

export interface ImportSummary {
  files: FileImportResult[];
  total: Omit<FileImportResult, 'file' | 'format' | 'error'>;
  /** Every record published, in order (what correlation will consume: the hook for dialogs/calls). */
  records: SipRecord[];
}

const PCAP_MAGIC = new Set([0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a]);

/**
 * Which decoder a file wants (`--format auto`): pcap/pcapng (and NetMon) by magic number, HEP by
 * its "HEP3" id (or a HEP v1/v2 header), syslog when it starts an RFC 6587 frame (a length or
 * "<PRI>"), else FireBrick log text (the web display format, or relay lines).
 */
export function detectFormat(bytes: Uint8Array): DetectedFormat {
  if (bytes.length >= 4) {
    const magic = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    if (PCAP_MAGIC.has(magic) || Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'GMBU') return 'pcap';
    if (Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'HEP3') return 'hep';
    if ((bytes[0] === 1 || bytes[0] === 2) && bytes[1]! >= 16 && bytes[1]! <= 64) return 'hep';
  }
  let at = 0;
  while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d || bytes[at] === 0x20)) at++;
  const head = Buffer.from(bytes.subarray(at, at + 16)).toString('latin1');
  if (/^<\d{1,3}>/.test(head) || /^[1-9]\d{0,8} <\d{1,3}>/.test(head)) return 'syslog';
  return 'firebrick';
}

/** Decodes one file with the decoder its format names; pure apart from the clock reading given. */
export function decodeFile(
  bytes: Uint8Array,
  format: DetectedFormat,
  options: { referenceTimeUs: number; inflate: Inflate; lineTimeoutUs?: number },
): IngestBatch & { ingestPath: IngestPath; truncated?: string } {
  switch (format) {
    case 'pcap': {
      const batch = decodeCaptureFile(bytes, { ingestPath: 'pcap' });
      return { ...batch, ingestPath: 'pcap', ...(batch.truncated ? { truncated: batch.truncated } : {}) };
    }
    case 'hep': {
      const out = emptyBatch();
      if (bytes[0] === 0x48) {
        for (const frame of new HepStreamFramer().push(bytes)) {
          if (!frame.ok) out.rejections.push({ ...frame, ingestPath: 'hep', formatVariant: 'hep' });
          else
            mergeBatch(
              out,
              decodeHepPacket(frame.packet, { inflate: options.inflate, receivedTimeUs: options.referenceTimeUs }),
            );
        }
      } else {
        mergeBatch(out, decodeHepPacket(bytes, { inflate: options.inflate, receivedTimeUs: options.referenceTimeUs }));
      }
      return { ...out, ingestPath: 'hep' };
    }
    case 'syslog': {
      // A syslog stream written to a file: RFC 6587 frames (octet-counted or one per line).
      const out = emptyBatch();
      const decoder = new FireBrickSyslogDecoder({
        lineTimeoutUs: options.lineTimeoutUs ?? 2_000_000,
        ingestPath: 'file',
      });
      const framer = new SyslogTcpFramer();
      const context = { receivedTimeUs: options.referenceTimeUs };
      for (const frame of [...framer.push(bytes), ...framer.end()]) {
        if (!frame.ok) out.rejections.push({ ...frame, ingestPath: 'file', formatVariant: 'syslog' });
        else mergeBatch(out, decoder.decode(frame.bytes, context));
      }
      return { ...mergeBatch(out, decoder.end()), ingestPath: 'file' };
    }
    case 'firebrick':
      return { ...decodeFireBrickFile(bytes, { referenceTimeUs: options.referenceTimeUs }), ingestPath: 'file' };
  }
}

/**
 * The identity of one SIP message as two devices would both log it (FIREBRICK.md, correlation
 * 1): Call-ID, CSeq, top-Via branch, start line and transmission attempt. received/rport, which
 * the receiving device adds, are not part of it.
 */
export function sipMessageKey(record: SipRecord): string {
  const text = Buffer.from(record.raw.subarray(0, Math.min(record.raw.length, 512))).toString('latin1');
  const startLine = text.slice(0, text.search(/\r?\n|$/)).trim();
  const branch = /branch=([^;,\s]+)/i.exec(lookupHeader(record.raw, 'via'))?.[1] ?? '';
  return [record.callId, lookupHeader(record.raw, 'cseq'), branch, startLine, record.attempt ?? 0].join('\u0000');
}

export interface ImportFilesOptions {
  format: ImportFormat;
  /** The same pipeline the listeners feed (decode → device → SipRecord → bus). */
  pipeline: IngestPipeline;
  inflate: Inflate;
}

/**
 * `sipflow import`: each file through the same decoders and the same pipeline as live traffic, so
 * file import and live ingest cannot disagree. Records whose source names no reporting device
 * (pcap, FireBrick display text) are reported by `file:<name>`. The caller waits for the bus
 * (publisher drained) before trusting the records are out.
 */
export function importFiles(files: string[], options: ImportFilesOptions): ImportSummary {
  const summary: ImportSummary = {
    files: [],
    total: { records: 0, messages: 0, rejected: 0, skipped: 0 },
    records: [],
  };
  const allMessages = new Set<string>();
  for (const file of files) {
    const name = basename(file);
    let bytes: Uint8Array;
    let referenceTimeUs: number;
    try {
      bytes = readFileSync(file);
      referenceTimeUs = Math.round(statSync(file).mtimeMs * 1000);
    } catch (err) {
      summary.files.push({
        file,
        format: 'firebrick',
        records: 0,
        messages: 0,
        rejected: 0,
        skipped: 0,
        error: (err as Error).message,
      });
      continue;
    }
    const format = options.format === 'auto' ? detectFormat(bytes) : options.format;
    const batch = decodeFile(bytes, format, { referenceTimeUs, inflate: options.inflate });
    for (const record of batch.records) record.deviceHint ??= `file:${name}`;
    const source: IngestSource = { listener: 'import', ingestPath: batch.ingestPath, name: file };
    const before = summary.records.length;
    const received = nowUs();
    const result = options.pipeline.accept(batch, source, received, (r) => summary.records.push(r));
    const messages = new Set<string>();
    for (const r of summary.records.slice(before)) {
      const key = sipMessageKey(r);
      messages.add(key);
      allMessages.add(key);
    }
    summary.files.push({
      file,
      format,
      records: result.records,
      messages: messages.size,
      rejected: result.rejected,
      skipped: result.skipped,
      ...(batch.truncated ? { error: `file ends inside a record: ${batch.truncated}` } : {}),
    });
    summary.total.records += result.records;
    summary.total.rejected += result.rejected;
    summary.total.skipped += result.skipped;
  }
  summary.total.messages = allMessages.size;
  return summary;
}
