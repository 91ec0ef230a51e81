import { reject, type Result } from '../core/captured-sip';

/** RFC 5426 §3.2: the largest UDP payload over IPv4 (65,535 − 8 − 20). */
export const MAX_SYSLOG_DATAGRAM = 65_507;

/**
 * RFC 5426 §3.1: one syslog message per UDP datagram. The datagram is never split at LF (a
 * FireBrick sends a whole SIP message, line breaks included, in one datagram); trailing NULs that
 * some senders append are trimmed, line ends are left for the record decoder to judge.
 */
export function frameSyslogDatagram(datagram: Uint8Array): Result<Uint8Array> {
  if (datagram.length > MAX_SYSLOG_DATAGRAM) {
    return reject(`datagram of ${datagram.length} bytes exceeds ${MAX_SYSLOG_DATAGRAM}`, 0, datagram);
  }
  let end = datagram.length;
  while (end > 0 && datagram[end - 1] === 0) end--;
  if (end === 0) return reject('empty datagram', 0, datagram);
  return { ok: true, value: datagram.subarray(0, end) };
}
