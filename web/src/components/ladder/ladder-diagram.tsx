'use client';

import type { CallFlow, FlowMessage } from '@sipflow/proto';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { formatClock, formatDuration, formatRelative, layoutLadder, TIME_GUTTER } from './ladder-layout';
import { MessagePanel } from './message-panel';

export interface LadderDiagramProps {
  flow: CallFlow;
  /** Where the full text of a message is fetched from: `${messageUrl}/${recordId}`. */
  messageUrl: string;
}

const ARROW_HEAD = 9;

/** A device name cut to what fits its column (the full name is in the column's tooltip). */
const fit = (name: string, width: number) => {
  const chars = Math.max(4, Math.floor((width - 16) / 7));
  return name.length > chars ? `${name.slice(0, chars - 1)}…` : name;
};

function arrowName(flow: CallFlow, arrow: FlowMessage): string {
  const from = flow.devices[arrow.from]?.name ?? arrow.srcDevice;
  const to = flow.devices[arrow.to]?.name ?? arrow.dstDevice;
  const leg = flow.legs[arrow.legIndex]?.label ?? '';
  const extra = [
    arrow.retransmissions ? `retransmitted ${arrow.retransmissions} times` : '',
    arrow.findingCodes.length ? `findings: ${arrow.findingCodes.join(', ')}` : '',
    arrow.lost ? 'never received' : '',
  ].filter(Boolean);
  return `${formatRelative(arrow.relativeUs)} ${leg} ${arrow.summary} from ${from} to ${to}${extra.length ? `; ${extra.join('; ')}` : ''}`;
}

/**
 * The ladder: one column per device, one row per SIP message in cause-and-effect order, arrows in
 * their leg's colour. Hover or focus shows the message; click or Enter pins it; ↑/↓ (j/k) walk the
 * messages; +/− zoom.
 */
