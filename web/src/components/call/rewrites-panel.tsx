import type { CallFlow } from '@sipflow/proto';

/** What each B2BUA changed between the message it received and the one it sent on. */
export function RewritesPanel({ flow }: { flow: CallFlow }) {
  const rewrites = flow.rewrites.filter((r) => r.changes.length > 0);
  if (rewrites.length === 0) return null;
  const name = (id: string) => flow.devices.find((c) => c.id === id)?.name ?? id;
  const label = (id: string) => flow.legs.find((l) => l.id === id)?.label ?? id;
  return (
    <section aria-labelledby="rewrites-heading">
      <h2 id="rewrites-heading">What the B2BUAs changed</h2>
      <ul className="plain">
        {rewrites.map((r) => (
          <li key={r.receivedRecordId + r.forwardedRecordId}>
            <strong>
              {name(r.device)}: {r.message}, {label(r.fromLegId)} → {label(r.toLegId)}
            </strong>
            <ul>
              {r.changes.map((c, i) => (
                <li key={i}>{c.detail}</li>
              ))}
            </ul>
            {r.routine.length > 0 && <p className="muted">Rewritten on every hop: {r.routine.join(', ')}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
