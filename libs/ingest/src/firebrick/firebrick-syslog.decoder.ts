import type { IngestPath, TimePrecision } from '@sipflow/sip';
import { concatBytes, latin1 } from '../core/byte-text';
import { countSkip, emptyBatch, type IngestBatch } from '../core/captured-sip';
import { contentLength, readHeaderBlock } from '../sip-stream/sip-header-lookup';
import { unescapeControlChars } from '../syslog/control-escapes';
import type { SyslogMessage } from '../syslog/syslog-message';
import { parseSyslog } from '../syslog/syslog.parser';
import { parseFireBrickHeader, type FireBrickHeader } from './firebrick-header.parser';
import { FireBrickPeerDeriver } from './firebrick-peer';
import { buildFireBrickRecord } from './firebrick-record';

export interface FireBrickSyslogOptions {
  /**
   * Line-per-message streams: a record still open after this long without a new line is emitted
   * (µs). Records also close on the next header line from the same device and module.
   */
  lineTimeoutUs: number;
  /** Zone of RFC 3164 timestamps (which have none): UTC unless the relay is known to be UK. */
  localZone?: 'utc' | 'europe-london';
  /** Line-per-message: longest record gathered before it is cut off and emitted (bytes). */
  maxRecordBytes?: number;
  /** 'syslog' (default) from the network, 'file' when reading a log file. */
  ingestPath?: IngestPath;
}

export interface SyslogContext {
  /** When the collector received the message (µs): the 3164 year, NIL timestamps, time-outs. */
  receivedTimeUs: number;
  /** The sender's address, the device's name when the message has no HOSTNAME. */
  sourceAddress?: string;
}

interface OpenRecord {
  header: FireBrickHeader;
  lines: Uint8Array[];
  bytes: number;
  timeUs: number;
  timePrecision: TimePrecision;
  lastSeenUs: number;
  deviceKey: string;
  deviceHint?: string;
  module?: string;
  variant: string;
}

const LF = Uint8Array.of(0x0a);
const CRLF = Uint8Array.of(0x0d, 0x0a);

/**
 * FireBrick SIP packet records from syslog (FIREBRICK.md layers A and B). Either one syslog
 * message holds a whole record (header line, then the SIP message after embedded line breaks,
 * possibly escaped as #012 by a relay), or each line came as its own message: those are gathered
 * per device and module until the next header line, the end of the SIP message (empty line plus
 * Content-Length bytes), or `lineTimeoutUs` without a new line (`flushIdle`).
 *
 * Stateful (open line records, the Tx branch → peer memory): one instance per collector.
 */
export class FireBrickSyslogDecoder {
  private readonly open = new Map<string, OpenRecord>();
  private readonly peers = new FireBrickPeerDeriver();
  private readonly maxRecord: number;
  private readonly ingestPath: IngestPath;

  constructor(private readonly options: FireBrickSyslogOptions) {
    this.maxRecord = options.maxRecordBytes ?? 256 * 1024;
    this.ingestPath = options.ingestPath ?? 'syslog';
  }

  /** Records held open, waiting for more lines. */
  get openRecords(): number {
    return this.open.size;
  }

  /** One framed syslog message (a UDP datagram, a TCP frame, a file line). */
  decode(bytes: Uint8Array, context: SyslogContext): IngestBatch {
    const out = this.flushIdle(context.receivedTimeUs);
    const parsed = parseSyslog(bytes, { referenceTimeUs: context.receivedTimeUs, localZone: this.options.localZone });
    if (!parsed.ok) {
      out.rejections.push({ ...parsed, ingestPath: this.ingestPath, formatVariant: 'firebrick/syslog' });
      return out;
    }
    this.decodeMessage(parsed.value, context, out);
    return out;
  }

