import { AutoRefresh, DashboardCharts } from '../../components/charts/dashboard-charts';
import { ApiProblem } from '../../components/shell/api-problem';
import { TIME_PRESETS } from '../../lib/call-query';
import { load } from '../../server/api/api';
import { dashboard } from '../../server/api/stats';
import { requireSession } from '../../server/session';
import { TableHead } from '../../components/shell/table-head';

export const metadata = { title: 'Dashboards · sipflow' };

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export default async function DashboardsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const range = Number(typeof params.range === 'string' ? params.range : 60) || 60;
  const drill = typeof params.class === 'string' && /^[1-6]$/.test(params.class) ? Number(params.class) : undefined;
  const path = `/dashboards?range=${range}${drill ? `&class=${drill}` : ''}`;
  const session = await requireSession(path);
  const now = Date.now();
  const result = await load(path, () => dashboard(session, now - range * 60_000, now));
  return (
    <>
      <h1>Dashboards</h1>
      <form method="get" className="form-row" aria-label="Time range">
        <label>
          Time range
          <select name="range" defaultValue={String(range)}>
            {TIME_PRESETS.filter((p) => p.minutes > 0).map((p) => (
              <option key={p.minutes} value={p.minutes}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        {drill !== undefined && <input type="hidden" name="class" value={drill} />}
        <button type="submit">Show</button>
        <AutoRefresh seconds={30} />
      </form>
      {!result.ok ? (
        <ApiProblem error={result.error} what="the statistics" />
      ) : (
        <>
          <section className="kpis" aria-label="Key figures" data-testid="kpis">
            {[
              ['calls', String(result.value.kpis.calls)],
              ['answered', String(result.value.kpis.answered)],
              ['ASR', pct(result.value.kpis.asr)],
              ['NER', pct(result.value.kpis.ner)],
              ['post-dial delay p50', `${Math.round(result.value.kpis.pddP50Ms)} ms`],
              ['post-dial delay p95', `${Math.round(result.value.kpis.pddP95Ms)} ms`],
              [
                'registrations failed',
                `${result.value.kpis.registrationFailures} / ${result.value.kpis.registrations}`,
              ],
            ].map(([name, value]) => (
              <div className="card" key={name}>
                <div className="muted">{name}</div>
                <div className="value">{value}</div>
              </div>
            ))}
          </section>
          <DashboardCharts
            rates={result.value.rates}
            bucketMs={result.value.bucketMs}
            deviceNames={result.value.deviceNames}
            outcomes={result.value.kpis.outcomes}
            {...(drill !== undefined ? { drillClass: drill } : {})}
          />
          <div className="panels">
            <section aria-labelledby="top-numbers">
              <h2 id="top-numbers">Top failing numbers</h2>
              <TopTable rows={result.value.topNumbers.map((r) => [r.number, r.failures])} what="callee" />
            </section>
            <section aria-labelledby="top-devices">
              <h2 id="top-devices">Top failing devices</h2>
              <TopTable
                rows={result.value.topDevices.map((r) => [result.value.deviceNames[r.device] ?? r.device, r.failures])}
                what="device"
              />
            </section>
          </div>
        </>
      )}
    </>
  );
}

function TopTable({ rows, what }: { rows: [string, number][]; what: string }) {
  if (rows.length === 0) return <p className="muted">No failed calls in this range.</p>;
  return (
    <table>
      <TableHead columns={[what, 'failed calls']} />
      <tbody>
        {rows.map(([name, n]) => (
          <tr key={name}>
            <td className="mono">{name}</td>
            <td>{n}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
