import type { LadderModel } from './ladder-model';
import { legColour } from './palette';

export interface TextLadderOptions {
  /** ANSI colours (one per leg); off for pipes and files. */
  colour?: boolean;
  /** Widest column (device names are shortened to fit). */
  maxColumnWidth?: number;
}

const ESC = '\u001b[';

function fit(text: string, width: number): string {
  const t = text.length > width ? `${text.slice(0, width - 1)}…` : text;
  const left = Math.floor((width - t.length) / 2);
  return ' '.repeat(left) + t + ' '.repeat(width - t.length - left);
}

function formatRelative(us: number): string {
  return `+${(us / 1_000_000).toFixed(3)}s`;
}

/**
 * The ladder as terminal text (`sipflow flow --text`): device columns, one line per arrow with
 * its relative time and leg, arrowheads showing the direction, `×n` for retransmissions and `!`
 * where a finding points.
 */
export function renderLadderText(model: LadderModel, options: TextLadderOptions = {}): string {
  const maxWidth = options.maxColumnWidth ?? 20;
  const longest = Math.max(10, ...model.columns.map((c) => c.name.length + 2));
  const width = Math.min(maxWidth, longest);
  const gutter = 14; // "+12.345s L10 "
  const centre = (i: number) => gutter + i * width + Math.floor(width / 2);
  const total = gutter + model.columns.length * width;
  const paint = (text: string, legIndex: number) =>
    options.colour ? `${ESC}38;5;${legColour(legIndex).ansi}m${text}${ESC}0m` : text;

  const lines: string[] = [];
  lines.push(' '.repeat(gutter) + model.columns.map((c) => fit(c.name, width)).join(''));
  const pools = model.columns.map((c) => (c.pool ? fit(`[${c.pool}]`, width) : ' '.repeat(width))).join('');
  if (pools.trim()) lines.push(' '.repeat(gutter) + pools);
  const lifelines = () => {
    const row = Array.from({ length: total }, () => ' ');
    for (let i = 0; i < model.columns.length; i++) row[centre(i)] = '|';
    return row;
  };
  lines.push(lifelines().join('').trimEnd());

  for (const arrow of model.arrows) {
    const row = lifelines();
    const leg = model.legs[arrow.legIndex];
    const prefix = `${formatRelative(arrow.relative).padStart(9)} ${(leg?.label ?? '').padEnd(4)}`;
    for (let i = 0; i < prefix.length && i < gutter; i++) row[i] = prefix[i]!;
    const [a, b] = [centre(arrow.from), centre(arrow.to)];
    const [left, right] = a < b ? [a, b] : [b, a];
    if (left === right) continue;
    let text = arrow.label + (arrow.retransmissions ? ` ×${arrow.retransmissions + 1}` : '');
    const span = right - left - 1;
    if (text.length > span - 2) text = text.slice(0, Math.max(1, span - 3)) + '…';
    const body = Array.from({ length: span }, () => '-');
    const start = Math.floor((span - text.length) / 2);
    for (let i = 0; i < text.length; i++) body[start + i] = text[i]!;
    if (arrow.lost) {
      // Lost on the way: the arrow stops short of the receiver, ending in x.
      const gap = Math.min(3, Math.max(0, span - text.length - 2));
      for (let i = 0; i < gap; i++) body[a < b ? span - 1 - i : i] = ' ';
      body[a < b ? span - 1 - gap : gap] = 'x';
    } else if (a < b) body[span - 1] = '>';
    else body[0] = '<';
    const segment = body.join('');
    const before = row.slice(0, left + 1).join('');
    const after = row.slice(right).join('');
    const mark = arrow.findings.length ? ' !' : '';
    lines.push((before + paint(segment, arrow.legIndex) + after).trimEnd() + mark);
  }
  lines.push('');
  for (const leg of model.legs) {
    const from = model.columns[leg.from]?.name ?? '?';
    const to = model.columns[leg.to]?.name ?? '?';
    lines.push(
      paint(`${leg.label.padEnd(4)} ${from} → ${to}  ${leg.method} ${leg.outcome}  (Call-ID ${leg.callId})`, leg.index),
    );
  }
  lines.push(...findingLines(model), ...evidenceLines(model), ...clockLines(model), ...rewriteLines(model));
  return `${lines.join('\n')}\n`;
}

