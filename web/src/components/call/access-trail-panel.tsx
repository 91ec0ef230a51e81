import type { AccessTrailEntry } from '@sipflow/proto';
import { TableHead } from '../shell/table-head';

const when = (us: number) => new Date(us / 1000).toISOString().replace('T', ' ').slice(0, 19);

/** The detail column: the audit row's JSON as `key: value` pairs, or its text. */
function detailWords(detail: string): string {
  try {
    const value = JSON.parse(detail) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value))
      return Object.entries(value)
        .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join(' · ');
  } catch {
    // not JSON: shown as written
  }
  return detail;
}

/** Who looked at, corrected, held or shared this call, when and from where (the audit log). */
export function AccessTrailPanel({ entries }: { entries: AccessTrailEntry[] }) {
  return (
    <section aria-labelledby="trail-heading">
      <h2 id="trail-heading">Access trail</h2>
      <div className="table-scroll">
        <table data-testid="access-trail">
          <TableHead columns={['when (UTC)', 'who', 'what', 'from', 'outcome', 'detail']} />
          <tbody>
            {entries
              .slice()
              .reverse()
              .map((e, i) => (
                <tr key={i}>
                  <td className="mono">{when(e.tsUs)}</td>
                  <td>{e.subject}</td>
                  <td>{e.action}</td>
                  <td className="mono">{e.peer}</td>
                  <td>{e.outcome}</td>
                  <td>{detailWords(e.detail)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
