import { describe, expect, it } from 'vitest';
import { IpDefragmenter } from './ip-defragmenter';
import type { IpPacket } from './ip.decoder';

const frag = (offset: number, more: boolean, bytes: number[], id = 1): IpPacket => ({
  version: 4,
  src: '192.0.2.1',
  dst: '192.0.2.2',
  protocol: 17,
  payload: Uint8Array.from(bytes),
  fragment: { id, offset, more },
});
const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('IpDefragmenter (RFC 791 §3.2, RFC 8200 §4.5)', () => {
  it('joins fragments arriving in any order', () => {
    const d = new IpDefragmenter();
    expect(d.push(frag(16, false, range(16, 4)), 0)).toBeNull();
    expect(d.push(frag(0, true, range(0, 8)), 0)).toBeNull();
    const whole = d.push(frag(8, true, range(8, 8)), 0);
    expect(whole && [...whole.payload]).toEqual(range(0, 20));
    expect(whole?.fragment).toBeUndefined();
  });

  it('tolerates duplicates and overlaps', () => {
    const d = new IpDefragmenter();
    d.push(frag(0, true, range(0, 16)), 0);
    d.push(frag(0, true, range(0, 16)), 0);
    const whole = d.push(frag(8, false, range(8, 12)), 0);
    expect(whole && [...whole.payload]).toEqual(range(0, 20));
  });

  it('passes whole packets through and drops stale or excess datagrams', () => {
    const d = new IpDefragmenter({ timeoutUs: 100, maxDatagrams: 2 });
    const { fragment: _f, ...plain } = frag(0, false, [1]);
    expect(d.push(plain, 0)).toBe(plain);
    d.push(frag(0, true, range(0, 8), 1), 0);
    expect(d.push(frag(8, false, range(8, 2), 1), 1000)).toBeNull(); // first part expired
    d.push(frag(0, true, [1], 2), 1000);
    d.push(frag(0, true, [1], 3), 1000);
    d.push(frag(0, true, [1], 4), 1000);
    expect(d.dropped).toBeGreaterThanOrEqual(2);
  });
});
