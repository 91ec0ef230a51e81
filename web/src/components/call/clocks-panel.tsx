import type { CallFlow } from '@sipflow/proto';
import { formatDuration } from '../ladder/ladder-layout';

const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`;

/** Device clock offsets against the reference device and the one-way delay of each hop. */
export function ClocksPanel({ flow }: { flow: CallFlow }) {
  const name = (id: string) => flow.devices.find((c) => c.id === id)?.name ?? id;
  const estimate = flow.clocks;
  const clocks = (estimate?.clocks ?? []).filter((c) => c.basis !== 'reference' && c.basis !== 'unknown');
  const hops = estimate?.hops ?? [];
  if (clocks.length === 0 && hops.length === 0) return null;
  return (
    <section aria-labelledby="clocks-heading">
      <h2 id="clocks-heading">Clocks and hop delays</h2>
      <p className="muted">
        Times are on {estimate?.referenceDevice ? name(estimate.referenceDevice) : 'the first device'}’s clock; the
        other devices’ log times are corrected by these offsets.
      </p>
      <ul className="plain">
        {clocks.map((c) => (
          <li key={c.device}>
            {name(c.device)}: {c.offsetUs >= 0 ? '+' : ''}
            {ms(c.offsetUs)}
            {c.uncertaintyUs !== undefined ? ` ± ${ms(c.uncertaintyUs)}` : ''} ({c.basis}
            {c.resolutionUs >= 1_000_000 ? ', logs whole seconds' : ''})
          </li>
        ))}
        {hops.map((h) => (
          <li key={h.fromDevice + h.toDevice}>
            {name(h.fromDevice)} → {name(h.toDevice)}: {formatDuration(h.medianUs)} one way
            {h.uncertaintyUs !== undefined ? ` ± ${ms(h.uncertaintyUs)}` : ''} ({h.samples} messages)
          </li>
        ))}
      </ul>
    </section>
  );
}
