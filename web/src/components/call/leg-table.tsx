import type { CallFlow, FlowLink, Party } from '@sipflow/proto';
import { formatClock, formatDuration } from '../ladder/ladder-layout';
import { TableHead } from '../shell/table-head';

const party = (p: Party | undefined) => (p ? p.user || p.displayName || p.uri : '');

/** The other leg of a link and how they are tied, in short: the evidence panel has the words. */
function linkSummary(link: FlowLink, leg: string, labelOf: (id: string) => string): string {
  const other = link.legIds.find((id) => id !== leg) ?? leg;
  return `${labelOf(other)} ${link.kind} (${Math.round(link.confidence * 100)}%)`;
}

/** One row per leg: devices, parties, Call-ID, outcome, times, and which legs it is linked to. */
export function LegTable({ flow }: { flow: CallFlow }) {
  const labelOf = (id: string) => flow.legs.find((l) => l.id === id)?.label ?? id;
  const deviceName = (id: string) => flow.devices.find((c) => c.id === id)?.name ?? id;
  return (
    <section aria-labelledby="legs-heading">
      <h2 id="legs-heading">Legs</h2>
      <div className="table-scroll">
        <table className="legs" data-testid="leg-table">
          <TableHead
            columns={['leg', 'from → to', 'caller → callee', 'Call-ID', 'outcome', 'start', 'length', 'linked to']}
          />
          <tbody>
            {flow.legs.map((leg) => {
              const links = flow.links.filter((l) => l.legIds.includes(leg.id));
              return (
                <tr key={leg.id}>
                  <th scope="row">
                    <span className="swatch" style={{ background: leg.colour }} aria-hidden="true" />
                    {leg.label}
                  </th>
                  <td>
                    {deviceName(leg.fromDevice)} → {deviceName(leg.toDevice)}
                    {leg.recording && <span className="badge">recording</span>}
                  </td>
                  <td>
                    {party(leg.caller)} → {party(leg.callee)}
                  </td>
                  <td className="mono">{leg.sipCallId}</td>
                  <td>
                    {leg.outcome}
                    {leg.finalStatus ? ` (${leg.finalStatus} ${leg.finalReason})` : ''}
                  </td>
                  <td>{formatClock(leg.startUs)}</td>
                  <td>{formatDuration(leg.endUs - leg.startUs)}</td>
                  <td>
                    {links.length === 0 ? (
                      <span className="muted">the only leg</span>
                    ) : (
                      <ul className="plain">
                        {links.map((l) => (
                          <li key={l.legIds.join('-') + l.kind}>{linkSummary(l, leg.id, labelOf)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
