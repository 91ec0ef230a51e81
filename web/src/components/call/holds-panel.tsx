import type { CallFlow } from '@sipflow/proto';
import { holdCallAction, releaseHoldAction } from '../../app/calls/[id]/actions';
import { ActionForm } from '../shell/action-form';

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DEFAULT_HOLD_DAYS = 30;

/**
 * Investigation holds: keep this call past its retention until a date, with a reason (audited);
 * everything else still expires by TTL. Shown to staff; holding needs calls:correct.
 */
export function HoldsPanel({ flow, canHold, nowMs }: { flow: CallFlow; canHold: boolean; nowMs: number }) {
  const callId = flow.call?.id ?? '';
  return (
    <section aria-labelledby="holds-heading" data-testid="holds">
      <h2 id="holds-heading">Investigation hold</h2>
      {flow.holds.length === 0 ? (
        <p className="muted">Not held: this call expires with the normal retention.</p>
      ) : (
        <ul className="plain">
          {flow.holds.map((h) => (
            <li key={h.id} data-testid="hold">
              Held until{' '}
              <strong>{new Date(h.expiresUs / 1000).toISOString().replace('T', ' ').slice(0, 16)} UTC</strong> by{' '}
              {h.author} — “{h.reason}”
              {canHold && (
                <ActionForm action={releaseHoldAction} label="Release hold">
                  <input type="hidden" name="callId" value={callId} />
                  <input type="hidden" name="holdId" value={h.id} />
                </ActionForm>
              )}
            </li>
          ))}
        </ul>
      )}
      {canHold && (
        <ActionForm action={holdCallAction} label="Hold call">
          <input type="hidden" name="callId" value={callId} />
          <label>
            Keep until
            <input
              name="until"
              type="date"
              required
              min={day(nowMs + 86_400_000)}
              defaultValue={day(nowMs + DEFAULT_HOLD_DAYS * 86_400_000)}
            />
          </label>
          <label>
            Reason
            <input name="reason" required minLength={3} placeholder="ticket 4711: carrier dispute" />
          </label>
        </ActionForm>
      )}
    </section>
  );
}
