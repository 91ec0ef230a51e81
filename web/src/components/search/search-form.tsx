import { TIME_PRESETS, type CallQuery } from '../../lib/call-query';

const FINDINGS = [
  'unacked-2xx',
  'retransmissions',
  'no-final-response',
  'lost-message',
  'cancel-race',
  '487-without-cancel',
  'auth-loop',
  'auth-failed',
  'digest-mismatch',
  'rejected-with-reason',
  'sdp-private-address',
  'sdp-null-address',
  'slow-post-dial-delay',
  'malformed-message',
];

const local = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString().slice(0, 16));

/** A plain GET form: the search lives in the URL, so it can be shared, bookmarked and paged. */
export function SearchForm({ query }: { query: CallQuery }) {
  return (
    <form method="get" action="/calls" role="search" aria-label="Search calls">
      <div className="form-row">
        <label>
          Number (any party)
          <input name="number" defaultValue={query.number} placeholder="+44 1632 960123" inputMode="tel" />
        </label>
        <label>
          Match
          <select name="match" defaultValue={query.match}>
            <option value="exact">whole number (any form)</option>
            <option value="prefix">starts with</option>
            <option value="suffix">ends with</option>
          </select>
        </label>
        <label>
          When
          <select name="preset" defaultValue={String(query.preset)}>
            {TIME_PRESETS.map((p) => (
              <option key={p.minutes} value={p.minutes}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          From (UTC)
          <input type="datetime-local" name="since" defaultValue={local(query.since)} />
        </label>
        <label>
          To (UTC)
          <input type="datetime-local" name="until" defaultValue={local(query.until)} />
        </label>
      </div>
      <div className="form-row">
        <label>
          Device
          <input name="device" defaultValue={query.device} placeholder="cs-b" />
        </label>
        <label>
          Final status
          <input
            name="status"
            defaultValue={query.status ?? (query.statusClass ? `${query.statusClass}xx` : '')}
            placeholder="486 or 4xx"
            size={8}
          />
        </label>
        <label>
          Finding
          <select name="finding" defaultValue={query.finding}>
            <option value="">any</option>
            {FINDINGS.map((f) => (
              <option key={f}>{f}</option>
            ))}
          </select>
        </label>
        <label>
          SIP Call-ID
          <input name="callid" defaultValue={query.sipCallId} />
        </label>
        <label>
          Kind
          <select name="kind" defaultValue={query.kind}>
            <option value="">any</option>
            {['call', 'registration', 'options', 'message', 'subscription', 'other'].map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary">
          Search
        </button>
        <a href="/calls">Clear</a>
      </div>
    </form>
  );
}
