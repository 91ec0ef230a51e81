import type { CallFlow } from '@sipflow/proto';

/** Pixel geometry of a ladder diagram, computed once per model and zoom. */
export interface LadderLayout {
  width: number;
  height: number;
  /** Centre x of each device column (by column index). */
  columnX: number[];
  columnWidth: number;
  rowHeight: number;
  /** Top of the first row (below the device headers). */
  top: number;
  /** y of each arrow (by arrow index). */
  rowY: number[];
  /** Quiet stretches folded to one gap marker: where, and how long (µs) nothing happened. */
  gaps: { y: number; us: number }[];
  /** Pool brackets over side-by-side machines of one pool. */
  pools: { name: string; x1: number; x2: number }[];
}

export interface LayoutOptions {
  /** 1 = default; scales column spacing and row height. */
  zoom?: number;
  /** A pause longer than this (µs) between two arrows gets extra room and a marker. */
  gapUs?: number;
}

export const TIME_GUTTER = 140;
const HEADER = 64;
const BASE_COLUMN = 140;
const BASE_ROW = 30;

/**
 * Rows in the model's cause-and-effect order, one per arrow, evenly spaced (a ladder read by
 * sequence, not to scale); long pauses (an unanswered fork ringing, a call in progress) are marked
 * with their length instead of stretching the diagram.
 */
export function layoutLadder(flow: CallFlow, options: LayoutOptions = {}): LadderLayout {
  const zoom = Math.min(3, Math.max(0.4, options.zoom ?? 1));
  const gapUs = options.gapUs ?? 1_000_000;
  const columnWidth = Math.round(BASE_COLUMN * zoom);
  const row = Math.round(BASE_ROW * zoom);
  const columnX = flow.devices.map((_, i) => TIME_GUTTER + columnWidth / 2 + i * columnWidth);
  const rowY: number[] = [];
  const gaps: LadderLayout['gaps'] = [];
  let y = HEADER + row;
  flow.messages.forEach((arrow, i) => {
    const previous = flow.messages[i - 1];
    if (previous && arrow.relativeUs - previous.relativeUs > gapUs) {
      gaps.push({ y, us: arrow.relativeUs - previous.relativeUs });
      y += row;
    }
    rowY.push(y);
    y += row;
  });
  const pools: LadderLayout['pools'] = [];
  for (const column of flow.devices) {
    if (!column.pool) continue;
    const x = columnX[column.index]!;
    const last = pools.at(-1);
    if (last && last.name === column.pool && last.x2 + columnWidth >= x) last.x2 = x;
    else pools.push({ name: column.pool, x1: x, x2: x });
  }
  return {
    width: TIME_GUTTER + columnWidth * Math.max(1, flow.devices.length) + 20,
    height: y + row,
    columnX,
    columnWidth,
    rowHeight: row,
    top: HEADER,
    rowY,
    gaps,
    pools,
  };
}

/** "+8.412 s" relative to the call's first message. */
export function formatRelative(us: number): string {
  const s = us / 1_000_000;
  return `+${s.toFixed(3)} s`;
}

/** "10:15:08.412" UTC wall-clock time of the reference clock. */
export function formatClock(us: number): string {
  return new Date(Math.floor(us / 1000)).toISOString().slice(11, 23);
}

/** "8.4 s", "2 min 5 s": the length of a pause or call. */
export function formatDuration(us: number): string {
  const s = us / 1_000_000;
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}
