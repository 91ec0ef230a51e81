import { latin1 } from '../core/byte-text';
import { countSkip, emptyBatch, mergeBatch, type IngestBatch } from '../core/captured-sip';
import { parseSyslog3164 } from '../syslog/syslog-3164.parser';
import { MONTHS } from '../syslog/syslog-timestamp.parser';
import { parseSyslog } from '../syslog/syslog.parser';
import { londonLocalToUtcMs } from '../time/europe-london.time';
import { parseFireBrickHeader } from './firebrick-header.parser';
import { FireBrickPeerDeriver } from './firebrick-peer';
import { buildFireBrickRecord } from './firebrick-record';
import { FireBrickSyslogDecoder } from './firebrick-syslog.decoder';

export interface FireBrickFileOptions {
  /** µs; the year of year-less syslog timestamps is the one nearest this (e.g. the file's mtime). */
  referenceTimeUs: number;
  /** Zone of RFC 3164 timestamps in raw syslog lines; the display format is always UK time. */
  localZone?: 'utc' | 'europe-london';
  /** Line-per-message records: gap (µs, by the lines' own timestamps) that closes a record. */
  lineTimeoutUs?: number;
}

// FIREBRICK.md B': disp-time SP module SP text, disp-time = d Mon yyyy hh:mm:ss (UK local time).
const DISPLAY = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (\S+) ?(.*)$/;
const SYSLOG_START = /^(?:<\d{1,3}>|[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} |\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})/;

interface Entry {
  kind: 'display' | 'syslog';
  start: number;
  /** End of the first line (index of its LF or the end). */
  firstLineEnd: number;
  end: number;
}

/**
 * A FireBrick log file: the web display format (`27 Jul 2014 08:02:21 voip-udp-rx VoIP Rx 17>` and
 * the SIP lines after it, UK local time, whole seconds) and/or raw syslog lines as a relay wrote
 * them (one record per line with #012 escapes, one line per message, or a message whose embedded
 * line breaks were written as they are). Lines that start neither form continue the entry above.
 */
export function decodeFireBrickFile(file: Uint8Array, options: FireBrickFileOptions): IngestBatch {
  const out = emptyBatch();
  const peers = new FireBrickPeerDeriver();
  const syslog = new FireBrickSyslogDecoder({
    lineTimeoutUs: options.lineTimeoutUs ?? 2_000_000,
    localZone: options.localZone,
    ingestPath: 'file',
  });
  for (const entry of splitEntries(file)) {
    const firstLine = latin1(file, entry.start, entry.firstLineEnd).replace(/\r$/, '');
    if (entry.kind === 'display') decodeDisplay(file, entry, firstLine, peers, out);
    else decodeSyslogLine(file, entry, syslog, options, out);
  }
  return mergeBatch(out, syslog.end());
}

function splitEntries(file: Uint8Array): Entry[] {
  const entries: Entry[] = [];
  let at = 0;
  while (at < file.length) {
    const lf = file.indexOf(0x0a, at);
    const lineEnd = lf === -1 ? file.length : lf;
    const next = lf === -1 ? file.length : lf + 1;
    const head = latin1(file, at, Math.min(lineEnd, at + 40));
    const kind = DISPLAY.test(latin1(file, at, lineEnd).replace(/\r$/, ''))
      ? 'display'
      : SYSLOG_START.test(head)
        ? 'syslog'
        : null;
    if (kind) entries.push({ kind, start: at, firstLineEnd: lineEnd, end: next });
    else if (entries.length > 0) entries[entries.length - 1]!.end = next;
    at = next;
  }
  return entries;
}

function decodeDisplay(
  file: Uint8Array,
  entry: Entry,
  firstLine: string,
  peers: FireBrickPeerDeriver,
  out: IngestBatch,
) {
  const m = DISPLAY.exec(firstLine)!;
  const [, d, mon, y, hh, mm, ss, module = '', text = ''] = m;
  const header = parseFireBrickHeader(text);
  if (!header) {
    countSkip(out.skipped, 'firebrick/other');
    return;
  }
  const month = MONTHS.indexOf(mon!) + 1;
  if (month === 0) {
    out.rejections.push({
      ok: false,
      reason: `unknown month ${mon}`,
      offset: entry.start,
      raw: file.slice(entry.start, entry.end),
      ingestPath: 'file',
      formatVariant: 'firebrick/display',
    });
    return;
  }
  const utcMs = londonLocalToUtcMs({
    year: Number(y),
    month,
    day: Number(d),
    hour: Number(hh),
    minute: Number(mm),
    second: Number(ss),
  });
  const r = buildFireBrickRecord(
    {
      header,
      sip: file.subarray(Math.min(entry.firstLineEnd + 1, entry.end), entry.end),
      timeUs: utcMs * 1000,
      timePrecision: 's',
      deviceKey: '',
      module,
      ingestPath: 'file',
      formatVariant: 'firebrick/display',
    },
    peers,
  );
  if (r.ok) out.records.push(r.value);
  else
    out.rejections.push({
      ...r,
      offset: entry.start + r.offset,
      raw: file.slice(entry.start, entry.end),
      ingestPath: 'file',
      formatVariant: 'firebrick/display',
    });
}

function decodeSyslogLine(
  file: Uint8Array,
  entry: Entry,
  syslog: FireBrickSyslogDecoder,
  options: FireBrickFileOptions,
  out: IngestBatch,
) {
  let end = entry.end;
  while (end > entry.start && (file[end - 1] === 0x0a || file[end - 1] === 0x0d)) end--;
  const bytes = file.subarray(entry.start, end);
  const syslogOptions = { referenceTimeUs: options.referenceTimeUs, localZone: options.localZone, priOptional: true };
  const parsed = bytes[0] === 0x3c ? parseSyslog(bytes, syslogOptions) : parseSyslog3164(bytes, syslogOptions);
  if (!parsed.ok) {
    out.rejections.push({
      ...parsed,
      offset: entry.start + parsed.offset,
      raw: file.slice(entry.start, end),
      ingestPath: 'file',
      formatVariant: 'firebrick/syslog-file',
    });
    return;
  }
  const at = parsed.value.timeUs ?? options.referenceTimeUs;
  mergeBatch(out, syslog.flushIdle(at));
  syslog.decodeMessage(parsed.value, { receivedTimeUs: at }, out);
}
