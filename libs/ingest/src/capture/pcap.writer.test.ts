import { readFileSync } from 'node:fs';
import { samplePath } from '@sipflow/corpus';
import { describe, expect, it } from 'vitest';
import { decodeCaptureFile } from './capture-file.decoder';
import { writePcap } from './pcap.writer';

// A real message of the seed call (samples/seed-call): its first INVITE, as bytes of the syslog
// stream do not matter here, so a SIP message is cut out of the sample file itself.
const seedInvite = (() => {
  const text = readFileSync(samplePath('seed-call', 'seed-call.syslog'), 'latin1');
  const start = text.indexOf('INVITE sip:');
  const end = text.indexOf('\r\n\r\n', start);
  return new Uint8Array(Buffer.from(`${text.slice(start, end)}\r\n\r\n`, 'latin1'));
})();

describe('writePcap', () => {
  it('writes SIP over UDP on IPv4 and IPv6 that the capture decoder reads back exactly', () => {
    const pcap = writePcap([
      {
        timeUs: 1_763_633_700_001_100,
        src: { address: '192.0.2.10', port: 5060 },
        dst: { address: '192.0.2.20', port: 5062 },
        payload: seedInvite,
      },
      {
        timeUs: 1_763_633_700_002_000,
        src: { address: '2001:db8::1', port: 5060 },
        dst: { address: '2001:db8::20', port: 5060 },
        payload: seedInvite,
      },
    ]);
    const batch = decodeCaptureFile(pcap);
    expect(batch.rejections).toEqual([]);
    expect(batch.records).toHaveLength(2);
    const [v4, v6] = batch.records;
    expect(v4).toMatchObject({
      captureTimeUs: 1_763_633_700_001_100,
      source: { address: '192.0.2.10', port: 5060 },
      destination: { address: '192.0.2.20', port: 5062 },
      transport: 'udp',
    });
    expect(v6).toMatchObject({
      source: { address: '2001:db8::1', port: 5060 },
      destination: { address: '2001:db8::20', port: 5060 },
    });
    expect(Buffer.from(v4!.raw).equals(Buffer.from(seedInvite))).toBe(true);
  });

  it('is an empty but valid capture with no messages', () => {
    const pcap = writePcap([]);
    expect(pcap).toHaveLength(24);
    expect(decodeCaptureFile(pcap).rejections).toEqual([]);
  });
});
