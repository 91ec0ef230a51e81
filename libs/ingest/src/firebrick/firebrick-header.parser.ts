import type { Endpoint } from '@sipflow/sip';
import { endpoint, splitHostPort } from '../sip-stream/sip-address.lookup';

/** The line that opens one FireBrick SIP packet record (FIREBRICK.md, grammar layer B). */
export interface FireBrickHeader {
  direction: 'rx' | 'tx';
  /** What stands between "Rx"/"Tx" and ">" ("17" in the one real sample), kept verbatim. */
  ref: string;
  /** `Try n`: transmission attempt, 0 the first (Tx only, as observed). */
  attempt?: number;
  /** `Try n len`: the SIP message length in bytes as logged. */
  length?: number;
  /** Text after ">" / after "Try n len", kept verbatim. */
  trailer: string;
  /** A peer address:port written on the header line, if the device writes one (unknown: [G]). */
  peer?: Endpoint;
}

// FIREBRICK.md's liberal pattern: ^VoIP (Rx|Tx)\b([^>\r\n]*)>(?:\s*Try (\d+) (\d+))?([^\r\n]*)$
const HEADER = /^VoIP (Rx|Tx)\b([^>\r\n]*)>(?:\s*Try (\d+) (\d+))?([^\r\n]*)$/;
const V6_PORT = /\[([0-9A-Fa-f:.]+)\]:(\d{1,5})/;
const V4_PORT = /(?:^|[^\d.])(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})(?!\d)/;

export function parseFireBrickHeader(line: string): FireBrickHeader | null {
  const m = HEADER.exec(line.replace(/\r$/, ''));
  if (!m) return null;
  const [, dir, ref = '', attempt, length, trailer = ''] = m;
  const header: FireBrickHeader = { direction: dir === 'Rx' ? 'rx' : 'tx', ref: ref.trim(), trailer: trailer.trim() };
  if (attempt !== undefined) header.attempt = Number(attempt);
  if (length !== undefined) header.length = Number(length);
  const peer = findEndpoint(ref) ?? findEndpoint(trailer);
  if (peer) header.peer = peer;
  return header;
}

function findEndpoint(text: string): Endpoint | undefined {
  const v6 = V6_PORT.exec(text);
  if (v6) return endpoint(v6[1], Number(v6[2]));
  const v4 = V4_PORT.exec(text);
  if (v4) {
    const hp = splitHostPort(`${v4[1]}:${v4[2]}`);
    return hp ? endpoint(hp.host, hp.port) : undefined;
  }
  return undefined;
}
