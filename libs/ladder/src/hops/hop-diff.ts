import { canonicalNumber, type NumberPlan } from '@sipflow/correlation';
import { canonicalHeaderName, type NameAddr, type Sdp, type SdpMedia, type SipMessage } from '@sipflow/sip';

/** One thing a device changed in a message it passed on. */
export interface HopChange {
  kind:
    | 'status'
    | 'request-uri'
    | 'number'
    | 'display-name'
    | 'header-added'
    | 'header-removed'
    | 'header-changed'
    | 'codec-dropped'
    | 'codec-added'
    | 'media-address'
    | 'media-port'
    | 'media-direction'
    | 'media-stream'
    | 'sdp';
  /** Header or SDP line it concerns, as people name it: 'From', 'P-Asserted-Identity', 'm=audio'. */
  field: string;
  before?: string;
  after?: string;
  /** The change in words: "caller number written nationally: +441632960123 → 01632960123 (same number)". */
  detail: string;
}

/** What a device changed between the message it received and the one it sent on. */
export interface HopDiff {
  changes: HopChange[];
  /**
   * Headers every hop rewrites by design (a B2BUA starts a new dialog: Via, Call-ID, tags, CSeq,
   * Contact, Max-Forwards…): named, not itemised.
   */
  routine: string[];
}

/** Headers a B2BUA or proxy rewrites on every hop (RFC 3261 §16.6, §12.1.2, §8.1.1). */
const ROUTINE = new Set([
  'via',
  'call-id',
  'cseq',
  'contact',
  'max-forwards',
  'content-length',
  'record-route',
  'route',
  'authorization',
  'proxy-authorization',
  'date',
  'user-agent',
  'server',
]);

/** Identity headers whose numbers support staff follow through a call. */
const PARTY_HEADERS: readonly [string, string][] = [
  ['from', 'From'],
  ['to', 'To'],
  ['p-asserted-identity', 'P-Asserted-Identity'],
  ['p-preferred-identity', 'P-Preferred-Identity'],
  ['remote-party-id', 'Remote-Party-ID'],
  ['diversion', 'Diversion'],
  ['history-info', 'History-Info'],
];

const DIALOG_PARTIES = new Set(['from', 'to', 'diversion', 'history-info']);

const ROLE: Readonly<Record<string, string>> = {
  from: 'caller',
  'p-asserted-identity': 'asserted caller',
  'p-preferred-identity': 'preferred caller',
  'remote-party-id': 'caller (Remote-Party-ID)',
  to: 'called',
  diversion: 'diverting',
  'history-info': 'history',
};

/**
 * The differences between a message a device received and the one it sent on in its place (the
 * INVITE a B2BUA forwarded, or the answer it passed back): numbers (CLI rewritten, +44 against 0),
 * headers added, removed or changed, and the SDP (codecs dropped, media addresses replaced, as a
 * media relay does). Headers that change on every hop by design are listed apart, not as changes.
 */
