import { describe, expect, it } from 'vitest';
import { latin1, utf8Bytes } from '../core/byte-text';
import { FireBrickSyslogDecoder } from './firebrick-syslog.decoder';

const t0 = Date.UTC(2024, 0, 10, 12) * 1000;
const line = (text: string) => utf8Bytes(`<134>1 2024-01-10T12:00:00.000001Z fb1 voip-udp-rx - - - ${text}`);
const sipLines = [
  'OPTIONS sip:192.0.2.9 SIP/2.0',
  'Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK1',
  'Call-ID: o1',
  'l: 0',
];

describe('FireBrickSyslogDecoder', () => {
  it('decodes one record per datagram with embedded line breaks', () => {
    const d = new FireBrickSyslogDecoder({ lineTimeoutUs: 1_000_000 });
    const b = d.decode(line(`VoIP Rx 5>\r\n${sipLines.join('\r\n')}\r\n\r\n`), { receivedTimeUs: t0 });
    expect(b.records).toHaveLength(1);
    expect(b.records[0]).toMatchObject({
      direction: 'rx',
      deviceHint: 'fb1',
      formatVariant: 'firebrick/syslog-5424',
      source: { address: '192.0.2.9', port: 5060 },
      timePrecision: 'us',
    });
  });

  it('gathers line-per-message records and flushes them on time-out', () => {
    const d = new FireBrickSyslogDecoder({ lineTimeoutUs: 1_000_000 });
    expect(d.decode(line('VoIP Rx 5>'), { receivedTimeUs: t0 }).records).toEqual([]);
    for (const l of sipLines) expect(d.decode(line(l), { receivedTimeUs: t0 + 10 }).records).toEqual([]);
    expect(d.openRecords).toBe(1);
    expect(d.flushIdle(t0 + 500_000).records).toEqual([]);
    const flushed = d.flushIdle(t0 + 1_000_010);
    expect(flushed.records).toHaveLength(1);
    expect(latin1(flushed.records[0]!.raw)).toBe(sipLines.join('\r\n') + '\r\n\r\n');
    expect(flushed.records[0]?.formatVariant).toBe('firebrick/syslog-5424/line-per-message');
  });

  it('closes a line record on the next header line, or at once when the message is complete', () => {
    const d = new FireBrickSyslogDecoder({ lineTimeoutUs: 1_000_000 });
    d.decode(line('VoIP Rx 5>'), { receivedTimeUs: t0 });
    d.decode(line(sipLines[0]!), { receivedTimeUs: t0 });
    const next = d.decode(line('VoIP Tx 6> Try 0 10'), { receivedTimeUs: t0 });
    expect(next.records).toHaveLength(1);
    for (const l of [...sipLines, '']) d.decode(line(l), { receivedTimeUs: t0 });
    expect(d.openRecords).toBe(0);
  });

  it('counts other lines and rejects non-syslog input', () => {
    const d = new FireBrickSyslogDecoder({ lineTimeoutUs: 1_000_000 });
    expect(d.decode(line('PPP link up'), { receivedTimeUs: t0 }).skipped).toEqual({ 'firebrick/other': 1 });
    const bad = d.decode(utf8Bytes('hello'), { receivedTimeUs: t0 });
    expect(bad.rejections[0]).toMatchObject({ ok: false, ingestPath: 'syslog' });
    const empty = d.decode(line('VoIP Rx 9>'), { receivedTimeUs: t0 });
    expect(empty.records).toEqual([]);
    expect(d.end().rejections[0]?.reason).toMatch(/no SIP message/);
  });
});