/** What went wrong, in plain words: title, then the explanation indented (arrows marked "!" above). */
function findingLines(model: LadderModel): string[] {
  if (model.findings.length === 0) return [];
  const lines = ['', 'Findings:'];
  for (const f of model.findings) {
    lines.push(`  ${f.severity.toUpperCase()} ${f.leg ? `${f.leg} ` : ''}${f.title}`);
    lines.push(`    ${f.explanation}`);
  }
  return lines;
}

const formatMs = (us: number) => `${(us / 1000).toFixed(Math.abs(us) < 10_000 ? 1 : 0)} ms`;

/** Device clock offsets and one-way delays per hop, under the leg list. */
function clockLines(model: LadderModel): string[] {
  const { reference, clocks, hops } = model.clocks;
  const measured = clocks.filter((c) => c.basis === 'two-way' || c.basis === 'one-way');
  if (!reference || measured.length === 0) return [];
  const name = (id: string) => model.columns.find((c) => c.id === id)?.name ?? id;
  const lines = ['', `Clocks (against ${name(reference)}):`];
  for (const c of measured) {
    const sign = c.offsetUs >= 0 ? '+' : '−';
    const within = c.uncertaintyUs !== undefined ? ` ±${formatMs(c.uncertaintyUs)}` : ' (at least; one-way only)';
    lines.push(`  ${name(c.device)} ${sign}${formatMs(Math.abs(c.offsetUs))}${within}`);
  }
  lines.push('One-way delay per hop (median):');
  for (const h of hops) {
    const within = h.uncertaintyUs !== undefined ? ` ±${formatMs(h.uncertaintyUs)}` : '';
    lines.push(`  ${name(h.from)} → ${name(h.to)} ${formatMs(h.medianUs)}${within} (${h.samples} messages)`);
  }
  return lines;
}

/** What each B2BUA changed in what it passed on, one line per change. */
function rewriteLines(model: LadderModel): string[] {
  const changed = model.rewrites.filter((r) => r.diff.changes.length);
  if (changed.length === 0) return [];
  const name = (id: string) => model.columns.find((c) => c.id === id)?.name ?? id;
  const label = (legId: string) => model.legs.find((l) => l.id === legId)?.label ?? '?';
  const lines = ['', 'Changed at each hop:'];
  for (const r of changed) {
    lines.push(`  ${name(r.device)}, ${r.message} ${label(r.fromLegId)} → ${label(r.toLegId)}:`);
    for (const c of r.diff.changes) lines.push(`    ${c.detail}`);
  }
  return lines;
}

const formatLink = (l: { legs: [string, string]; kind: string; confidence: number; manual: boolean }) =>
  `${l.legs[0]}–${l.legs[1]} ${l.manual ? 'joined by hand' : `${l.kind}${Math.round(l.confidence * 100) < 100 ? ` (${Math.round(l.confidence * 100)}%)` : ''}`}`;

/** Why these legs are one call: each link and what matched, then the corrections made by hand. */
function evidenceLines(model: LadderModel): string[] {
  const { links, corrections } = model.evidence;
  if (links.length === 0 && corrections.length === 0) return [];
  const name = (id: string) => model.columns.find((c) => c.id === id)?.name ?? id;
  const lines = ['', 'Why these legs are one call:'];
  for (const l of links) {
    lines.push(`  ${formatLink(l)}${l.device ? ` at ${name(l.device)}` : ''}`);
    for (const e of l.evidence) lines.push(`    ${e.detail}`);
  }
  if (corrections.length) lines.push('Corrected by hand:');
  for (const c of corrections) {
    const when = new Date(Math.floor(c.at / 1000)).toISOString();
    const what =
      c.action === 'split'
        ? `${c.legs[0] === 'another call' ? 'a leg' : c.legs[0]} split out`
        : `${c.legs.join(' + ')} joined`;
    lines.push(`  ${what} by ${c.author} at ${when} (${c.id}): ${c.reason}`);
    for (const o of c.overruled) lines.push(`    overruled ${formatLink(o)}`);
  }
  return lines;
}