export function LadderDiagram({ flow, messageUrl }: LadderDiagramProps) {
  const [zoom, setZoom] = useState(1);
  const [hovered, setHovered] = useState<number | undefined>();
  const [pinned, setPinned] = useState<number | undefined>();
  const [hiddenLegs, setHiddenLegs] = useState<ReadonlySet<number>>(new Set());
  const layout = useMemo(() => layoutLadder(flow, { zoom }), [flow, zoom]);
  const rows = useRef<(SVGGElement | null)[]>([]);
  const shown = pinned ?? hovered;
  // Effects run once the ladder is hydrated and answers hover and keys: the browser's own timeline
  // gets a mark there (bench/portal reads it as time to interactive).
  useEffect(() => {
    performance.mark('ladder-interactive', { detail: { arrows: flow.messages.length } });
  }, [flow]);

  const focusRow = useCallback(
    (index: number) => {
      const next = Math.max(0, Math.min(flow.messages.length - 1, index));
      rows.current[next]?.focus();
    },
    [flow.messages.length],
  );

  const onKey = (index: number) => (event: KeyboardEvent<SVGGElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusRow(index + 1),
      j: () => focusRow(index + 1),
      ArrowUp: () => focusRow(index - 1),
      k: () => focusRow(index - 1),
      Home: () => focusRow(0),
      End: () => focusRow(flow.messages.length - 1),
      Enter: () => setPinned((p) => (p === index ? undefined : index)),
      ' ': () => setPinned((p) => (p === index ? undefined : index)),
      Escape: () => setPinned(undefined),
      '+': () => setZoom((z) => Math.min(3, z * 1.25)),
      '-': () => setZoom((z) => Math.max(0.4, z / 1.25)),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const toggleLeg = (index: number) =>
    setHiddenLegs((hidden) => {
      const next = new Set(hidden);
      if (next.has(index)) next.delete(index);
      else next.add(index);
      return next;
    });

  return (
    <div className="ladder">
      <div className="ladder-toolbar" role="toolbar" aria-label="Ladder controls">
        <button type="button" onClick={() => setZoom((z) => Math.max(0.4, z / 1.25))} aria-label="Zoom out">
          −
        </button>
        <span aria-live="polite">{Math.round(zoom * 100)}%</span>
        <button type="button" onClick={() => setZoom((z) => Math.min(3, z * 1.25))} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => setZoom(1)}>
          Reset
        </button>
        <span className="hint">Hover or Tab to a message · Enter pins · ↑/↓ move · Esc unpins</span>
      </div>
      <ul className="legend" aria-label="Legs">
        {flow.legs.map((leg) => (
          <li key={leg.id}>
            <button
              type="button"
              className="legend-item"
              aria-pressed={!hiddenLegs.has(leg.index)}
              onClick={() => toggleLeg(leg.index)}
              title={`${leg.sipCallId} — click to dim or show`}
            >
              <span className="swatch" style={{ background: leg.colour }} aria-hidden="true" />
              {leg.label} {flow.devices[leg.from]?.name} → {flow.devices[leg.to]?.name}{' '}
              <span className="muted">{leg.outcome}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="ladder-body">
        <div className="ladder-scroll" data-testid="ladder-scroll">
          <svg
            width={layout.width}
            height={layout.height}
            viewBox={`0 0 ${layout.width} ${layout.height}`}
            role="group"
            aria-label={`Ladder diagram: ${flow.devices.length} devices, ${flow.legs.length} legs, ${flow.messages.length} messages`}
            className="ladder-svg"
          >
            <defs>
              {flow.legs.map((leg) => (
                <marker
                  key={leg.id}
                  id={`head-${leg.index}`}
                  viewBox="0 0 10 10"
                  refX="10"
                  refY="5"
                  markerWidth={ARROW_HEAD}
                  markerHeight={ARROW_HEAD}
                  markerUnits="userSpaceOnUse"
                  orient="auto-start-reverse"
                >
                  <path d="M0,0 L10,5 L0,10 z" fill={leg.colour} />
                </marker>
              ))}
            </defs>
            {layout.pools.map((pool) => (
              <g key={`${pool.name}-${pool.x1}`} className="pool">
                <path
                  d={`M${pool.x1 - layout.columnWidth / 2 + 8},14 v-6 H${pool.x2 + layout.columnWidth / 2 - 8} v6`}
                  fill="none"
                />
                <text x={(pool.x1 + pool.x2) / 2} y={6} textAnchor="middle" className="pool-name">
                  pool {pool.name}
                </text>
              </g>
            ))}
            {flow.devices.map((column) => {
              const x = layout.columnX[column.index]!;
              return (
                <g key={column.id} className="column" data-device={column.id}>
                  <title>{`${column.name}${column.address ? ` (${column.address})` : ''}${column.pool ? `, pool ${column.pool}` : ''}`}</title>
                  <rect
                    x={x - layout.columnWidth / 2 + 6}
                    y={20}
                    width={layout.columnWidth - 12}
                    height={36}
                    rx={6}
                    className={column.pool ? 'device pooled' : 'device'}
                  />
                  <text x={x} y={36} textAnchor="middle" className="device-name">
                    {fit(column.name, layout.columnWidth)}
                  </text>
                  <text x={x} y={50} textAnchor="middle" className="device-address">
                    {column.address || column.id}
                  </text>
                  <line x1={x} x2={x} y1={56} y2={layout.height - 10} className="lifeline" />
                </g>
              );
            })}
            {layout.gaps.map((gap) => (
              <g key={gap.y} className="gap">
                <line x1={TIME_GUTTER} x2={layout.width - 10} y1={gap.y} y2={gap.y} />
                <text x={TIME_GUTTER - 8} y={gap.y + 4} textAnchor="end">
                  … {formatDuration(gap.us)}
                </text>
              </g>
            ))}
            {flow.messages.map((arrow, index) => {
              const y = layout.rowY[index]!;
              const x1 = layout.columnX[arrow.from]!;
              const x2full = layout.columnX[arrow.to]!;
              const self = arrow.from === arrow.to;
              // A lost message stops short of its receiver (it was sent, never logged as received).
              const x2 = arrow.lost ? x1 + (x2full - x1) * 0.6 : x2full;
              const leg = flow.legs[arrow.legIndex];
              const colour = leg?.colour ?? 'currentColor';
              const flagged = arrow.findingCodes.length > 0;
              const active = shown === index;
              const dimmed = hiddenLegs.has(arrow.legIndex);
              const mid = self ? x1 + 40 : (x1 + x2) / 2;
              const path = self
                ? `M${x1},${y - 8} h30 v12 h-30`
                : `M${x1 + Math.sign(x2 - x1) * 2},${y} L${x2 - Math.sign(x2 - x1) * 2},${y}`;
              return (
                <g
                  key={arrow.id}
                  ref={(el) => {
                    rows.current[index] = el;
                  }}
                  className={`arrow${flagged ? ' flagged' : ''}${active ? ' active' : ''}${dimmed ? ' dimmed' : ''}${arrow.isRequest ? ' request' : ' response'}`}
                  data-testid="ladder-arrow"
                  data-arrow={index}
                  data-leg={leg?.label}
                  tabIndex={0}
                  role="button"
                  aria-pressed={pinned === index}
                  aria-label={arrowName(flow, arrow)}
                  onMouseEnter={() => setHovered(index)}
                  onFocus={() => setHovered(index)}
                  onClick={() => setPinned((p) => (p === index ? undefined : index))}
                  onKeyDown={onKey(index)}
                >
                  <rect
                    x={8}
                    y={y - layout.rowHeight / 2}
                    width={layout.width - 8}
                    height={layout.rowHeight}
                    className="row-hit"
                  />
                  <text x={TIME_GUTTER - 8} y={y + 4} textAnchor="end" className="time">
                    <tspan className="relative">{formatRelative(arrow.relativeUs)}</tspan>
                    <tspan className="absolute"> {formatClock(arrow.correctedTsUs)}</tspan>
                  </text>
                  {flagged && (
                    <path d={path} className="finding-halo" fill="none" strokeLinecap="round" aria-hidden="true" />
                  )}
                  <path
                    d={path}
                    stroke={colour}
                    strokeWidth={active ? 3 : 2}
                    strokeDasharray={arrow.isRequest ? undefined : '6 3'}
                    fill="none"
                    markerEnd={arrow.lost ? undefined : `url(#head-${arrow.legIndex})`}
                  />
                  {arrow.lost && (
                    <text x={x2 + Math.sign(x2full - x1) * 8} y={y + 4} textAnchor="middle" className="lost-mark">
                      ✕
                    </text>
                  )}
                  <text x={mid} y={y - 5} textAnchor="middle" className="arrow-label" fill={colour}>
                    {arrow.summary}
                    {arrow.retransmissions > 0 && <tspan className="retrans"> ↻{arrow.retransmissions}</tspan>}
                    {flagged && <tspan className="finding-mark"> ⚠</tspan>}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
        <MessagePanel flow={flow} messageUrl={messageUrl} index={shown} pinned={pinned !== undefined} />
      </div>
    </div>
  );
}
