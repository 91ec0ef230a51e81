import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { completeSipRecord, decodeCaptureFile } from '@sipflow/ingest';
import { DeviceDirectory, type DeviceEntry } from '@sipflow/sip';
import { corpusPath } from '@sipflow/testing';
import { describe, expect, it } from 'vitest';
import { correlate } from './engine/correlator';
import { groupingAccuracy } from './grouping-accuracy';

interface Truth {
  devices?: DeviceEntry[];
  calls: string[][] | 'separate';
}

const truth = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'pcap-ground-truth.json'), 'utf8')) as Record<
  string,
  Truth | string
>;

// Real captures of the shared corpus (corpus/SOURCES.md: pcap/), captured by probes. Ground truth in
// fixtures/pcap-ground-truth.json, established from the traffic itself.
describe('leg → call grouping on real captures', () => {
  const files = Object.keys(truth).filter((k) => !k.startsWith('_'));
  const results = files.map((file) => {
    const t = truth[file] as Truth;
    const batch = decodeCaptureFile(new Uint8Array(readFileSync(corpusPath('pcap', file))));
    const records = batch.records.map((c) => completeSipRecord(c, { id: 'probe', name: 'probe' }));
    const { calls } = correlate(records, {}, new DeviceDirectory(t.devices ?? []));
    const together = t.calls === 'separate' ? [] : t.calls;
    return { file, ...groupingAccuracy(calls, together) };
  });

  it.each(files)('%s: no two legs of different calls joined, none of one call left apart', (file) => {
    const r = results.find((x) => x.file === file)!;
    expect(r.falseJoins, file).toEqual([]);
    expect(r.missedJoins, file).toEqual([]);
  });

  it('reaches 100% pairwise precision and recall over all the captures', () => {
    const total = results.reduce(
      (t, r) => ({ tp: t.tp + r.truePairs, fp: t.fp + r.falseJoins.length, fn: t.fn + r.missedJoins.length }),
      { tp: 0, fp: 0, fn: 0 },
    );
    const precision = total.tp / Math.max(1, total.tp + total.fp);
    const recall = total.tp / Math.max(1, total.tp + total.fn);
    expect(total.tp).toBeGreaterThan(10);
    expect(precision).toBe(1);
    expect(recall).toBeGreaterThanOrEqual(0.99);
  });
});
