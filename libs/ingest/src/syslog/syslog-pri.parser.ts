import { reject, type Result } from '../core/captured-sip';

export interface Pri {
  facility: number;
  severity: number;
  /** Index after the closing '>'. */
  next: number;
}

/** RFC 5424 §6.2.1 / RFC 3164 §4.1.1: "<" 1*3DIGIT ">" with a value of 0–191. */
export function parsePri(b: Uint8Array, at = 0): Result<Pri> {
  if (b[at] !== 0x3c) return reject('no PRI: syslog messages start with "<"', at, b);
  let i = at + 1;
  let value = 0;
  while (i < b.length && i - at <= 3 && b[i]! >= 0x30 && b[i]! <= 0x39) value = value * 10 + b[i++]! - 0x30;
  if (i === at + 1 || b[i] !== 0x3e) return reject('PRI is not "<" 1–3 digits ">"', i, b);
  if (value > 191) return reject(`PRI ${value} is above 191`, at + 1, b);
  return { ok: true, value: { facility: value >> 3, severity: value & 7, next: i + 1 } };
}
