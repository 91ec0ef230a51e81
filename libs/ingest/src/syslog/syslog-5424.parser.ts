import { latin1 } from '../core/byte-text';
import { reject, type Result } from '../core/captured-sip';
import type { SdElement, SyslogMessage } from './syslog-message';
import { parsePri } from './syslog-pri.parser';
import { parseRfc3339 } from './syslog-timestamp.parser';

const SP = 0x20;

/** Header fields of RFC 5424 §6: [name, max length]. */
const FIELDS = [
  ['HOSTNAME', 255],
  ['APP-NAME', 48],
  ['PROCID', 128],
  ['MSGID', 32],
] as const;

/**
 * RFC 5424 §6: SYSLOG-MSG = HEADER SP STRUCTURED-DATA [SP MSG], HEADER = PRI VERSION SP TIMESTAMP
 * SP HOSTNAME SP APP-NAME SP PROCID SP MSGID. NILVALUE "-" leaves a field absent. MSG stays bytes
 * (§6.4: UTF-8 when it starts with a BOM, else unknown).
 */
export function parseSyslog5424(b: Uint8Array): Result<SyslogMessage> {
  const pri = parsePri(b);
  if (!pri.ok) return pri;
  let i = pri.value.next;
  // VERSION = NONZERO-DIGIT 0*2DIGIT
  let version = 0;
  const vStart = i;
  while (i < b.length && i - vStart < 3 && b[i]! >= 0x30 && b[i]! <= 0x39) version = version * 10 + b[i++]! - 0x30;
  if (i === vStart || b[vStart] === 0x30 || b[i] !== SP) return reject('no RFC 5424 VERSION after PRI', vStart, b);
  i++;

  const token = (): string | null => {
    if (i >= b.length || b[i] === SP) return null;
    const start = i;
    while (i < b.length && b[i] !== SP) i++;
    return latin1(b, start, i);
  };

  const ts = token();
  if (ts === null) return reject('missing TIMESTAMP', i, b);
  let timeUs: number | undefined;
  let timePrecision: SyslogMessage['timePrecision'];
  if (ts !== '-') {
    const parsed = parseRfc3339(ts);
    if (!parsed) return reject(`TIMESTAMP ${JSON.stringify(ts)} is not RFC 3339`, i - ts.length, b);
    timeUs = parsed.timeUs;
    timePrecision = parsed.precision;
  }

  const values: (string | undefined)[] = [];
  for (const [name, max] of FIELDS) {
    if (b[i] !== SP) return reject(`missing ${name}`, i, b);
    i++;
    const v = token();
    if (v === null) return reject(`missing ${name}`, i, b);
    if (v.length > max) return reject(`${name} longer than ${max} characters`, i - v.length, b);
    values.push(v === '-' ? undefined : v);
  }
  const [hostname, appName, procId, msgId] = values;

  if (b[i] !== SP) return reject('missing STRUCTURED-DATA', i, b);
  i++;
  const sd = parseStructuredData(b, i);
  if (!sd.ok) return sd;
  i = sd.value.next;
  // [SP MSG]; liberal: MSG glued to the SD is taken as it comes.
  if (b[i] === SP) i++;
  let msg = b.subarray(i);
  const bom = msg[0] === 0xef && msg[1] === 0xbb && msg[2] === 0xbf;
  if (bom) msg = msg.subarray(3);

  return {
    ok: true,
    value: {
      variant: 'syslog-5424',
      facility: pri.value.facility,
      severity: pri.value.severity,
      version,
      timeUs,
      timePrecision,
      hostname,
      appName,
      procId,
      msgId,
      structuredData: sd.value.elements,
      msg,
      bom,
    },
  };
}

/**
 * RFC 5424 §6.3: STRUCTURED-DATA = NILVALUE / 1*SD-ELEMENT; SD-ELEMENT = "[" SD-ID *(SP SD-PARAM) "]";
 * SD-PARAM = PARAM-NAME "=" %d34 PARAM-VALUE %d34, where '"', '\' and ']' are escaped with '\'.
 */
export function parseStructuredData(b: Uint8Array, at: number): Result<{ elements: SdElement[]; next: number }> {
  if (b[at] === 0x2d) return { ok: true, value: { elements: [], next: at + 1 } };
  if (b[at] !== 0x5b) return reject('STRUCTURED-DATA is neither "-" nor "["', at, b);
  const elements: SdElement[] = [];
  let i = at;
  const name = (stop: number[]): string => {
    const start = i;
    while (i < b.length && b[i]! > SP && b[i]! < 0x7f && !stop.includes(b[i]!)) i++;
    return latin1(b, start, i);
  };
  while (b[i] === 0x5b) {
    i++;
    const id = name([0x3d, 0x5d, 0x22]);
    if (!id || id.length > 32) return reject('bad SD-ID', i, b);
    const params: [string, string][] = [];
    while (b[i] === SP) {
      i++;
      const pname = name([0x3d, 0x5d, 0x22]);
      if (!pname || b[i] !== 0x3d || b[i + 1] !== 0x22) return reject(`bad SD-PARAM in [${id}]`, i, b);
      i += 2;
      const bytes: number[] = [];
      for (;;) {
        const c = b[i];
        if (c === undefined) return reject(`unterminated PARAM-VALUE in [${id}]`, i, b);
        if (c === 0x22) break;
        if (c === 0x5c && (b[i + 1] === 0x22 || b[i + 1] === 0x5c || b[i + 1] === 0x5d)) i++;
        bytes.push(b[i++]!);
      }
      i++;
      params.push([pname, new TextDecoder().decode(Uint8Array.from(bytes))]);
    }
    if (b[i] !== 0x5d) return reject(`SD-ELEMENT [${id}] not closed with "]"`, i, b);
    i++;
    elements.push({ id, params });
  }
  return { ok: true, value: { elements, next: i } };
}
