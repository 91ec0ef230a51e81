import { appendFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '@sipflow/platform';
import { makeTempDir } from '@sipflow/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { DiskSpool, type DiskSpoolOptions } from './disk-spool';
import type { OutboundEntry } from './spool-record.codec';

const logger = createLogger({ level: 'silent', service: 'test' });
const entry = (n: number, size = 100): OutboundEntry => ({
  topic: 'sip.raw.v1',
  key: `call-${n % 7}`,
  value: new Uint8Array(size).fill(n % 256),
  device: 'cs-b',
  ingestPath: 'syslog',
});
const keys = (entries: OutboundEntry[]) => entries.map((e) => `${e.key}/${e.value[0]}`);

describe('DiskSpool', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const open = (overrides: Partial<DiskSpoolOptions> = {}) => {
    const dir = makeTempDir('spool-');
    dirs.push(dir);
    const options = {
      dir: dir.path,
      maxBytes: 1 << 20,
      segmentBytes: 4096,
      fsync: 'never' as const,
      fsyncIntervalMs: 100,
      logger,
      ...overrides,
    };
    return { options, spool: new DiskSpool(options) };
  };
  const drain = (spool: DiskSpool, batch = 10) => {
    const out: OutboundEntry[] = [];
    for (let r = spool.read(batch); r; r = spool.read(batch)) {
      out.push(...r.entries);
      r.commit();
    }
    return out;
  };

  it('gives records back in order across segments and deletes used-up segments', () => {
    const { options, spool } = open();
    const input = Array.from({ length: 200 }, (_, i) => entry(i));
    expect(spool.append(input.slice(0, 120))).toBe(120);
    expect(spool.append(input.slice(120))).toBe(80);
    expect(spool.records).toBe(200);
    expect(readdirSync(options.dir).filter((f) => f.endsWith('.seg')).length).toBeGreaterThan(3);
    expect(keys(drain(spool, 33))).toEqual(keys(input));
    expect(spool.isEmpty).toBe(true);
    expect(readdirSync(options.dir)).toEqual([]);
  });

  it('does not remove records that were read but not committed', () => {
    const { spool } = open();
    spool.append([entry(1), entry(2)]);
    expect(keys(spool.read(10)!.entries)).toEqual(keys([entry(1), entry(2)]));
    expect(keys(spool.read(10)!.entries)).toEqual(keys([entry(1), entry(2)]));
  });

  it('replays after a restart from the last commit, cutting a torn tail off', () => {
    const { options, spool } = open();
    const input = Array.from({ length: 50 }, (_, i) => entry(i));
    spool.append(input);
    spool.read(20)!.commit();
    spool.close();
    // A crash in the middle of an append leaves half a record at the end of the last segment.
    const segs = readdirSync(options.dir)
      .filter((f) => f.endsWith('.seg'))
      .sort();
    appendFileSync(join(options.dir, segs[segs.length - 1]!), Buffer.from([0, 0, 1, 0, 9, 9]));
    const again = new DiskSpool(options);
    expect(again.records).toBe(30);
    expect(keys(drain(again))).toEqual(keys(input.slice(20)));
    again.append([entry(99)]);
    expect(keys(drain(again))).toEqual(keys([entry(99)]));
  });

  it('refuses appends beyond its bound', () => {
    const { spool } = open({ maxBytes: 1000 });
    expect(spool.append(Array.from({ length: 20 }, (_, i) => entry(i)))).toBeLessThan(20);
    expect(spool.bytes).toBeLessThanOrEqual(1000);
  });

  it('puts prepended records before everything spooled, also after a restart', () => {
    const { options, spool } = open();
    spool.append([entry(10), entry(11), entry(12)]);
    spool.read(1)!.commit();
    spool.prepend([entry(1), entry(2)]);
    spool.close();
    expect(keys(drain(new DiskSpool(options)))).toEqual(keys([entry(1), entry(2), entry(11), entry(12)]));
  });

  it('reads a record larger than its read window', () => {
    const { spool } = open({ segmentBytes: 1 << 20, maxBytes: 64 << 20 });
    spool.append([entry(1, 5 * 1024 * 1024), entry(2)]);
    const out = drain(spool);
    expect(out.map((e) => e.value.length)).toEqual([5 * 1024 * 1024, 100]);
  });
});
