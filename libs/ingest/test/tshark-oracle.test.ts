import { execFileSync, spawnSync } from 'node:child_process';
import { decodeCaptureFile, lookupCallId, lookupHeader } from '../src';
import { corpusPath, listCorpus, readCorpusFile } from '@sipflow/corpus';
import { describe, expect, it } from 'vitest';

/**
 * Oracle: every capture in corpus/pcap (corpus/SOURCES.md) must yield exactly the SIP messages
 * TShark shows with `-Y sip`, identified by frame number, Call-ID and CSeq (a frame may carry
 * several messages on TCP). Runs TShark at test time; skipped where it is not installed
 * (.ci/run installs it). The unit test src/capture/corpus-pcap.test.ts holds the counts offline.
 */
const tshark = spawnSync('tshark', ['--version'], { stdio: 'ignore' }).status === 0;

// SOURCES.md: the fragmented TCP trunk runs on port 6060, which TShark only decodes as SIP when told.
const DECODE_AS: Record<string, string[]> = { 'heplify_sip_ipv4_tcp_fragmented.pcap': ['-d', 'tcp.port==6060,sip'] };

const SEP = '\u0001';
const norm = (s: string) => s.trim().replace(/\s+/g, ' ');

function tsharkMessages(file: string): string[] {
  const out = execFileSync(
    'tshark',
    [
      '-r',
      corpusPath('pcap', file),
      ...(DECODE_AS[file] ?? []),
      '-Y',
      'sip',
      '-T',
      'fields',
      '-E',
      `aggregator=${SEP}`,
      '-e',
      'frame.number',
      '-e',
      'sip.Call-ID',
      '-e',
      'sip.CSeq',
    ],
    { encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 },
  );
  const ids: string[] = [];
  for (const line of out.split('\n').filter(Boolean)) {
    const [frame = '', callIds = '', cseqs = ''] = line.split('\t');
    const c = callIds.split(SEP);
    const q = cseqs.split(SEP);
    for (let i = 0; i < Math.max(c.length, q.length); i++) ids.push(`${frame}|${norm(c[i] ?? '')}|${norm(q[i] ?? '')}`);
  }
  return ids.sort();
}

describe.skipIf(!tshark)('SIP messages in corpus captures = TShark -Y sip', () => {
  it.each(listCorpus('pcap'))('%s', (file) => {
    const batch = decodeCaptureFile(new Uint8Array(readCorpusFile('pcap', file)));
    const ours = batch.records
      .map((r) => `${r.frame}|${norm(lookupCallId(r.raw))}|${norm(lookupHeader(r.raw, 'cseq'))}`)
      .sort();
    expect(ours).toEqual(tsharkMessages(file));
  });
});
