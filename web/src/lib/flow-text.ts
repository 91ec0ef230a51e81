import type { CallFlow } from '@sipflow/proto';

const clock = (us: number) => new Date(Math.floor(us / 1000)).toISOString().replace('T', ' ').slice(0, 23);

/** A call flow as plain text, one message a line, for tickets and e-mail. */
export function flowText(flow: CallFlow): string {
  const name = (i: number) => flow.devices[i]?.name ?? String(i);
  const lines = [
    `call ${flow.call?.id ?? ''}: ${flow.call?.caller ?? ''} → ${flow.call?.callee ?? ''}, ${flow.call?.outcome ?? ''}`,
    `devices: ${flow.devices.map((d) => `${d.name}${d.pool ? ` [pool ${d.pool}]` : ''}`).join(', ')}`,
    ...flow.legs.map(
      (l) =>
        `${l.label}  ${name(l.from)} → ${name(l.to)}  ${l.sipCallId}  ${l.outcome}${l.finalStatus ? ` ${l.finalStatus}` : ''}`,
    ),
    '',
    ...flow.messages.map((m) => {
      const leg = flow.legs[m.legIndex]?.label ?? '';
      const marks = [
        m.retransmissions ? `retransmitted ×${m.retransmissions}` : '',
        m.lost ? 'never received' : '',
        ...m.findingCodes,
      ].filter(Boolean);
      return `${clock(m.correctedTsUs)}  +${(m.relativeUs / 1e6).toFixed(3)}s  ${leg.padEnd(3)}  ${name(m.from)} → ${name(m.to)}  ${m.summary}${marks.length ? `  [${marks.join(', ')}]` : ''}`;
    }),
    '',
    ...flow.findings.map(
      (f) => `${f.severity.toUpperCase()}: ${f.title}${f.legLabel ? ` (${f.legLabel})` : ''}\n  ${f.explanation}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
