import { inflateSync } from 'node:zlib';
import { readCorpusFile } from '@sipflow/corpus';
import { describe, expect, it } from 'vitest';
import { latin1 } from '../core/byte-text';
import { emptyBatch, mergeBatch } from '../core/captured-sip';
import { readCaptureFile } from '../capture/capture-file.reader';
import { PacketDissector } from '../capture/packet-dissector';
import { lookupCallId } from '../sip-stream/sip-header-lookup';
import { decodeHep, decodeHepPacket } from './hep.decoder';

// The collector injects zlib the same way: bounded, so a zip bomb cannot blow up memory.
const inflate = (d: Uint8Array) => new Uint8Array(inflateSync(d, { maxOutputLength: 1 << 20 }));

/** corpus/SOURCES.md "hep/": pcaps of UDP datagrams carrying HEP3. */
function hepDatagrams(file: string): Uint8Array[] {
  const capture = readCaptureFile(new Uint8Array(readCorpusFile('hep', file)));
  if (!capture.ok) throw new Error(capture.reason);
  const dissector = new PacketDissector({});
  return capture.value.packets
    .flatMap((p) => dissector.dissect(p))
    .filter((t) => t.protocol === 'udp')
    .map((t) => t.payload);
}

const firstLine = (raw: Uint8Array) => latin1(raw, 0, raw.indexOf(0x0a)).trim();

describe('HEP corpus captures (corpus/SOURCES.md hep/)', () => {
  it('hep-wireshark_hep.pcap: 6 SIP, RTCP JSON and a log line counted as not SIP', () => {
    const datagrams = hepDatagrams('hep-wireshark_hep.pcap');
    expect(datagrams).toHaveLength(8);
    const batch = emptyBatch();
    for (const d of datagrams) mergeBatch(batch, decodeHepPacket(d, { inflate, authKey: 'myHep' }));
    expect(batch.rejections).toEqual([]);
    expect(batch.skipped).toEqual({ 'hep/not-sip:100': 1, 'hep/not-sip:5': 1 });
    expect(batch.records.map((r) => firstLine(r.raw).split(' ').slice(0, 2).join(' '))).toEqual([
      'INVITE sip:nodejs@127.0.0.1',
      'SIP/2.0 100',
      'SIP/2.0 407',
      'OPTIONS sip:127.0.0.1',
      'SIP/2.0 200',
      'PUBLISH sip:nodejs@127.0.0.1:5999;transport=udp',
    ]);
    expect(new Set(batch.records.map((r) => lookupCallId(r.raw))).size).toBe(1);
    for (const r of batch.records) {
      expect(r).toMatchObject({
        deviceHint: 'hep:2001',
        ingestPath: 'hep',
        formatVariant: 'hep/3',
        timePrecision: 'us',
      });
      expect(r.source?.port).toBeGreaterThan(0);
    }
    const packets = datagrams.map((d) => decodeHep(d));
    expect(packets.every((p) => p.ok && p.value.authKey === 'myHep')).toBe(true);
    expect(packets.some((p) => p.ok && p.value.correlationId)).toBe(true);
  });

  it('hep-wireshark_hep3_compressed.pcapng: 21 compressed SIP messages (12 REGISTER, 6 × 401, 3 × 200)', () => {
    const batch = emptyBatch();
    for (const d of hepDatagrams('hep-wireshark_hep3_compressed.pcapng'))
      mergeBatch(batch, decodeHepPacket(d, { inflate }));
    expect(batch.rejections).toEqual([]);
    expect(batch.records).toHaveLength(21);
    const kinds: Record<string, number> = {};
    for (const r of batch.records) {
      const line = firstLine(r.raw);
      const kind = line.startsWith('SIP/2.0') ? line.split(' ')[1]! : line.split(' ')[0]!;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      expect(r.formatVariant).toBe('hep/3/compressed');
    }
    expect(kinds).toEqual({ REGISTER: 12, '401': 6, '200': 3 });
    expect(new Set(batch.records.map((r) => lookupCallId(r.raw))).size).toBe(1);
    // Each message arrives three times (broadcast + two bridge copies): same bytes, three records.
    expect(new Set(batch.records.map((r) => latin1(r.raw))).size).toBe(7);
  });

  it('rejects compressed payloads when no inflate is given', () => {
    const [d] = hepDatagrams('hep-wireshark_hep3_compressed.pcapng');
    expect(decodeHepPacket(d!).rejections[0]?.reason).toMatch(/no inflate/);
  });
});