export function diffForwarded(received: SipMessage, forwarded: SipMessage, plan?: NumberPlan): HopDiff {
  const changes: HopChange[] = [];
  if (received.kind === 'request' && forwarded.kind === 'request') {
    const before = received.requestUri;
    const after = forwarded.requestUri;
    if ((before.user ?? '') !== (after.user ?? '')) {
      changes.push(numberChange('request-uri', 'Request-URI', 'dialled', before.user, after.user, plan));
    }
  }
  if (received.kind === 'response' && forwarded.kind === 'response' && received.status !== forwarded.status) {
    const [a, b] = [`${received.status} ${received.reason}`.trim(), `${forwarded.status} ${forwarded.reason}`.trim()];
    changes.push({ kind: 'status', field: 'Status', before: a, after: b, detail: `${a} passed back as ${b}` });
  }
  const partyNames = new Set(PARTY_HEADERS.map(([name]) => name));
  // A response's From, To and their relatives repeat its own leg's request (RFC 3261 §8.2.6.2):
  // only the identity it asserts back (connected line, RFC 4916) is the device's doing.
  const compared = received.kind === 'response' ? PARTY_HEADERS.filter(([n]) => !DIALOG_PARTIES.has(n)) : PARTY_HEADERS;
  for (const [name, label] of compared) {
    const was = parties(received, name);
    const now = parties(forwarded, name);
    if (was.length === 0 && now.length === 0) continue;
    if (was.length === 0 || now.length === 0) {
      changes.push({
        kind: was.length === 0 ? 'header-added' : 'header-removed',
        field: label,
        ...(was.length ? { before: was.map((p) => p.raw).join(', ') } : { after: now.map((p) => p.raw).join(', ') }),
        detail: was.length === 0 ? `${label} added: ${now.map(shortParty).join(', ')}` : `${label} removed`,
      });
      continue;
    }
    const [a, b] = [was[0]!, now[0]!];
    if ((a.uri.user ?? '') !== (b.uri.user ?? '')) {
      changes.push(numberChange('number', label, ROLE[name] ?? name, a.uri.user, b.uri.user, plan));
    }
    if ((a.displayName ?? '') !== (b.displayName ?? '')) {
      changes.push({
        kind: 'display-name',
        field: label,
        before: a.displayName ?? '',
        after: b.displayName ?? '',
        detail: `${label} display name ${a.displayName ? `"${a.displayName}"` : '(none)'} → ${b.displayName ? `"${b.displayName}"` : '(none)'}`,
      });
    }
  }
  changes.push(...headerChanges(received, forwarded, partyNames));
  changes.push(...sdpChanges(received.sdp(), forwarded.sdp()));
  return { changes, routine: routineHeaders(received, forwarded) };
}

function numberChange(
  kind: 'number' | 'request-uri',
  field: string,
  role: string,
  before: string | undefined,
  after: string | undefined,
  plan: NumberPlan | undefined,
): HopChange {
  const a = canonicalNumber(before, plan);
  const b = canonicalNumber(after, plan);
  const form = (user: string | undefined) =>
    user?.startsWith('+')
      ? 'internationally'
      : user?.startsWith('00')
        ? 'with 00'
        : user?.startsWith('0')
          ? 'nationally'
          : 'as digits';
  const detail =
    a !== undefined && a === b
      ? `${role} number written ${form(after)}: ${before} → ${after} (same number)`
      : a !== undefined && b !== undefined && (a.endsWith(b) || b.endsWith(a))
        ? `${role} number shortened or extended: ${before} → ${after}`
        : `${role} ${a !== undefined || b !== undefined ? 'number' : 'user'} replaced: ${before ?? '(none)'} → ${after ?? '(none)'}`;
  return { kind, field, before: before ?? '', after: after ?? '', detail };
}

function parties(message: SipMessage, name: string): NameAddr[] {
  if (name === 'from') return [message.from];
  if (name === 'to') return [message.to];
  return message.nameAddrs(name);
}

const shortParty = (p: NameAddr) => (p.displayName ? `"${p.displayName}" ` : '') + (p.uri.user ?? p.uri.host);

/** Values by canonical header name, in order. */
function headerValues(message: SipMessage): Map<string, { label: string; values: string[] }> {
  const map = new Map<string, { label: string; values: string[] }>();
  for (const [written, value] of message.headers.entries()) {
    const name = canonicalHeaderName(written);
    const entry = map.get(name) ?? { label: written.length === 1 ? titleCase(name) : written, values: [] };
    entry.values.push(value);
    map.set(name, entry);
  }
  return map;
}

