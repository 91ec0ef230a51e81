import type { CallFlow, FlowLink } from '@sipflow/proto';
import { joinCallsAction, splitLegAction, undoCorrectionAction } from '../../app/calls/[id]/actions';
import { ActionForm } from '../shell/action-form';
import { formatClock } from '../ladder/ladder-layout';

/** A leg as the ladder names it (L3, in its colour), or by id if a correction took it to another call. */
function LegName({ flow, id }: { flow: CallFlow; id: string }) {
  const leg = flow.legs.find((l) => l.id === id);
  if (!leg)
    return (
      <span className="leg-name" title={`leg ${id}`}>
        a leg now in another call <span className="mono muted">({id.slice(0, 8)}…)</span>
      </span>
    );
  return (
    <span className="leg-name">
      <span className="swatch" style={{ background: leg.colour }} aria-hidden="true" />
      {leg.label}
    </span>
  );
}

function LinkEvidenceItem({ flow, link, overruled }: { flow: CallFlow; link: FlowLink; overruled?: boolean }) {
  const device = flow.devices.find((d) => d.id === link.device)?.name ?? link.device;
  return (
    <li className={overruled ? 'overruled' : undefined} data-testid={overruled ? 'overruled-link' : 'link'}>
      <LegName flow={flow} id={link.legIds[0] ?? ''} /> ↔ <LegName flow={flow} id={link.legIds[1] ?? ''} />{' '}
      <strong>{link.kind}</strong>
      {device ? ` at ${device}` : ''} <span className="muted">({Math.round(link.confidence * 100)}%)</span>
      <ul className="evidence">
        {link.evidence.map((e, i) => (
          <li key={i}>
            <span className="badge">{e.signal}</span> {e.detail}
          </li>
        ))}
      </ul>
    </li>
  );
}

/**
 * Why these legs are one call: every automatic link with its evidence, and beside it the
 * corrections made by hand (who, when, why, which automatic links they overruled), with the forms to
 * split a leg out, join another call, or withdraw a correction for those allowed to (calls:correct).
 */
export function EvidencePanel({ flow, canCorrect }: { flow: CallFlow; canCorrect: boolean }) {
  const callId = flow.call?.id ?? '';
  const hidden = <input type="hidden" name="callId" value={callId} />;
  return (
    <section aria-labelledby="evidence-heading" data-testid="evidence">
      <h2 id="evidence-heading">Why these legs are one call</h2>
      {flow.links.length === 0 ? (
        <p className="muted">One leg: nothing links it to another.</p>
      ) : (
        <ul className="plain links">
          {flow.links.map((l) => (
            <LinkEvidenceItem key={`${l.legIds.join('-')}-${l.kind}`} flow={flow} link={l} />
          ))}
        </ul>
      )}
      {flow.corrections.length > 0 && (
        <>
          <h3>Corrected by hand</h3>
          <ul className="plain corrections" data-testid="corrections">
            {flow.corrections.map((c) => (
              <li key={c.id} data-testid="correction">
                <strong>{c.action}</strong>{' '}
                {c.legIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 && ' + '}
                    <LegName flow={flow} id={id} />
                  </span>
                ))}{' '}
                by {c.author} at {formatClock(c.atUs)} — “{c.reason}”
                {c.overruled.length > 0 && (
                  <>
                    <div className="muted">Automatic links it overruled:</div>
                    <ul className="plain">
                      {c.overruled.map((l) => (
                        <LinkEvidenceItem key={`${l.legIds.join('-')}-${l.kind}`} flow={flow} link={l} overruled />
                      ))}
                    </ul>
                  </>
                )}
                {canCorrect && (
                  <ActionForm action={undoCorrectionAction} label="Undo">
                    {hidden}
                    <input type="hidden" name="correctionId" value={c.id} />
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {canCorrect && (
        <>
          <h3>Correct the grouping</h3>
          <ActionForm action={splitLegAction} label="Split leg out">
            {hidden}
            <label>
              Leg
              <select name="leg" defaultValue={flow.legs[flow.legs.length - 1]?.label}>
                {flow.legs.map((l) => (
                  <option key={l.id} value={l.label}>
                    {l.label} · {l.sipCallId}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Reason
              <input name="reason" required minLength={3} placeholder="not part of this call: …" />
            </label>
          </ActionForm>
          <ActionForm action={joinCallsAction} label="Join call">
            {hidden}
            <label>
              Other call (sipflow id or SIP Call-ID)
              <input name="other" required className="mono" />
            </label>
            <label>
              Reason
              <input name="reason" required minLength={3} placeholder="same customer call: …" />
            </label>
          </ActionForm>
        </>
      )}
    </section>
  );
}
