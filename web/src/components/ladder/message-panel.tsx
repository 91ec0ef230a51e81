'use client';

import type { CallFlow } from '@sipflow/proto';
import { useEffect, useState } from 'react';
import { formatClock, formatRelative } from './ladder-layout';
import { sipLines } from './sip-text';
import { TableHead } from '../shell/table-head';

export interface MessagePanelProps {
  flow: CallFlow;
  messageUrl: string;
  /** Arrow shown, if any. */
  index: number | undefined;
  pinned: boolean;
}

/** What the message route returns (see app/calls/[id]/messages/[recordId]/route.ts). */
export interface MessageText {
  text: string;
  redactions: { kind: string; count: number }[];
}

type Loaded = { recordId: string } & ({ ok: true; message: MessageText } | { ok: false; error: string });

// Texts already fetched, shared by every panel on the page: hovering back and forth costs nothing.
const cache = new Map<string, Promise<Loaded>>();

function load(url: string, recordId: string): Promise<Loaded> {
  const key = `${url}/${recordId}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = fetch(`${url}/${encodeURIComponent(recordId)}`, { headers: { accept: 'application/json' } })
      .then(async (response): Promise<Loaded> => {
        if (!response.ok) return { recordId, ok: false, error: (await response.text()) || response.statusText };
        return { recordId, ok: true, message: (await response.json()) as MessageText };
      })
      .catch((error: unknown) => ({ recordId, ok: false, error: String(error) }));
    cache.set(key, pending);
  }
  return pending;
}

/** The full SIP message behind an arrow, its observations (who logged it, when, which try) and findings. */
export function MessagePanel({ flow, messageUrl, index, pinned }: MessagePanelProps) {
  const arrow = index === undefined ? undefined : flow.messages[index];
  const recordId = arrow?.observations[0]?.recordId ?? arrow?.id;
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  useEffect(() => {
    if (!recordId) return;
    let live = true;
    void load(messageUrl, recordId).then((result) => {
      if (live) setLoaded(result);
    });
    return () => {
      live = false;
    };
  }, [messageUrl, recordId]);

  if (!arrow)
    return (
      <aside className="message-panel empty" aria-label="SIP message">
        <p>Hover over an arrow, or Tab to one, to read its SIP message.</p>
      </aside>
    );
  const leg = flow.legs[arrow.legIndex];
  const findings = flow.findings.filter((f) => f.messageIndexes.includes(index!));
  const deviceName = (id: string) => flow.devices.find((c) => c.id === id)?.name ?? id;
  const current = loaded?.recordId === recordId ? loaded : undefined;
  return (
    <aside className="message-panel" aria-label="SIP message" data-testid="message-panel">
      <header>
        <h3>
          <span className="swatch" style={{ background: leg?.colour }} aria-hidden="true" />
          {leg?.label} {arrow.summary}
          {pinned && <span className="badge">pinned</span>}
        </h3>
        <p className="muted">
          {deviceName(arrow.srcDevice)} → {deviceName(arrow.dstDevice)} · {formatRelative(arrow.relativeUs)} ·{' '}
          {formatClock(arrow.correctedTsUs)} UTC · CSeq {arrow.cseq}
        </p>
      </header>
      {findings.map((f) => (
        <div key={f.code + f.title} className={`finding ${f.severity}`} role="note">
          <strong>{f.title}</strong>
          <p>{f.explanation}</p>
        </div>
      ))}
      <table className="observations">
        <caption>
          Seen {arrow.observations.length}×{arrow.retransmissions ? `, retransmitted ${arrow.retransmissions}×` : ''}
        </caption>
        <TableHead columns={['device', 'dir', 'time (device clock)', 'try']} />
        <tbody>
          {arrow.observations.map((o) => (
            <tr key={o.recordId}>
              <td>{deviceName(o.device)}</td>
              <td>{o.direction}</td>
              <td>{formatClock(o.tsUs)}</td>
              <td>{o.attempt}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!current ? (
        <p className="muted">Loading the message…</p>
      ) : !current.ok ? (
        <p role="alert">The message could not be loaded: {current.error}</p>
      ) : (
        <>
          {current.message.redactions.length > 0 && (
            <p className="muted" data-testid="redactions">
              Hidden for your role: {current.message.redactions.map((r) => `${r.kind} ×${r.count}`).join(', ')}
            </p>
          )}
          <pre className="sip" data-testid="sip-text">
            {sipLines(current.message.text).map((line, i) => (
              <span key={i} className={`sip-${line.kind}`}>
                {line.text}
                {'\n'}
              </span>
            ))}
          </pre>
        </>
      )}
    </aside>
  );
}