function headerChanges(received: SipMessage, forwarded: SipMessage, skip: ReadonlySet<string>): HopChange[] {
  const was = headerValues(received);
  const now = headerValues(forwarded);
  const changes: HopChange[] = [];
  for (const [name, { label, values }] of was) {
    if (ROUTINE.has(name) || skip.has(name) || name === 'content-type') continue;
    const after = now.get(name);
    if (!after) {
      changes.push({ kind: 'header-removed', field: label, before: values.join(', '), detail: `${label} removed` });
    } else if (values.join('\n') !== after.values.join('\n')) {
      changes.push({
        kind: 'header-changed',
        field: label,
        before: values.join(', '),
        after: after.values.join(', '),
        detail: `${label} changed`,
      });
    }
  }
  for (const [name, { label, values }] of now) {
    if (ROUTINE.has(name) || skip.has(name) || name === 'content-type' || was.has(name)) continue;
    changes.push({
      kind: 'header-added',
      field: label,
      after: values.join(', '),
      detail: `${label} added: ${values.join(', ')}`,
    });
  }
  return changes;
}

function routineHeaders(received: SipMessage, forwarded: SipMessage): string[] {
  const was = headerValues(received);
  const now = headerValues(forwarded);
  const routine: string[] = [];
  for (const name of new Set([...was.keys(), ...now.keys()])) {
    if (!ROUTINE.has(name)) continue;
    const a = was.get(name)?.values.join('\n');
    const b = now.get(name)?.values.join('\n');
    if (a !== b) routine.push((was.get(name) ?? now.get(name))!.label);
  }
  return routine;
}

const codecName = (c: { name: string; clockRate?: number }) => `${c.name}${c.clockRate ? `/${c.clockRate}` : ''}`;
const address = (sdp: Sdp, m: SdpMedia) => (m.connection ?? sdp.connection)?.address;

function sdpChanges(before: Sdp | undefined, after: Sdp | undefined): HopChange[] {
  if (!before && !after) return [];
  if (!before || !after) {
    return [
      {
        kind: 'sdp',
        field: 'SDP',
        detail: before ? 'SDP removed: the device sent the message on without a body' : 'SDP added by the device',
      },
    ];
  }
  const changes: HopChange[] = [];
  const count = Math.max(before.media.length, after.media.length);
  for (let i = 0; i < count; i++) {
    const a = before.media[i];
    const b = after.media[i];
    const field = `m=${(a ?? b)!.type}`;
    if (!a || !b) {
      changes.push({ kind: 'media-stream', field, detail: `${field} stream ${a ? 'removed' : 'added'}` });
      continue;
    }
    const was = a.codecs.map(codecName);
    const now = b.codecs.map(codecName);
    const dropped = was.filter((c) => !now.includes(c));
    const added = now.filter((c) => !was.includes(c));
    if (dropped.length)
      changes.push({
        kind: 'codec-dropped',
        field,
        before: was.join(' '),
        after: now.join(' '),
        detail: `codecs dropped: ${dropped.join(', ')} (offered ${was.join(', ')}; passed on ${now.join(', ') || 'none'})`,
      });
    if (added.length)
      changes.push({
        kind: 'codec-added',
        field,
        before: was.join(' '),
        after: now.join(' '),
        detail: `codecs added: ${added.join(', ')}`,
      });
    const [ia, ib] = [address(before, a), address(after, b)];
    if (ia !== ib)
      changes.push({
        kind: 'media-address',
        field: `c= (${field})`,
        before: ia ?? '',
        after: ib ?? '',
        detail: `media address replaced: ${ia ?? '(none)'} → ${ib ?? '(none)'} (the device relays the media, or rewrites it for NAT)`,
      });
    if (a.port !== b.port)
      changes.push({
        kind: 'media-port',
        field,
        before: String(a.port),
        after: String(b.port),
        detail: `media port ${a.port} → ${b.port}`,
      });
    if (a.direction !== b.direction)
      changes.push({
        kind: 'media-direction',
        field,
        before: a.direction,
        after: b.direction,
        detail: `media direction ${a.direction} → ${b.direction}`,
      });
  }
  return changes;
}

const titleCase = (name: string) =>
  name
    .split('-')
    .map((part) => (part === 'id' ? 'ID' : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('-');
