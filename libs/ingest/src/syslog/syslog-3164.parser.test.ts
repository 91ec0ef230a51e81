import { describe, expect, it } from 'vitest';
import { latin1, utf8Bytes } from '../core/byte-text';
import { parseSyslog3164 } from './syslog-3164.parser';
import { parseSyslog } from './syslog.parser';

const reference = Date.UTC(2014, 6, 28) * 1000;

describe('RFC 3164 syslog messages (liberal)', () => {
  it('reads PRI, BSD timestamp, hostname and tag (RFC 3164 §5.4 example)', () => {
    const r = parseSyslog3164(utf8Bytes("<34>Oct 11 22:14:15 mymachine su: 'su root' failed"), {
      referenceTimeUs: reference,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      facility: 4,
      severity: 2,
      hostname: 'mymachine',
      appName: 'su',
      timePrecision: 's',
    });
    // October is nearer to July 2014 in 2013 than in 2014? No: Oct 2014 is 2.5 months away, Oct 2013 9.5.
    expect(r.value.timeUs).toBe(Date.UTC(2014, 9, 11, 22, 14, 15) * 1000);
    expect(latin1(r.value.msg)).toBe("'su root' failed");
  });

  it('puts a December timestamp received in January into the previous year', () => {
    const r = parseSyslog3164(utf8Bytes('<13>Dec 31 23:59:59 h t: x'), {
      referenceTimeUs: Date.UTC(2015, 0, 1) * 1000,
    });
    expect(r.ok && r.value.timeUs).toBe(Date.UTC(2014, 11, 31, 23, 59, 59) * 1000);
  });

  it('reads UK local time when told so, a pid, and no hostname', () => {
    const r = parseSyslog3164(utf8Bytes('<134>Jul 27 08:02:21 voip-udp-rx[12]: VoIP Rx 17>'), {
      referenceTimeUs: reference,
      localZone: 'europe-london',
    });
    expect(r.ok && r.value).toMatchObject({ hostname: undefined, appName: 'voip-udp-rx', procId: '12' });
    expect(r.ok && r.value.timeUs).toBe(Date.UTC(2014, 6, 27, 7, 2, 21) * 1000);
  });

  it('reads PRI-less file lines with an RFC 3339 timestamp (rsyslog file format)', () => {
    const r = parseSyslog3164(utf8Bytes('2014-07-27T08:02:21.5+01:00 fb1 voip-udp-rx: VoIP Tx 17> Try 0 319'), {
      referenceTimeUs: reference,
      priOptional: true,
    });
    expect(r.ok && r.value).toMatchObject({ hostname: 'fb1', appName: 'voip-udp-rx', timePrecision: 'ms' });
    expect(r.ok && r.value.timeUs).toBe((Date.UTC(2014, 6, 27, 7, 2, 21) + 500) * 1000);
  });

  it('rejects what has no timestamp', () => {
    const r = parseSyslog3164(utf8Bytes('<13>hello world'), { referenceTimeUs: reference });
    expect(r.ok).toBe(false);
    expect(parseSyslog3164(utf8Bytes('Jul 27 08:02:21 h t: x'), { referenceTimeUs: reference }).ok).toBe(false);
  });

  it('is chosen by parseSyslog when there is no version digit', () => {
    expect(parseSyslog(utf8Bytes('<13>Jul 27 08:02:21 h t: x'), { referenceTimeUs: reference })).toMatchObject({
      ok: true,
      value: { variant: 'syslog-3164' },
    });
    expect(parseSyslog(utf8Bytes('<13>1 - h t - - - x'), { referenceTimeUs: reference })).toMatchObject({
      ok: true,
      value: { variant: 'syslog-5424' },
    });
  });
});
