import { describe, expect, it } from 'vitest';
import { latin1, utf8Bytes } from '../core/byte-text';
import { SyslogTcpFramer, type FramedSyslog } from './syslog-tcp.framer';
import type { Rejection } from '../core/captured-sip';

const texts = (out: (FramedSyslog | Rejection)[]) => out.map((o) => (o.ok ? latin1(o.bytes) : `REJECT ${o.reason}`));
const m1 = '<134>1 - fb1 voip-udp-rx - - - VoIP Rx 17>\nREGISTER sip:a SIP/2.0\n';

describe('SyslogTcpFramer (RFC 6587 §3.4)', () => {
  it('reads octet-counted frames whose messages contain LF (§3.4.1)', () => {
    const f = new SyslogTcpFramer();
    const wire = `${m1.length} ${m1}${m1.length} ${m1}`;
    expect(texts(f.push(utf8Bytes(wire)))).toEqual([m1, m1]);
    expect(f.framing).toBe('octet-counting');
  });

  it('reads LF-delimited frames (§3.4.2), dropping CR, across pushes', () => {
    const f = new SyslogTcpFramer();
    const out = [...f.push(utf8Bytes('<13>1 - h a - - - one\r\n<13>1 - h a')), ...f.push(utf8Bytes(' - - - two\n'))];
    expect(texts(out)).toEqual(['<13>1 - h a - - - one', '<13>1 - h a - - - two']);
    expect(f.framing).toBe('non-transparent');
  });

  it('splits an octet-counted frame delivered a byte at a time', () => {
    const f = new SyslogTcpFramer();
    const out = [];
    for (const b of utf8Bytes(`${m1.length} ${m1}`)) out.push(...f.push(Uint8Array.of(b)));
    expect(texts(out)).toEqual([m1]);
  });

  it('skips an oversized octet-counted frame without buffering it, then carries on', () => {
    const f = new SyslogTcpFramer({ maxMessageBytes: 100 });
    const out = f.push(utf8Bytes('5000 <13>1 '));
    for (let i = 0; i < 10; i++) out.push(...f.push(new Uint8Array(499).fill(0x41)));
    expect(f.buffered).toBe(0);
    out.push(...f.push(utf8Bytes('AAAA5 <13>x')));
    expect(texts(out)).toEqual(['REJECT octet-counted frame of 5000 bytes exceeds 100', '<13>x']);
  });

  it('cuts an endless line (slow loris) and resynchronises at the next LF', () => {
    const f = new SyslogTcpFramer({ maxMessageBytes: 100 });
    const out = [];
    for (let i = 0; i < 50; i++) out.push(...f.push(new Uint8Array(50).fill(0x3c)));
    expect(f.buffered).toBeLessThanOrEqual(150);
    out.push(...f.push(utf8Bytes('zz\n<13>ok\n')));
    expect(texts(out)).toEqual(['REJECT line longer than 100 bytes without LF', '<13>ok']);
  });

  it('rejects garbage lines and keeps the final unterminated line at close', () => {
    const f = new SyslogTcpFramer();
    const out = f.push(utf8Bytes('GET / HTTP/1.0\n<13>last'));
    out.push(...f.end());
    expect(texts(out)).toEqual(['REJECT frame starts with neither a length nor "<"', '<13>last']);
  });
});
