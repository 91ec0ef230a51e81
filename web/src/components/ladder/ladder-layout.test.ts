import type { CallFlow, FlowDevice, FlowMessage } from '@sipflow/proto';
import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatRelative, layoutLadder } from './ladder-layout';

// A forked call shaped like the seed call (samples/seed-call): an SBC, a call server and a recorder
// pool of two machines; the answered call lasts 95 s before the BYE.
const device = (id: string, index: number, pool = ''): FlowDevice => ({ id, name: id, pool, address: '', index });
const message = (relativeUs: number, i: number): FlowMessage => ({
  id: `m${i}`,
  legId: 'a',
  legIndex: 0,
  from: i % 2,
  to: (i + 1) % 2,
  srcDevice: '',
  dstDevice: '',
  src: undefined,
  dst: undefined,
  tsUs: relativeUs,
  correctedTsUs: relativeUs,
  relativeUs,
  summary: i % 2 ? '200 OK' : 'INVITE',
  isRequest: i % 2 === 0,
  method: 'INVITE',
  status: i % 2 ? 200 : 0,
  cseq: 1,
  retransmissions: 0,
  lost: false,
  findingCodes: [],
  observations: [],
});
const flow: CallFlow = {
  call: undefined,
  clocks: undefined,
  devices: [
    device('carrier-sbc', 0),
    device('cs-b', 1),
    device('rec-1', 2, 'recorders'),
    device('rec-2', 3, 'recorders'),
  ],
  legs: [],
  messages: [0, 3_000, 8_400_000, 8_410_000, 95_300_000, 95_310_000].map(message),
  links: [],
  findings: [],
  rewrites: [],
  startUs: 0,
  endUs: 95_310_000,
  corrections: [],
  holds: [],
};

describe('layoutLadder', () => {
  const layout = layoutLadder(flow);

  it('gives every device a column and every message a row, top to bottom', () => {
    expect(layout.columnX).toHaveLength(4);
    expect(layout.rowY).toHaveLength(6);
    for (let i = 1; i < layout.rowY.length; i++) expect(layout.rowY[i]!).toBeGreaterThan(layout.rowY[i - 1]!);
    expect(layout.height).toBeGreaterThan(layout.rowY.at(-1)!);
  });

  it('folds pauses over a second into gap markers with their length', () => {
    expect(layout.gaps.map((g) => g.us)).toEqual([8_397_000, 86_890_000]);
    // A gap takes one extra row: the rows after it move down by two rows, not one.
    expect(layout.rowY[2]! - layout.rowY[1]!).toBe(2 * layout.rowHeight);
  });

  it('brackets the machines of a pool side by side', () => {
    expect(layout.pools).toEqual([{ name: 'recorders', x1: layout.columnX[2], x2: layout.columnX[3] }]);
  });

  it('zooms by scaling columns and rows, within bounds', () => {
    const wide = layoutLadder(flow, { zoom: 2 });
    expect(wide.columnWidth).toBe(layout.columnWidth * 2);
    expect(wide.rowHeight).toBe(layout.rowHeight * 2);
    expect(layoutLadder(flow, { zoom: 100 }).columnWidth).toBe(layout.columnWidth * 3);
  });
});

describe('time formats', () => {
  it('writes relative, wall-clock and durations as people read them', () => {
    expect(formatRelative(8_412_000)).toBe('+8.412 s');
    expect(formatClock(Date.UTC(2026, 10, 20, 10, 15, 8, 412) * 1000)).toBe('10:15:08.412');
    expect(formatDuration(250_000)).toBe('250 ms');
    expect(formatDuration(95_300_000)).toBe('1 min 35 s');
  });
});
