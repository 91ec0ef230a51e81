/**
 * The parsers compared, each wrapped to do the same work: parse one message from its bytes and
 * read what a correlator needs (method or status, Call-ID, From and To tags, CSeq, top Via branch).
 * A wrapper returns undefined when the parser rejects the message (or throws).
 */
import { createRequire } from 'node:module';
import { parseSipMessage } from '@sipflow/sip';

/** The peers ship CommonJS without types: loaded through createRequire and read loosely. */
const load = createRequire(__filename);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

export type ParseFn = (bytes: Buffer) => string | undefined;

export interface Contender {
  name: string;
  /** npm package and version, for the report. */
  package: string;
  load(): Promise<ParseFn>;
}

const version = (pkg: string): string => {
  try {
    return `${pkg}@${(load(`${pkg}/package.json`) as { version: string }).version}`;
  } catch {
    return pkg;
  }
};

type Params = { params?: Record<string, string | undefined> } | undefined;
const tagOf = (h: Params) => h?.params?.tag ?? '';

export const contenders: Contender[] = [
  {
    name: 'sipflow',
    package: '@sipflow/sip',
    load: async () => (bytes) => {
      const r = parseSipMessage(bytes);
      if (!r.ok) return undefined;
      const m = r.message;
      const head = m.kind === 'request' ? m.method : String(m.status);
      return `${head} ${m.callId} ${m.from.tag} ${m.to.tag} ${m.cseq.seq} ${m.cseq.method} ${m.via[0]?.branch}`;
    },
  },
  {
    name: 'sip',
    package: version('sip'),
    load: async () => {
      const sip = load('sip') as { parse(data: Buffer): Loose | undefined };
      return (bytes) => {
        const m = sip.parse(bytes);
        if (!m) return undefined;
        const h = m.headers;
        return `${m.method ?? m.status} ${h['call-id']} ${tagOf(h.from)} ${tagOf(h.to)} ${h.cseq?.seq} ${h.cseq?.method} ${h.via?.[0]?.params?.branch}`;
      };
    },
  },
  {
    name: 'jssip',
    package: version('jssip'),
    load: async () => {
      // JsSIP's own Parser module (lib/Parser.js), as its transport layer calls it.
      const parser = load('jssip/lib/Parser') as { parseMessage(data: string, ua: unknown): Loose | undefined };
      silenceJssip();
      return (bytes) => {
        const m = parser.parseMessage(bytes.toString('utf8'), undefined);
        if (!m) return undefined;
        return `${m.method ?? m.status_code} ${m.call_id} ${m.from_tag} ${m.to_tag} ${m.cseq} ${m.method ?? ''} ${m.via_branch}`;
      };
    },
  },
  {
    name: 'sip.js',
    package: version('sip.js'),
    load: async () => {
      const { Core } = (await import('sip.js')) as unknown as {
        Core: { Parser: { parseMessage(data: string, logger: unknown): Loose | undefined } };
      };
      const logger = { warn() {}, error() {}, log() {}, debug() {} };
      return (bytes) => {
        const m = Core.Parser.parseMessage(bytes.toString('utf8'), logger);
        if (!m) return undefined;
        return `${m.method ?? m.statusCode} ${m.callId} ${m.fromTag} ${m.toTag} ${m.cseq} ${m.method ?? ''} ${m.viaBranch}`;
      };
    },
  },
  {
    name: 'drachtio-sip',
    package: version('drachtio-sip'),
    load: async () => {
      // drachtio-srf's way: a lazy SipMessage, then the parsed headers it needs.
      const { SipMessage } = load('drachtio-sip') as {
        SipMessage: new (raw: string) => {
          method?: string;
          status?: number;
          get(h: string): string;
          getParsedHeader(h: string): Loose | undefined;
        };
      };
      return (bytes) => {
        const m = new SipMessage(bytes.toString('utf8'));
        const cseq = m.getParsedHeader('cseq');
        const via = m.getParsedHeader('via');
        return `${m.method ?? m.status} ${m.get('call-id')} ${tagOf(m.getParsedHeader('from'))} ${tagOf(m.getParsedHeader('to'))} ${cseq?.seq} ${cseq?.method} ${via?.[0]?.params?.branch}`;
      };
    },
  },
  {
    name: 'floor (line ends only)',
    package: '-',
    load: async () => (bytes) => {
      // The least any parser must do: find every line end.
      let lines = 0;
      for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
      return lines > 0 ? String(lines) : undefined;
    },
  },
];

/** JsSIP logs through `debug`; keep its warnings about rejected messages off the benchmark's output. */
function silenceJssip(): void {
  try {
    (load('debug') as { disable(): void }).disable();
  } catch {
    // debug not resolvable from here: JsSIP stays as it is (it logs only when DEBUG is set).
  }
}
