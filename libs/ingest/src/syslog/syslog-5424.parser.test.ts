import { describe, expect, it } from 'vitest';
import { latin1, utf8, utf8Bytes } from '../core/byte-text';
import { parseSyslog5424 } from './syslog-5424.parser';

const parse = (text: string) => parseSyslog5424(utf8Bytes(text));

describe('RFC 5424 syslog messages', () => {
  it('reads every header field (RFC 5424 §6.5 example 1)', () => {
    const r = parse("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - \u{feff}'su root' failed");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      facility: 4,
      severity: 2,
      version: 1,
      timeUs: Date.UTC(2003, 9, 11, 22, 14, 15, 3) * 1000,
      timePrecision: 'ms',
      hostname: 'mymachine.example.com',
      appName: 'su',
      procId: undefined,
      msgId: 'ID47',
      bom: true,
    });
    expect(utf8(r.value.msg)).toBe("'su root' failed");
  });

  it('reads microseconds and offsets (§6.5 example 2) and NILVALUE timestamps', () => {
    const r = parse("<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's time");
    expect(r.ok && r.value.timeUs).toBe(Date.UTC(2003, 7, 24, 12, 14, 15) * 1000 + 3);
    expect(r.ok && r.value.timePrecision).toBe('us');
    expect(r.ok && r.value.procId).toBe('8710');
    const nil = parse('<14>1 - - - - - -');
    expect(nil.ok && nil.value.timeUs).toBeUndefined();
    expect(nil.ok && nil.value.msg.length).toBe(0);
  });

  it('reads structured data with escapes (§6.5 examples 3 and 4)', () => {
    const r = parse(
      '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Application" eventID="1011"][examplePriority@32473 class="high" note="a \\"q\\" \\] \\\\x"] BOMAn application event',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.structuredData).toEqual([
      {
        id: 'exampleSDID@32473',
        params: [
          ['iut', '3'],
          ['eventSource', 'Application'],
          ['eventID', '1011'],
        ],
      },
      {
        id: 'examplePriority@32473',
        params: [
          ['class', 'high'],
          ['note', 'a "q" ] \\x'],
        ],
      },
    ]);
    expect(latin1(r.value.msg)).toBe('BOMAn application event');
  });

  it('keeps line breaks in MSG (a FireBrick record in one message)', () => {
    const r = parse(
      '<134>1 2014-07-27T07:02:21.123456Z fb1 voip-udp-rx - - - VoIP Rx 17>\r\nREGISTER sip:a SIP/2.0\r\n',
    );
    expect(r.ok && latin1(r.value.msg)).toBe('VoIP Rx 17>\r\nREGISTER sip:a SIP/2.0\r\n');
  });

  it.each([
    ['<192>1 - - - - - -', /PRI 192/],
    ['<13> 2003-10-11T22:14:15Z h a p m -', /VERSION/],
    ['<13>1 2003-13-11T22:14:15Z h a p m -', /not RFC 3339/],
    ['<13>1 2003-10-11T22:14:15Z h a p', /missing MSGID/],
    ['<13>1 - h a p m [x a="b"', /not closed|unterminated/],
    ['<13>1 - h a p m x', /neither/],
    ['13>1 - - - - - -', /no PRI/],
  ])('rejects %j with a reason', (text, reason) => {
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