  /** A syslog message parsed elsewhere (file import parses its own lines). */
  decodeMessage(message: SyslogMessage, context: SyslogContext, out: IngestBatch = emptyBatch()): IngestBatch {
    const unescaped = unescapeControlChars(message.msg);
    const msg = unescaped.bytes;
    const escaped = unescaped.replaced > 0 ? '+escaped' : '';
    const deviceHint = message.hostname ?? context.sourceAddress;
    const deviceKey = `${deviceHint ?? ''}\u0000${message.appName ?? ''}`;
    const timeUs = message.timeUs ?? context.receivedTimeUs;
    const timePrecision: TimePrecision = message.timeUs !== undefined ? (message.timePrecision ?? 's') : 'us';

    const lf = msg.indexOf(0x0a);
    const firstLine = latin1(msg, 0, lf === -1 ? msg.length : lf);
    const header = parseFireBrickHeader(firstLine);
    const variantBase = `firebrick/${message.variant}`;

    if (header) {
      this.close(deviceKey, out);
      const rest = lf === -1 ? new Uint8Array(0) : msg.subarray(lf + 1);
      if (rest.some((c) => c !== 0x0a && c !== 0x0d && c !== 0x20)) {
        const r = buildFireBrickRecord(
          {
            header,
            sip: rest,
            timeUs,
            timePrecision,
            deviceKey,
            deviceHint,
            module: message.appName,
            ingestPath: this.ingestPath,
            formatVariant: variantBase + escaped,
          },
          this.peers,
        );
        if (r.ok) out.records.push(r.value);
        else out.rejections.push({ ...r, raw: message.msg, ingestPath: this.ingestPath, formatVariant: variantBase });
      } else {
        this.open.set(deviceKey, {
          header,
          lines: [],
          bytes: 0,
          timeUs,
          timePrecision,
          lastSeenUs: context.receivedTimeUs,
          deviceKey,
          deviceHint,
          module: message.appName,
          variant: `${variantBase}/line-per-message${escaped}`,
        });
      }
      return out;
    }

    const record = this.open.get(deviceKey);
    if (!record) {
      countSkip(out.skipped, 'firebrick/other');
      return out;
    }
    record.lines.push(msg);
    record.bytes += msg.length + 1;
    record.lastSeenUs = context.receivedTimeUs;
    if (record.bytes > this.maxRecord || this.isComplete(record)) this.close(deviceKey, out);
    return out;
  }

  /** Emits line-per-message records idle for longer than the time-out. */
  flushIdle(nowUs: number): IngestBatch {
    const out = emptyBatch();
    for (const [key, record] of this.open) {
      if (nowUs - record.lastSeenUs >= this.options.lineTimeoutUs) this.close(key, out);
    }
    return out;
  }

  /** Emits every open record (shutdown, end of file). */
  end(): IngestBatch {
    const out = emptyBatch();
    for (const key of [...this.open.keys()]) this.close(key, out);
    return out;
  }

  private isComplete(record: OpenRecord): boolean {
    const last = record.lines[record.lines.length - 1];
    const sawEmpty = record.lines.some((l) => l.length === 0 || (l.length === 1 && l[0] === 0x0d));
    if (!sawEmpty || !last) return false;
    const joined = this.join(record);
    const block = readHeaderBlock(joined);
    if (!block) return false;
    const length = contentLength(block.lines) ?? 0;
    return !Number.isNaN(length) && joined.length - block.bodyStart >= length;
  }

  private join(record: OpenRecord): Uint8Array {
    const parts: Uint8Array[] = [];
    // Lines that came one per message lost their line ends: rejoin them as SIP wants (CRLF).
    for (const line of record.lines) parts.push(line, line[line.length - 1] === 0x0d ? LF : CRLF);
    return concatBytes(parts);
  }

  private close(key: string, out: IngestBatch): void {
    const record = this.open.get(key);
    if (!record) return;
    this.open.delete(key);
    if (record.lines.length === 0) {
      out.rejections.push({
        ok: false,
        reason: 'FireBrick header line with no SIP message after it',
        offset: 0,
        raw: new Uint8Array(0),
        ingestPath: this.ingestPath,
        formatVariant: record.variant,
      });
      return;
    }
    const sip = this.join(record);
    const r = buildFireBrickRecord(
      {
        header: record.header,
        sip,
        timeUs: record.timeUs,
        timePrecision: record.timePrecision,
        deviceKey: record.deviceKey,
        deviceHint: record.deviceHint,
        module: record.module,
        ingestPath: this.ingestPath,
        formatVariant: record.variant,
      },
      this.peers,
    );
    if (r.ok) out.records.push(r.value);
    else out.rejections.push({ ...r, ingestPath: this.ingestPath, formatVariant: record.variant });
  }
}
