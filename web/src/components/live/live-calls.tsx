'use client';

import type { CallSummary } from '@sipflow/proto';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';

interface LiveEvent {
  kind: 'created' | 'updated' | 'removed';
  call: CallSummary;
}

const MAX = 200;

/** Calls as they happen, newest on top; the filter narrows the feed on the server. */
export function LiveCalls({ initialNumber = '' }: { initialNumber?: string }) {
  const [number, setNumber] = useState(initialNumber);
  const [applied, setApplied] = useState(initialNumber);
  const [calls, setCalls] = useState<CallSummary[]>([]);
  const [state, setState] = useState<'connecting' | 'live' | 'problem'>('connecting');
  const [problem, setProblem] = useState('');
  const url = useMemo(() => `/live/events${applied ? `?number=${encodeURIComponent(applied)}` : ''}`, [applied]);
  useEffect(() => {
    setState('connecting');
    const source = new EventSource(url);
    source.addEventListener('ready', () => setState('live'));
    source.addEventListener('call', (e) => {
      const event = JSON.parse((e as MessageEvent<string>).data) as LiveEvent;
      setCalls((list) => {
        const rest = list.filter((c) => c.id !== event.call.id);
        return event.kind === 'removed' ? rest : [event.call, ...rest].slice(0, MAX);
      });
    });
    source.addEventListener('problem', (e) => {
      setProblem((JSON.parse((e as MessageEvent<string>).data) as { message: string }).message);
      setState('problem');
    });
    source.onerror = () => setState((s) => (s === 'problem' ? s : 'connecting'));
    return () => source.close();
  }, [url]);
  return (
    <>
      <form
        className="form-row"
        onSubmit={(e) => {
          e.preventDefault();
          setCalls([]);
          setApplied(number.trim());
        }}
      >
        <label>
          Number (any written form, or its last digits)
          <input value={number} onChange={(e) => setNumber(e.target.value)} inputMode="tel" />
        </label>
        <button type="submit">Filter</button>
        <span role="status" data-testid="live-state">
          {state === 'live' ? '● live' : state === 'connecting' ? 'connecting…' : `stopped: ${problem}`}
        </span>
      </form>
      {calls.length === 0 ? (
        <p className="muted">Waiting for calls…</p>
      ) : (
        <ul className="live-list" data-testid="live-calls" aria-live="polite">
          {calls.map((c) => (
            <li key={c.id}>
              <Link href={`/calls/${encodeURIComponent(c.id)}`}>
                {new Date(c.startUs / 1000).toISOString().slice(11, 19)} {c.caller} → {c.callee}
              </Link>{' '}
              <span className="muted">
                {c.kind} · {c.outcome}
                {c.finalStatus ? ` ${c.finalStatus}` : ''} · {c.legCount} legs · {c.deviceNames.join(', ')}
              </span>
              {c.open && <span className="badge">open</span>}
              {c.findingCount > 0 && <span className="badge bad">{c.findingCodes.join(', ')}</span>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
