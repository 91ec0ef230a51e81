import { describe, expect, it } from 'vitest';
import { utf8Bytes } from './byte-text';
import type { CapturedSip } from './captured-sip';
import { completeSipRecord } from './complete-sip-record';

const captured: CapturedSip = {
  captureTimeUs: 1_400_000_000_000_000,
  timePrecision: 'us',
  deviceHint: 'fb1',
  direction: 'rx',
  transport: 'udp',
  source: { address: '192.0.2.1', port: 5060 },
  ingestPath: 'syslog',
  raw: utf8Bytes('OPTIONS sip:a SIP/2.0\r\ni: abc@192.0.2.1\r\nl: 0\r\n\r\n'),
  formatVariant: 'firebrick/syslog-5424',
  attempt: 0,
};

describe('completeSipRecord', () => {
  it('adds device, Call-ID (compact i: too) and a stable record id', () => {
    const device = { id: 'fb1', name: 'FireBrick 1' };
    const a = completeSipRecord(captured, device, { receivedTimeUs: 5 });
    expect(a).toMatchObject({
      device,
      callId: 'abc@192.0.2.1',
      receivedTimeUs: 5,
      attempt: 0,
      formatVariant: 'firebrick/syslog-5424',
    });
    expect(a).not.toHaveProperty('deviceHint');
    expect(a.recordId).toMatch(/^[0-9a-f]{32}$/);
    expect(completeSipRecord(captured, device).recordId).toBe(a.recordId);
    expect(completeSipRecord({ ...captured, direction: 'tx' }, device).recordId).not.toBe(a.recordId);
    expect(completeSipRecord(captured, { id: 'fb2', name: 'x' }).recordId).not.toBe(a.recordId);
  });
});
