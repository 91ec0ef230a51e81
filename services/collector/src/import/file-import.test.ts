import { readFileSync } from 'node:fs';
import { corpusPath, samplePath, seedCallRecords } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import { boundedInflate } from '../start-collector';
import { decodeFile, detectFormat, sipMessageKey } from './file-import';

// Format detection on real material: the seed call (samples/seed-call) and corpus captures
// (corpus/SOURCES.md: heplify and wireshark pcaps).
describe('file import', () => {
  it('detects each format from its first bytes', () => {
    expect(detectFormat(readFileSync(samplePath('seed-call', 'seed-call.syslog')))).toBe('syslog');
    expect(detectFormat(readFileSync(corpusPath('pcap', 'heplify_sip_ipv4_tcp.pcap')))).toBe('pcap');
    expect(detectFormat(readFileSync(corpusPath('pcap', 'heplify_erspan_sip_ipv4_udp.pcapng')))).toBe('pcap');
    expect(detectFormat(Buffer.from('HEP3\x00\x06'))).toBe('hep');
    expect(detectFormat(Buffer.from('<134>1 2026-11-20T10:15:00Z cs-b voip-udp-rx - - - x\n'))).toBe('syslog');
    expect(detectFormat(Buffer.from('27 Jul 2014 08:02:21 voip-udp-rx VoIP Rx 17>\nREGISTER sip:x SIP/2.0\n'))).toBe(
      'firebrick',
    );
  });

  it('decodes the seed call file as the listeners decode it, and counts 56 distinct SIP messages in 72 records', () => {
    const batch = decodeFile(readFileSync(samplePath('seed-call', 'seed-call.syslog')), 'syslog', {
      referenceTimeUs: 0,
      inflate: boundedInflate,
    });
    expect(batch.records).toHaveLength(72);
    expect(batch.rejections).toHaveLength(0);
    // samples/seed-call/expected.json: 72 records, 56 messages (L2 and L5 are logged at both ends).
    expect(new Set(seedCallRecords().map(sipMessageKey)).size).toBe(56);
  });
});
