import type { LadderModel } from './ladder-model';

export interface SvgLadderOptions {
  /** Title drawn above the columns (e.g. the call id and start). */
  title?: string;
}

const COLUMN = 170;
const GUTTER = 110;
const ROW = 26;
const TOP = 70;

/** XML text escaping (XML 1.0 §2.4): what a header value or device name may contain. */
const escape = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * The ladder as a standalone SVG image (a shared file, or an image for a ticket): device columns
 * with lifelines, one arrow per SIP message in cause-and-effect order in its leg's colour, its time
 * relative to the call's start, `×n` for retransmissions, an arrow stopping short with × for a lost
 * message, `!` where a finding points, and the legs listed underneath.
 */
export function renderLadderSvg(model: LadderModel, options: SvgLadderOptions = {}): string {
  const width = GUTTER + Math.max(1, model.columns.length) * COLUMN + 20;
  const legendTop = TOP + (model.arrows.length + 1) * ROW;
  const height = legendTop + model.legs.length * 18 + 30;
  const x = (column: number) => GUTTER + column * COLUMN + COLUMN / 2;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<defs>${model.legs
      .map(
        (leg) =>
          `<marker id="head-${leg.index}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${leg.colour}"/></marker>`,
      )
      .join('')}</defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  if (options.title) parts.push(`<text x="10" y="18" font-weight="bold">${escape(options.title)}</text>`);
  for (const column of model.columns) {
    const cx = x(column.index);
    parts.push(
      `<text x="${cx}" y="${TOP - 30}" text-anchor="middle" font-weight="bold">${escape(column.name)}</text>`,
      column.pool
        ? `<text x="${cx}" y="${TOP - 16}" text-anchor="middle" fill="#666">[${escape(column.pool)}]</text>`
        : '',
      `<line x1="${cx}" y1="${TOP - 10}" x2="${cx}" y2="${legendTop - ROW / 2}" stroke="#bbbbbb" stroke-dasharray="4 3"/>`,
    );
  }
  model.arrows.forEach((arrow, i) => {
    const y = TOP + (i + 1) * ROW;
    const leg = model.legs[arrow.legIndex];
    const colour = leg?.colour ?? '#000000';
    const [from, to] = [x(arrow.from), x(arrow.to)];
    const direction = Math.sign(to - from) || 1;
    // A lost message stops short of its receiver and ends in a cross.
    const end = arrow.lost ? to - direction * 28 : to;
    const label = arrow.label + (arrow.retransmissions ? ` ×${arrow.retransmissions + 1}` : '');
    parts.push(
      `<g class="arrow" data-leg="${escape(leg?.label ?? '')}" data-record="${escape(arrow.id)}">`,
      `<text x="8" y="${y + 4}" fill="#555">+${(arrow.relative / 1_000_000).toFixed(3)}s ${escape(leg?.label ?? '')}</text>`,
      `<line x1="${from}" y1="${y}" x2="${end}" y2="${y}" stroke="${colour}" stroke-width="2"${arrow.lost ? '' : ` marker-end="url(#head-${arrow.legIndex})"`}/>`,
      arrow.lost
        ? `<text x="${end}" y="${y + 4}" text-anchor="middle" fill="${colour}" font-weight="bold">×</text>`
        : '',
      `<text x="${(from + to) / 2}" y="${y - 5}" text-anchor="middle" fill="${colour}">${escape(label)}${arrow.findings.length ? ' !' : ''}</text>`,
      '</g>',
    );
  });
  model.legs.forEach((leg, i) => {
    const from = model.columns[leg.from]?.name ?? '?';
    const to = model.columns[leg.to]?.name ?? '?';
    parts.push(
      `<text x="10" y="${legendTop + i * 18}" fill="${leg.colour}">${escape(`${leg.label} ${from} → ${to}  ${leg.method} ${leg.outcome}  (Call-ID ${leg.callId})`)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.filter(Boolean).join('\n')}\n`;
}
