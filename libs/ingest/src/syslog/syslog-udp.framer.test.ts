import { describe, expect, it } from 'vitest';
import { latin1, utf8Bytes } from '../core/byte-text';
import { frameSyslogDatagram, MAX_SYSLOG_DATAGRAM } from './syslog-udp.framer';

describe('frameSyslogDatagram (RFC 5426 §3.1)', () => {
  it('keeps a whole datagram, line breaks included, trimming trailing NULs', () => {
    const r = frameSyslogDatagram(utf8Bytes('<134>1 - fb1 voip-udp-rx - - - VoIP Rx 1>\nINVITE sip:a SIP/2.0\n\u0000'));
    expect(r.ok && latin1(r.value)).toBe('<134>1 - fb1 voip-udp-rx - - - VoIP Rx 1>\nINVITE sip:a SIP/2.0\n');
  });

  it('accepts a full-size datagram and refuses a larger or empty one', () => {
    expect(frameSyslogDatagram(new Uint8Array(MAX_SYSLOG_DATAGRAM).fill(0x41)).ok).toBe(true);
    expect(frameSyslogDatagram(new Uint8Array(MAX_SYSLOG_DATAGRAM + 1).fill(0x41)).ok).toBe(false);
    expect(frameSyslogDatagram(new Uint8Array(3))).toMatchObject({ ok: false, reason: 'empty datagram' });
  });
});
