import type { CallFlow } from '@sipflow/proto';

const RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** The call's findings in plain words, worst first. */
export function FindingsPanel({ flow }: { flow: CallFlow }) {
  const findings = [...flow.findings].sort((a, b) => (RANK[a.severity] ?? 3) - (RANK[b.severity] ?? 3));
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings</h2>
      {findings.length === 0 ? (
        <p className="muted">Nothing unusual: every request was answered and every answer acknowledged.</p>
      ) : (
        <ul className="findings" data-testid="findings">
          {findings.map((f, i) => (
            <li key={i} className={`finding ${f.severity}`}>
              <strong>
                <span className="severity">{f.severity}</span> {f.title}
              </strong>
              {f.legLabel && <span className="muted"> · {f.legLabel}</span>}
              <p>{f.explanation}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
