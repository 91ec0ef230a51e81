import { octetCounted, seedCallExpectation, seedFrames } from '@sipflow/testing';

/** The big call's caller: the seed call's, rewritten, so a search finds this call alone. */
export const BIG_CALLER = '+441632960777';

const SEED_DAY = /2026-11-20T10:(\d\d):(\d\d)\.(\d{6})Z/;
// Half an hour after the seed call, with Call-IDs of its own, so both can be stored side by side.
const SHIFT_MINUTES = 30;

/**
 * The seed call (samples/seed-call, 72 FireBrick records) made long: after the answer, the carrier
 * sends `info` in-dialog INFO requests (RFC 6086, DTMF) to call server B 0.3 s apart, each answered
 * 200 OK, all logged by cs-b (Rx INFO, Tx 200). 56 + 2·info arrows: 225 gives a 506-message call.
 * Built from the seed's own ACK and 100 Trying records so the records stay FireBrick's shape.
 */
export function bigCallSyslog(info: number): Buffer {
  const callIds = seedCallExpectation().legs.map((l) => l.callId);
  const frames = seedFrames().map((f) => {
    let text = f.toString('latin1').split('1632960123').join(BIG_CALLER.slice(3));
    for (const id of callIds) text = text.split(id).join(`big-${id}`);
    return text.replace(
      SEED_DAY,
      (_, m: string, rest: string, us: string) => `2026-11-20T10:${Number(m) + SHIFT_MINUTES}:${rest}.${us}Z`,
    );
  });
  const rxAck = frames.find((f) => f.includes('VoIP Rx 59>') && f.includes('\nACK '))!;
  const tx100 = frames.find((f) => f.includes('VoIP Tx 59>') && f.includes('SIP/2.0 100 Trying'))!;
  const toTag = /tag=(\w+)\r\nCall-ID/.exec(rxAck)![1]!;
  const at = (frame: string, seconds: number) => {
    const us = Math.round(seconds * 1e6);
    const minute = 15 + SHIFT_MINUTES + Math.floor(us / 60e6);
    const rest = us % 60e6;
    const stamp = `2026-11-20T10:${String(minute).padStart(2, '0')}:${String(Math.floor(rest / 1e6)).padStart(2, '0')}.${String(rest % 1e6).padStart(6, '0')}Z`;
    return frame.replace(SEED_DAY, stamp);
  };
  const extra: string[] = [];
  for (let i = 0; i < info; i++) {
    const cseq = i + 2;
    const branch = `z9hG4bK-info${i.toString(36).padStart(5, '0')}`;
    const body = `Signal=${i % 10}\r\nDuration=160\r\n`;
    const request = rxAck
      .replace(/\nACK /, '\nINFO ')
      .replace(/branch=[^;\r]+/, `branch=${branch}`)
      .replace('CSeq: 1 ACK', `CSeq: ${cseq} INFO`)
      .replace(
        'Content-Length: 0\r\n\r\n',
        `Content-Type: application/dtmf-relay\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
    const head = tx100.slice(0, tx100.indexOf('\n') + 1);
    const sip = tx100
      .slice(tx100.indexOf('\n') + 1)
      .replace('SIP/2.0 100 Trying', 'SIP/2.0 200 OK')
      .replace(/branch=[^;\r]+/, `branch=${branch}`)
      .replace(/(t: <[^>]+>)/, `$1;tag=${toTag}`)
      .replace('CSeq: 1 INVITE', `CSeq: ${cseq} INFO`);
    const response = head.replace(/Try 0 \d+/, `Try 0 ${Buffer.byteLength(sip, 'latin1')}`) + sip;
    extra.push(at(request, 9 + i * 0.3), at(response, 9 + i * 0.3 + 0.0008));
  }
  return octetCounted([...frames, ...extra].map((f) => Buffer.from(f, 'latin1')));
}
