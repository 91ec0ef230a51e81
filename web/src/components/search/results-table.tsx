import Link from 'next/link';
import type { CallSummary } from '@sipflow/proto';
import { formatDuration } from '../ladder/ladder-layout';
import { TableHead } from '../shell/table-head';

const when = (us: number) => new Date(us / 1000).toISOString().replace('T', ' ').slice(0, 19);

/** Search results: one row per call, newest first, each opening its ladder. */
export function ResultsTable({ calls }: { calls: CallSummary[] }) {
  return (
    <div className="table-scroll">
      <table data-testid="results">
        <TableHead columns={['start (UTC)', 'caller', 'callee', 'outcome', 'length', 'legs', 'devices', 'findings']} />
        <tbody>
          {calls.map((c) => (
            <tr key={c.id}>
              <td>
                <Link href={`/calls/${encodeURIComponent(c.id)}`}>{when(c.startUs)}</Link>
              </td>
              <td className="mono">{c.caller}</td>
              <td className="mono">{c.callee}</td>
              <td>
                {c.outcome}
                {c.finalStatus ? ` (${c.finalStatus})` : ''}
                {c.kind !== 'call' && <span className="badge">{c.kind}</span>}
                {c.open && <span className="badge">open</span>}
              </td>
              <td>{formatDuration(c.endUs - c.startUs)}</td>
              <td>{c.legCount}</td>
              <td>{c.deviceNames.join(', ')}</td>
              <td>
                {c.findingCount > 0 ? (
                  <span className="badge bad" title={c.findingCodes.join(', ')}>
                    {c.findingCount} · {c.findingCodes.slice(0, 2).join(', ')}
                  </span>
                ) : (
                  ''
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
