import { describe, expect, it } from 'vitest';
import { latin1, utf8Bytes } from '../core/byte-text';
import { unescapeControlChars } from './control-escapes';

describe('unescapeControlChars (rsyslog #012, \\012)', () => {
  it('restores LF, CR and TAB', () => {
    const r = unescapeControlChars(utf8Bytes('VoIP Rx 17>#015#012REGISTER sip:a SIP/2.0\\012Via:#011x'));
    expect(latin1(r.bytes)).toBe('VoIP Rx 17>\r\nREGISTER sip:a SIP/2.0\nVia:\tx');
    expect(r.replaced).toBe(4);
  });

  it('leaves other text alone', () => {
    const input = utf8Bytes('#123 #01 \\0 #0127');
    const r = unescapeControlChars(input);
    expect(latin1(r.bytes)).toBe('#123 #01 \\0 \n7');
    expect(unescapeControlChars(utf8Bytes('plain')).replaced).toBe(0);
  });
});
