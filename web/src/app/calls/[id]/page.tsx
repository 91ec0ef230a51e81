import { AccessTrailPanel } from '../../../components/call/access-trail-panel';
import { ClocksPanel } from '../../../components/call/clocks-panel';
import { EvidencePanel } from '../../../components/call/evidence-panel';
import { FindingsPanel } from '../../../components/call/findings-panel';
import { LegTable } from '../../../components/call/leg-table';
import { HoldsPanel } from '../../../components/call/holds-panel';
import { RewritesPanel } from '../../../components/call/rewrites-panel';
import { SharePanel } from '../../../components/call/share-panel';
import { LadderDiagram } from '../../../components/ladder/ladder-diagram';
import { formatDuration } from '../../../components/ladder/ladder-layout';
import { ladderProps } from '../../../lib/ladder-props';
import { ApiProblem } from '../../../components/shell/api-problem';
import { load } from '../../../server/api/api';
import { callFlow } from '../../../server/api/calls';
import { accessTrail, shareLinks } from '../../../server/api/diagnostics';
import { may, requireSession } from '../../../server/session';

export const metadata = { title: 'Call · sipflow' };

export default async function CallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id: raw } = await params;
  const id = decodeURIComponent(raw);
  const path = `/calls/${encodeURIComponent(id)}`;
  const session = await requireSession(path);
  const result = await load(path, () => callFlow(session, id));
  if (!result.ok || !result.value)
    return (
      <>
        <h1>Call</h1>
        {result.ok ? (
          <p role="alert" className="problem" data-testid="api-problem">
            There is no call {id}.
          </p>
        ) : (
          <ApiProblem error={result.error} what="this call" />
        )}
      </>
    );
  const flow = result.value;
  const call = flow.call;
  const callId = call?.id ?? id;
  const base = `/calls/${encodeURIComponent(callId)}`;
  // Staff see who touched the call; everyone sees the share links they may revoke.
  const staff = may(session, 'live:watch');
  const [trail, links] = await Promise.all([
    staff ? load(path, () => accessTrail(session, callId)) : undefined,
    load(path, () => shareLinks(session, callId)),
  ]);
  const linksInForce = links.ok ? links.value : [];
  const follow = [call?.caller, call?.callee].filter((n): n is string => !!n && /\d{3}/.test(n));
  return (
    <>
      <h1>
        {call ? `${call.caller} → ${call.callee}` : id}{' '}
        <span className="muted">
          {call?.outcome}
          {call?.finalStatus ? ` ${call.finalStatus}` : ''} · {formatDuration(flow.endUs - flow.startUs)} ·{' '}
          {flow.legs.length} legs · {flow.devices.length} devices ·{' '}
          {new Date(flow.startUs / 1000).toISOString().replace('T', ' ').slice(0, 23)} UTC
        </span>
      </h1>
      <p className="form-row">
        {follow.length > 0 && staff && (
          <>
            <span className="muted">Follow live:</span>
            {follow.map((n) => (
              <a key={n} href={`/live?number=${encodeURIComponent(n)}`}>
                {n}
              </a>
            ))}
          </>
        )}
        <span className="muted">Download:</span>
        <a href={`${base}/download?format=text`} download>
          text
        </a>
        <a href={`${base}/download?format=json`} download>
          JSON
        </a>
      </p>
      <LadderDiagram flow={ladderProps(flow)} messageUrl={`${base}/messages`} />
      <div className="panels">
        <FindingsPanel flow={flow} />
        <ClocksPanel flow={flow} />
      </div>
      <LegTable flow={flow} />
      <div className="panels">
        <EvidencePanel flow={flow} canCorrect={may(session, 'calls:correct')} />
        <RewritesPanel flow={flow} />
      </div>
      {staff && (
        <div className="panels">
          <HoldsPanel flow={flow} canHold={may(session, 'calls:correct')} nowMs={Date.now()} />
          <SharePanel callId={callId} links={linksInForce} staff={staff} />
        </div>
      )}
      {!staff && <SharePanel callId={callId} links={linksInForce} staff={false} />}
      {trail?.ok && <AccessTrailPanel entries={trail.value} />}
    </>
  );
}
