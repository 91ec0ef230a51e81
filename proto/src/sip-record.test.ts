import { describe, expect, it } from 'vitest';
import { DeadLetter, Direction, IngestPath, SipRecord, Transport } from './index';

describe('generated SipRecord (ts-proto)', () => {
  it('round-trips every field through the protobuf wire format', () => {
    const raw = Buffer.from('OPTIONS sip:carol@chicago.com SIP/2.0\r\nCall-ID: a84b4c76e66710\r\n\r\n');
    const record: SipRecord = {
      recordId: 'f00d',
      captureTimeUs: 1_795_531_231_540_123,
      device: { id: 'fb-b', name: 'Call server B', address: '192.0.2.10', pool: '' },
      direction: Direction.DIRECTION_RX,
      transport: Transport.TRANSPORT_UDP,
      source: { address: '192.0.2.1', port: 5060 },
      destination: { address: '192.0.2.10', port: 5060 },
      ingestPath: IngestPath.INGEST_PATH_SYSLOG,
      raw,
      callId: 'a84b4c76e66710',
      receivedTimeUs: 1_795_531_231_541_000,
      attempt: 1,
      formatVariant: 'firebrick/rfc5424',
      correlationId: '',
      timePrecision: 1,
    };
    const bytes = SipRecord.encode(record).finish();
    const back = SipRecord.decode(bytes);
    expect(back).toEqual({ ...record, raw: new Uint8Array(raw) });
    // Microsecond timestamps of this century fit a JS number exactly.
    expect(back.captureTimeUs).toBe(1_795_531_231_540_123);
  });

  it('decodes unknown future fields without failing (compatible evolution)', () => {
    const letter = DeadLetter.encode({
      reason: 'no SIP start line',
      ingestPath: IngestPath.INGEST_PATH_HEP,
      original: new Uint8Array([1]),
      receivedTimeUs: 1,
      source: '192.0.2.9:9060',
      offset: 0,
      device: undefined,
    }).finish();
    const extended = new Uint8Array([...letter, 0xa0, 0x06, 0x01]); // field 100, varint 1
    expect(DeadLetter.decode(extended).reason).toBe('no SIP start line');
  });
});
