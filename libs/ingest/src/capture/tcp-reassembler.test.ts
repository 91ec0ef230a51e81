import { describe, expect, it } from 'vitest';
import { latin1, utf8Bytes } from '../core/byte-text';
import { TcpStream, type StreamChunk } from './tcp-reassembler';

const seg = (text: string, frame = 1): StreamChunk => ({ bytes: utf8Bytes(text), timeUs: frame, frame });
const text = (out: (StreamChunk | null)[]) => out.map((c) => (c ? latin1(c.bytes) : '<gap>')).join('|');

describe('TcpStream (RFC 9293 §3.10.7.4 reordering)', () => {
  it('delivers in order after the SYN', () => {
    const s = new TcpStream();
    expect(s.push(1000, true, seg(''))).toEqual([]);
    expect(text(s.push(1001, false, seg('abc')))).toBe('abc');
    expect(text(s.push(1004, false, seg('def')))).toBe('def');
  });

  it('trims retransmitted and overlapping bytes', () => {
    const s = new TcpStream();
    s.push(0, true, seg(''));
    s.push(1, false, seg('hello'));
    expect(s.push(1, false, seg('hello'))).toEqual([]); // pure retransmission
    expect(text(s.push(4, false, seg('lo world')))).toBe(' world'); // overlap
  });

  it('holds out-of-order segments until the gap fills', () => {
    const s = new TcpStream();
    s.push(0, true, seg(''));
    expect(s.push(7, false, seg('world'))).toEqual([]);
    expect(s.push(4, false, seg('lo '))).toEqual([]);
    expect(text(s.push(1, false, seg('hel')))).toBe('hel|lo |world');
  });

  it('wraps around the 32-bit sequence space', () => {
    const s = new TcpStream();
    s.push(0xfffffffe, true, seg(''));
    expect(text(s.push(0xffffffff, false, seg('ab')))).toBe('ab');
    expect(text(s.push(1, false, seg('cd')))).toBe('cd');
  });

  it('gives up a gap the capture never fills, at the end or when too much waits', () => {
    const s = new TcpStream({ maxPendingBytes: 4 });
    s.push(0, true, seg(''));
    expect(text(s.push(10, false, seg('xyz')))).toBe('');
    expect(text(s.push(20, false, seg('later')))).toBe('<gap>|xyz|<gap>|later');
    const t = new TcpStream();
    t.push(0, true, seg(''));
    t.push(5, false, seg('tail'));
    expect(text(t.end())).toBe('<gap>|tail');
  });

  it('starts mid-connection at the first segment seen', () => {
    const s = new TcpStream();
    expect(text(s.push(123456, false, seg('mid')))).toBe('mid');
  });
});
