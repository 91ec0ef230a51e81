import type { Result } from '../core/captured-sip';
import { parseSyslog3164, type Syslog3164Options } from './syslog-3164.parser';
import { parseSyslog5424 } from './syslog-5424.parser';
import type { SyslogMessage } from './syslog-message';

/**
 * One syslog message of either flavour: RFC 5424 when PRI is followed by a version digit and a
 * space (§6.2.2), else RFC 3164 (the BSD format that old relays still write).
 */
export function parseSyslog(b: Uint8Array, options: Syslog3164Options): Result<SyslogMessage> {
  const close = b.indexOf(0x3e);
  if (b[0] === 0x3c && close > 0 && close <= 4) {
    const v = b[close + 1];
    if (v !== undefined && v >= 0x31 && v <= 0x39) {
      let j = close + 2;
      while (j < close + 4 && b[j]! >= 0x30 && b[j]! <= 0x39) j++;
      if (b[j] === 0x20) return parseSyslog5424(b);
    }
  }
  return parseSyslog3164(b, options);
}
