import { computeRecordId, type SipRecord } from '@sipflow/sip';
import { describe, expect, it } from 'vitest';
import { decodeDeadLetter, decodeSipRecord, encodeDeadLetter, encodeSipRecord } from './sip-record.codec';

describe('SipRecord codec (sip.raw.v1)', () => {
  const raw = new Uint8Array(
    Buffer.from('BYE sip:a@192.0.2.1 SIP/2.0\r\nCall-ID: x@y\r\nl: 0\r\n\r\n\x00\xff', 'latin1'),
  );
  const full: SipRecord = {
    recordId: computeRecordId('cs-b\u0000tx', 1_795_000_000_000_001, raw),
    captureTimeUs: 1_795_000_000_000_001,
    timePrecision: 's',
    device: { id: 'cs-b', name: 'Call server B', address: '192.0.2.10', pool: 'core' },
    direction: 'tx',
    transport: 'tcp',
    source: { address: '192.0.2.10', port: 5060 },
    destination: { address: '2001:db8::1', port: 5062 },
    ingestPath: 'syslog',
    raw,
    callId: 'x@y',
    receivedTimeUs: 1_795_000_000_100_000,
    attempt: 2,
    formatVariant: 'firebrick/syslog-5424',
    correlationId: 'corr-1',
  };

  it('round-trips every field, bytes included', () => {
    expect(decodeSipRecord(encodeSipRecord(full))).toEqual(full);
  });

  it('round-trips a minimal record without inventing optional fields', () => {
    const minimal: SipRecord = {
      recordId: 'r1',
      captureTimeUs: 1,
      timePrecision: 'us',
      device: { id: 'probe', name: 'probe' },
      direction: 'unknown',
      transport: 'udp',
      ingestPath: 'pcap',
      raw,
      callId: '',
    };
    expect(decodeSipRecord(encodeSipRecord(minimal))).toEqual(minimal);
  });

  it('refuses bytes that are not a record', () => {
    expect(() => decodeSipRecord(new Uint8Array([0x0a, 0x00]))).toThrow(/not a SipRecord/);
  });

  it('carries dead letters with their reason and original bytes', () => {
    const letter = {
      reason: 'no SIP start line',
      ingestPath: 'hep' as const,
      original: new Uint8Array([1, 2, 3]),
      receivedTimeUs: 5,
      source: '192.0.2.7:9060',
      offset: 0,
    };
    expect(decodeDeadLetter(encodeDeadLetter(letter))).toEqual(letter);
  });
});
