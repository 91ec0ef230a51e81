/** A call search as the URL carries it, so every search can be shared and bookmarked. */
export interface CallQuery {
  number: string;
  match: 'exact' | 'prefix' | 'suffix';
  /** Minutes back from now ("last 24 h"); 0 = any time. Ignored when `since` is set. */
  preset: number;
  /** ms since the epoch (UTC). */
  since?: number;
  until?: number;
  device: string;
  status?: number;
  statusClass?: number;
  finding: string;
  sipCallId: string;
  kind: string;
  outcome: string;
  /** Page token from the previous page; '' for the first. */
  page: string;
  pageSize: number;
  oldestFirst: boolean;
}

export const TIME_PRESETS: { minutes: number; label: string }[] = [
  { minutes: 15, label: 'last 15 min' },
  { minutes: 60, label: 'last hour' },
  { minutes: 360, label: 'last 6 h' },
  { minutes: 1440, label: 'last 24 h' },
  { minutes: 10_080, label: 'last 7 days' },
  { minutes: 0, label: 'any time' },
];

export const DEFAULT_PRESET = 1440;

type Params = Record<string, string | string[] | undefined>;

const one = (params: Params, name: string): string => {
  const value = params[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
};

/** "2026-11-20T10:15" (as a datetime-local field sends it, read as UTC) or ms → ms. */
function time(value: string): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Reads a query from URL search parameters; anything malformed falls back to its default. */
export function parseCallQuery(params: Params): CallQuery {
  const match = one(params, 'match');
  const status = one(params, 'status').toLowerCase();
  const preset = one(params, 'preset');
  const size = Number(one(params, 'size'));
  return {
    number: one(params, 'number'),
    match: match === 'prefix' || match === 'suffix' ? match : 'exact',
    preset: /^\d+$/.test(preset) ? Number(preset) : DEFAULT_PRESET,
    since: time(one(params, 'since')),
    until: time(one(params, 'until')),
    device: one(params, 'device'),
    // "486" is one code, "4xx" (or "4") a class.
    ...(/^[1-6]\d\d$/.test(status) ? { status: Number(status) } : {}),
    ...(/^[1-6](xx)?$/.test(status) ? { statusClass: Number(status[0]) } : {}),
    finding: one(params, 'finding'),
    sipCallId: one(params, 'callid'),
    kind: one(params, 'kind'),
    outcome: one(params, 'outcome'),
    page: one(params, 'page'),
    pageSize: Number.isInteger(size) && size > 0 && size <= 500 ? size : 50,
    oldestFirst: one(params, 'order') === 'oldest',
  };
}

/** The URL search string of a query, without defaults; `page` overrides the page token. */
export function callQueryString(query: CallQuery, page?: string): string {
  const params = new URLSearchParams();
  const put = (name: string, value: string | number | undefined, skip?: string | number) => {
    if (value !== undefined && value !== '' && value !== skip) params.set(name, String(value));
  };
  put('number', query.number);
  put('match', query.match, 'exact');
  if (query.since === undefined) put('preset', query.preset, DEFAULT_PRESET);
  put('since', query.since !== undefined ? new Date(query.since).toISOString().slice(0, 16) : undefined);
  put('until', query.until !== undefined ? new Date(query.until).toISOString().slice(0, 16) : undefined);
  put('device', query.device);
  put('status', query.status ?? (query.statusClass !== undefined ? `${query.statusClass}xx` : undefined));
  put('finding', query.finding);
  put('callid', query.sipCallId);
  put('kind', query.kind);
  put('outcome', query.outcome);
  put('size', query.pageSize, 50);
  put('order', query.oldestFirst ? 'oldest' : undefined);
  put('page', page ?? query.page);
  const text = params.toString();
  return text ? `?${text}` : '';
}
