import type {
  Sdp,
  SdpAttribute,
  SdpCodec,
  SdpConnection,
  SdpCrypto,
  SdpDirection,
  SdpMedia,
  SdpOrigin,
} from '../model/sdp';
import { staticCodec } from './static-payload-types';

const DIRECTIONS: ReadonlySet<string> = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

interface MediaDraft {
  media: SdpMedia;
  direction?: SdpDirection;
  rtpmap: Map<number, SdpCodec>;
  fmtp: Map<number, string>;
}

/**
 * Parses an SDP session description (RFC 8866 §5): `<type>=<value>` lines, CRLF or LF. Lines it
 * does not use (t=, b=, k=…) are skipped; malformed lines are skipped too, so it never throws.
 * Returns undefined when the text has no SDP line at all.
 */
export function parseSdp(text: string): Sdp | undefined {
  const sdp: Sdp = { media: [], attributes: [], raw: text };
  let sessionDirection: SdpDirection | undefined;
  let current: MediaDraft | undefined;
  const drafts: MediaDraft[] = [];
  let lines = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.length < 2 || line.charCodeAt(1) !== 0x3d) continue;
    lines++;
    const value = line.slice(2);
    switch (line[0]) {
      case 'v': {
        const v = Number(value);
        if (Number.isInteger(v)) sdp.version = v;
        break;
      }
      case 'o':
        sdp.origin = parseOrigin(value);
        break;
      case 's':
        if (!current) sdp.sessionName = value;
        break;
      case 'c': {
        const connection = parseConnection(value);
        if (connection && current) current.media.connection = connection;
        else if (connection) sdp.connection = connection;
        break;
      }
      case 'm': {
        const media = parseMediaLine(value);
        if (media) {
          current = { media, rtpmap: new Map(), fmtp: new Map() };
          drafts.push(current);
        }
        break;
      }
      case 'a': {
        const attribute = parseAttribute(value);
        if (current) {
          current.media.attributes.push(attribute);
          applyMediaAttribute(current, attribute);
        } else {
          sdp.attributes.push(attribute);
          if (DIRECTIONS.has(attribute.name)) sessionDirection = attribute.name as SdpDirection;
        }
        break;
      }
    }
  }
  if (lines === 0) return undefined;
  if (sessionDirection) sdp.direction = sessionDirection;
  for (const draft of drafts) {
    draft.media.direction = draft.direction ?? sessionDirection ?? 'sendrecv';
    draft.media.codecs = codecsOf(draft);
    sdp.media.push(draft.media);
  }
  return sdp;
}

function fields(value: string): string[] {
  return value.split(/[ \t]+/).filter((f) => f.length > 0);
}

/** o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address> (§5.2). */
function parseOrigin(value: string): SdpOrigin | undefined {
  const f = fields(value);
  if (f.length < 6) return undefined;
  return { username: f[0]!, sessionId: f[1]!, sessionVersion: f[2]!, netType: f[3]!, addrType: f[4]!, address: f[5]! };
}

/** c=<nettype> <addrtype> <connection-address>, the address without a /ttl or /count suffix (§5.7). */
function parseConnection(value: string): SdpConnection | undefined {
  const f = fields(value);
  if (f.length < 3) return undefined;
  const address = f[2]!;
  const slash = address.indexOf('/');
  return { netType: f[0]!, addrType: f[1]!, address: slash === -1 ? address : address.slice(0, slash) };
}

/** m=<media> <port>[/<number of ports>] <proto> <fmt> ... (§5.14). */
function parseMediaLine(value: string): SdpMedia | undefined {
  const f = fields(value);
  if (f.length < 3) return undefined;
  const port = Number(f[1]!.split('/')[0]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return undefined;
  return {
    type: f[0]!,
    port,
    protocol: f[2]!,
    formats: f.slice(3),
    direction: 'sendrecv',
    codecs: [],
    crypto: [],
    attributes: [],
  };
}

function parseAttribute(value: string): SdpAttribute {
  const colon = value.indexOf(':');
  return colon === -1 ? { name: value, value: null } : { name: value.slice(0, colon), value: value.slice(colon + 1) };
}

function applyMediaAttribute(draft: MediaDraft, attribute: SdpAttribute): void {
  const { name, value } = attribute;
  if (DIRECTIONS.has(name)) draft.direction = name as SdpDirection;
  else if (name === 'rtpmap' && value !== null) {
    // a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>] (§6.6)
    const m = /^(\d+)[ \t]+([^/ \t]+)(?:\/(\d+))?(?:\/(\d+))?/.exec(value);
    if (m) {
      draft.rtpmap.set(Number(m[1]), {
        payloadType: Number(m[1]),
        name: m[2]!,
        clockRate: m[3] === undefined ? undefined : Number(m[3]),
        channels: m[4] === undefined ? undefined : Number(m[4]),
      });
    }
  } else if (name === 'fmtp' && value !== null) {
    const m = /^(\d+)[ \t]+(.*)$/.exec(value);
    if (m) draft.fmtp.set(Number(m[1]), m[2]!);
  } else if (name === 'crypto' && value !== null) {
    const crypto = parseCrypto(value);
    if (crypto) draft.media.crypto.push(crypto);
  }
}

/** a=crypto:<tag> <crypto-suite> <key-params> [<session-params>] (RFC 4568 §9.1). */
function parseCrypto(value: string): SdpCrypto | undefined {
  const f = fields(value);
  const tag = Number(f[0]);
  if (f.length < 3 || !Number.isInteger(tag)) return undefined;
  return { tag, suite: f[1]!, keyParams: f[2]!, sessionParams: f.length > 3 ? f.slice(3).join(' ') : undefined };
}

function codecsOf(draft: MediaDraft): SdpCodec[] {
  const codecs: SdpCodec[] = [];
  if (!/RTP/i.test(draft.media.protocol)) return codecs;
  for (const format of draft.media.formats) {
    if (!/^\d{1,3}$/.test(format)) continue;
    const pt = Number(format);
    const codec = draft.rtpmap.get(pt) ?? staticCodec(pt);
    if (!codec) continue;
    const fmtp = draft.fmtp.get(pt);
    codecs.push(fmtp === undefined ? codec : { ...codec, fmtp });
  }
  return codecs;
}
