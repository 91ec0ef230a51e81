import { latin1 } from '../core/byte-text';
import { reject, type Result } from '../core/captured-sip';
import { londonLocalToUtcMs } from '../time/europe-london.time';
import type { SyslogMessage } from './syslog-message';
import { parsePri } from './syslog-pri.parser';
import { MONTHS, parseRfc3339, resolveBsdTimestamp } from './syslog-timestamp.parser';

export interface Syslog3164Options {
  /** µs: the year of a BSD timestamp is the one nearest this (the time the collector received it). */
  referenceTimeUs: number;
  /** Wall-clock zone of BSD timestamps (RFC 3164 has none): UTC unless a relay is known to be UK. */
  localZone?: 'utc' | 'europe-london';
  /** File lines written by rsyslog and friends carry no PRI; allow that. */
  priOptional?: boolean;
}

// "Mmm dd hh:mm:ss" (day space-padded, RFC 3164 §4.1.2); liberal: zero-padded and single-space days.
const BSD_TS = /^([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))? /;
const ISO_TS = /^(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})) /;
// RFC 3164 §4.1.3 TAG: alphanumerics up to 32 characters, usually followed by "[pid]" and ":".
const TAG = /^([^\s:[\]]{1,48})(?:\[([^\]\s]{1,128})\])?:(?: |$)/;

/**
 * RFC 3164 §4.1: PRI TIMESTAMP SP HOSTNAME SP TAG ":" SP CONTENT, read liberally as relays and log
 * files write it: an RFC 3339 timestamp in place of the BSD one, HOSTNAME left out (the first word
 * is then the TAG, recognisable by its colon), PRI left out on file lines when allowed.
 */
export function parseSyslog3164(b: Uint8Array, options: Syslog3164Options): Result<SyslogMessage> {
  let i = 0;
  let facility: number | undefined;
  let severity: number | undefined;
  if (b[0] === 0x3c) {
    const pri = parsePri(b);
    if (!pri.ok) return pri;
    ({ facility, severity } = pri.value);
    i = pri.value.next;
  } else if (!options.priOptional) return reject('no PRI: syslog messages start with "<"', 0, b);

  const head = latin1(b, i, Math.min(b.length, i + 600));
  let timeUs: number;
  let precision: SyslogMessage['timePrecision'] = 's';
  let rest: string;
  const bsd = BSD_TS.exec(head);
  if (bsd) {
    const month = MONTHS.indexOf(bsd[1]!) + 1;
    if (month === 0) return reject(`unknown month ${bsd[1]}`, i, b);
    const utc =
      options.localZone === 'europe-london'
        ? (year: number, mo: number, day: number, hour: number, minute: number, second: number) =>
            londonLocalToUtcMs({ year, month: mo, day, hour, minute, second })
        : (year: number, mo: number, day: number, hour: number, minute: number, second: number) =>
            Date.UTC(year, mo - 1, day, hour, minute, second);
    const resolved = resolveBsdTimestamp(
      month,
      Number(bsd[2]),
      Number(bsd[3]),
      Number(bsd[4]),
      Number(bsd[5]),
      options.referenceTimeUs,
      utc,
    );
    if (resolved === null) return reject(`impossible timestamp ${JSON.stringify(bsd[0].trim())}`, i, b);
    const frac = bsd[6] ?? '';
    timeUs = resolved + (frac ? Number(frac.padEnd(6, '0')) : 0);
    if (frac) precision = frac.length <= 3 ? 'ms' : 'us';
    rest = head.slice(bsd[0].length);
  } else {
    const iso = ISO_TS.exec(head);
    const parsed = iso && parseRfc3339(iso[1]!);
    if (!iso || !parsed) return reject('no RFC 3164 or RFC 3339 timestamp', i, b);
    timeUs = parsed.timeUs;
    precision = parsed.precision;
    rest = head.slice(iso[0].length);
  }
  let consumed = head.length - rest.length;

  let hostname: string | undefined;
  let tag = TAG.exec(rest);
  if (!tag) {
    const sp = rest.indexOf(' ');
    if (sp <= 0) return reject('no HOSTNAME or TAG after the timestamp', i + consumed, b);
    hostname = rest.slice(0, sp);
    consumed += sp + 1;
    rest = rest.slice(sp + 1);
    tag = TAG.exec(rest);
  }
  let appName: string | undefined;
  let procId: string | undefined;
  if (tag) {
    appName = tag[1];
    procId = tag[2];
    consumed += tag[0].length;
  }
  return {
    ok: true,
    value: {
      variant: 'syslog-3164',
      facility,
      severity,
      timeUs,
      timePrecision: precision,
      hostname,
      appName,
      procId,
      structuredData: [],
      msg: b.subarray(i + consumed),
      bom: false,
    },
  };
}
