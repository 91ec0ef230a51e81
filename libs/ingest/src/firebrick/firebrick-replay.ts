import { SyslogTcpFramer } from '../syslog/syslog-tcp.framer';

// Replays of recorded FireBrick syslog (the demo of `sipflow start`, the deployment scale test):
// the records of one call moved in time and, for every copy but the first, renamed into a call of
// their own, exactly as the call servers would have logged that other call.

/** The seed call's syslog messages, from its octet-counted file (RFC 6587 §3.4.1). */
export function firebrickFrames(octetCounted: Uint8Array): string[] {
  return new SyslogTcpFramer().push(octetCounted).map((frame) => {
    if (!frame.ok) throw new Error(`FireBrick syslog file: ${frame.reason}`);
    return Buffer.from(frame.bytes).toString('latin1');
  });
}

// RFC 5424 §6: PRI VERSION SP TIMESTAMP.
const STAMP = /^(<\d{1,3}>1 )(\S+)/;

/** An RFC 5424 timestamp with microseconds (FireBrick's own precision). */
export const isoMicros = (us: number): string => {
  const iso = new Date(Math.floor(us / 1000)).toISOString().slice(0, 19);
  return `${iso}.${String(us % 1_000_000).padStart(6, '0')}Z`;
};

const microsOf = (iso: string): number => {
  const m = /\.(\d{1,6})Z$/.exec(iso);
  return Date.parse(iso.replace(/\.\d+Z$/, 'Z')) * 1000 + (m ? Number(m[1]!.padEnd(6, '0')) : 0);
};

/** A six-digit variant of a number's last digits for copy k (same length: bodies keep their size). */
const variant = (digits: string, k: number) => String((Number(digits) + k * 7919) % 1_000_000).padStart(6, '0');

/**
 * Copy `k` of the seed call, moved in time so that it ends at `endAtUs`. Copy 0 keeps the seed's
 * Call-IDs and numbers (what the README and the tests search for); copy k > 0 is a call of its own:
 * every Call-ID, tag and branch gets a suffix and the caller and dialled numbers change. FireBrick's
 * `Try n len` is kept equal to the SIP message's new length.
 */
export function firebrickCallCopy(frames: readonly string[], k: number, endAtUs: number): Buffer[] {
  const times = frames.map((f) => microsOf(STAMP.exec(f)?.[2] ?? ''));
  const shift = endAtUs - Math.max(...times);
  return frames.map((frame, i) => {
    const nl = frame.indexOf('\n');
    let header = frame.slice(0, nl).replace(STAMP, (_, pri: string) => pri + isoMicros(times[i]! + shift));
    let sip = frame.slice(nl + 1);
    if (k > 0) {
      const split = sip.indexOf('\r\n\r\n');
      const head = (split < 0 ? sip : sip.slice(0, split))
        .replace(/^((?:Call-ID|i)[ \t]*:[ \t]*)(\S+)/gim, `$1$2-d${k}`)
        .replace(/;tag=([^;>\s,]+)/gi, `;tag=$1-d${k}`)
        .replace(/;branch=([^;>\s,]+)/gi, `;branch=$1-d${k}`)
        .replace(/1632(960123|960999)/g, (_, last: string) => `1632${variant(last, k)}`);
      const before = Buffer.byteLength(sip, 'latin1');
      sip = head + (split < 0 ? '' : sip.slice(split));
      header = header.replace(/ Try (\d+) (\d+)/, (whole, attempt: string, len: string) =>
        Number(len) === before ? ` Try ${attempt} ${Buffer.byteLength(sip, 'latin1')}` : whole,
      );
    }
    return Buffer.from(`${header}\n${sip}`, 'latin1');
  });
}
