import { describe, expect, it } from 'vitest';
import { readCaptureFile } from './capture-file.reader';

function pcap(little: boolean, magic: number, frac: number): Uint8Array {
  const b = new Uint8Array(24 + 16 + 4);
  const v = new DataView(b.buffer);
  v.setUint32(0, magic, little);
  v.setUint16(4, 2, little);
  v.setUint16(6, 4, little);
  v.setUint32(16, 65535, little);
  v.setUint32(20, 101, little);
  v.setUint32(24, 1_700_000_000, little);
  v.setUint32(28, frac, little);
  v.setUint32(32, 4, little);
  v.setUint32(36, 4, little);
  b.set([0x45, 0, 0, 4], 40);
  return b;
}

function pcapng(little: boolean, tsresol?: number): Uint8Array {
  const blocks: number[][] = [];
  const block = (type: number, body: number[]) => {
    const len = 12 + body.length;
    const b = new Uint8Array(len);
    const v = new DataView(b.buffer);
    v.setUint32(0, type, little);
    v.setUint32(4, len, little);
    b.set(body, 8);
    v.setUint32(len - 4, len, little);
    blocks.push([...b]);
  };
  const u = (n: number, bytes: number) => {
    const b = new Uint8Array(bytes);
    const v = new DataView(b.buffer);
    if (bytes === 2) v.setUint16(0, n, little);
    else v.setUint32(0, n, little);
    return [...b];
  };
  block(0x0a0d0d0a, [...u(0x1a2b3c4d, 4), ...u(1, 2), ...u(0, 2), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const options = tsresol === undefined ? [] : [...u(9, 2), ...u(1, 2), tsresol, 0, 0, 0, ...u(0, 2), ...u(0, 2)];
  block(1, [...u(228, 2), ...u(0, 2), ...u(0, 4), ...options]);
  // units: 1_700_000_000.5 s in the interface's resolution
  const units = tsresol === 9 ? 1_700_000_000_500_000_000n : 1_700_000_000_500_000n;
  block(6, [
    ...u(0, 4),
    ...u(Number(units >> 32n), 4),
    ...u(Number(units & 0xffffffffn), 4),
    ...u(4, 4),
    ...u(4, 4),
    0x45,
    0,
    0,
    4,
  ]);
  block(3, [...u(4, 4), 0x45, 0, 0, 4]);
  return Uint8Array.from(blocks.flat());
}

describe('capture file readers', () => {
  it.each([
    ['little-endian µs', true, 0xa1b2c3d4, 500_000],
    ['big-endian µs', false, 0xa1b2c3d4, 500_000],
    ['little-endian ns', true, 0xa1b23c4d, 500_000_000],
    ['big-endian ns', false, 0xa1b23c4d, 500_000_000],
  ])('reads pcap %s', (_name, little, magic, frac) => {
    const r = readCaptureFile(pcap(little, magic, frac));
    expect(r.ok && r.value.packets[0]).toMatchObject({ frame: 1, timeUs: 1_700_000_000_500_000, linkType: 101 });
  });

  it.each([
    ['little-endian, default µs', true, undefined],
    ['big-endian, if_tsresol 9 (ns)', false, 9],
  ])('reads pcapng %s, EPB and SPB', (_name, little, tsresol) => {
    const r = readCaptureFile(pcapng(little, tsresol));
    expect(r.ok && r.value.format).toBe('pcapng');
    expect(r.ok && r.value.packets.map((p) => [p.frame, p.timeUs, p.linkType, p.data.length])).toEqual([
      [1, 1_700_000_000_500_000, 228, 4],
      [2, 0, 228, 4],
    ]);
  });

  it('rejects other files and keeps packets before a truncation', () => {
    expect(readCaptureFile(new Uint8Array(30)).ok).toBe(false);
    const cut = readCaptureFile(pcap(true, 0xa1b2c3d4, 0).subarray(0, 42));
    expect(cut.ok && cut.value.packets).toEqual([]);
    expect(cut.truncated).toMatch(/past the end/);
  });
});
