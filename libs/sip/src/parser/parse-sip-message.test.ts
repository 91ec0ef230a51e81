import { describe, expect, it } from 'vitest';
import type { SipRequest } from '../model/message';
import { parseSipMessage } from './parse-sip-message';

const msg = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');
const INVITE = [
  'INVITE sip:bob@biloxi.com SIP/2.0',
  'Via: SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds',
  'Max-Forwards: 70',
  'To: Bob <sip:bob@biloxi.com>',
  'From: Alice <sip:alice@atlanta.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710@pc33.atlanta.com',
  'CSeq: 314159 INVITE',
  'Content-Type: application/sdp',
];

describe('parseSipMessage: framing and structure (RFC 3261 §7, §18.3)', () => {
  it('frames the body by Content-Length and keeps trailing octets of a datagram', () => {
    const r = parseSipMessage(msg(...INVITE, 'Content-Length: 4', '', 'v=0\nEXTRA'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Buffer.from(r.message.body).toString()).toBe('v=0\n');
    expect(Buffer.from(r.message.trailing!).toString()).toBe('EXTRA');
    expect(r.message.issues.map((i) => i.code)).toContain('content-length-mismatch');
  });

  it('takes the rest of a datagram as the body when Content-Length is missing', () => {
    const r = parseSipMessage(msg(...INVITE, '', 'v=0'));
    expect(r.ok && Buffer.from(r.message.body).toString()).toBe('v=0');
    expect(r.ok && r.message.contentLength).toBeUndefined();
  });

  it('over a stream: a missing Content-Length means no body (flagged); a longer one is incomplete', () => {
    const missing = parseSipMessage(msg(...INVITE, '', 'v=0'), { framing: 'stream' });
    expect(missing.ok && missing.message.body.length).toBe(0);
    expect(missing.ok && missing.message.issues.map((i) => i.code)).toContain('missing-content-length');
    const long = parseSipMessage(msg(...INVITE, 'Content-Length: 10', '', 'v=0'), { framing: 'stream' });
    expect(!long.ok && long.error.reason).toMatch(/incomplete/);
  });

  it('ignores leading line breaks (keep-alives) and rejects a message of only those', () => {
    const r = parseSipMessage(Buffer.concat([Buffer.from('\r\n\r\n'), msg(...INVITE, 'l: 0', '', '')]));
    expect(r.ok && r.message.raw[0]).toBe(0x49);
    const keepAlive = parseSipMessage(Buffer.from('\r\n\r\n'));
    expect(!keepAlive.ok && keepAlive.error.reason).toMatch(/only line breaks/);
    const empty = parseSipMessage(new Uint8Array(0));
    expect(!empty.ok && empty.error.reason).toBe('empty message');
  });

  it('accepts bare LF line ends with an info issue', () => {
    const r = parseSipMessage(Buffer.from([...INVITE, 'l: 0', '', ''].join('\n')));
    expect(r.ok && r.message.issues.map((i) => [i.code, i.severity])).toContainEqual(['bare-line-feed', 'info']);
  });

  it('exposes headers case-insensitively with compact forms and split lists', () => {
    const r = parseSipMessage(msg(...INVITE, 'Allow: INVITE, ACK', 'Allow: BYE', 'Supported: timer', 'l: 0', '', ''));
    if (!r.ok) throw new Error(r.error.message);
    const h = r.message.headers;
    expect(h.get('i')).toBe('a84b4c76e66710@pc33.atlanta.com');
    expect(h.get('CALL-ID')).toBe(h.get('call-id'));
    expect(h.all('allow')).toEqual(['INVITE', 'ACK', 'BYE']);
    expect(h.all('k')).toEqual(['timer']);
    expect(h.has('x-missing')).toBe(false);
    expect(h.entries()[0]).toEqual(['Via', 'SIP/2.0/UDP pc33.atlanta.com;branch=z9hG4bK776asdhds']);
    expect(JSON.parse(JSON.stringify(r.message)).callId).toBe('a84b4c76e66710@pc33.atlanta.com');
    expect((r.message as SipRequest).requestUri.host).toBe('biloxi.com');
  });

  it('enforces the size limit', () => {
    const r = parseSipMessage(msg(...INVITE, 'l: 0', '', ''), { limits: { maxMessageBytes: 100 } });
    expect(!r.ok && r.error.reason).toBe('message larger than 100 bytes');
  });

  it('skips malformed optional headers in lazy accessors', () => {
    const r = parseSipMessage(
      msg(...INVITE, 'Route: <sip:p1@h;lr>, garbage <', 'Warning: 399 h "ok", 9 x', 'Reason: SIP;;', 'l: 0', '', ''),
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.message.nameAddrs('route').map((n) => n.uri.user)).toEqual(['p1']);
    expect(r.message.warnings()).toEqual([{ code: 399, agent: 'h', text: 'ok' }]);
    expect(r.message.reasons()).toEqual([]);
  });

  it('returns an internal error as a value, never throws', () => {
    const r = parseSipMessage(null as unknown as Uint8Array);
    expect(r.ok).toBe(false);
  });
});
