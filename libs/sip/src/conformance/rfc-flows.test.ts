import { listCorpus, readCorpusFile } from '@sipflow/corpus';
import { describe, expect, it } from 'vitest';
import type { SipMessage } from '../model/message';
import { parseSipMessage } from '../parser/parse-sip-message';
import { yamlMessages } from './test/corpus';

// RFC 3665 call flows (corpus/SOURCES.md § rfc3665/: raw/ holds each message as its own CRLF file,
// derived from php-sip's YAML) and the example flows of RFC 3327, 3515, 4916 and 5626
// (§ rfc-other/, same YAML format). Every message must parse, and the structured fields must agree
// with a plain reading of the text.

/** Call-ID, CSeq and method/status as a naive line reader sees them. */
function expectedFields(text: string): { callId?: string; cseq?: [number, string]; first: string } {
  const lines = text.split('\r\n');
  const header = (re: RegExp) =>
    lines
      .find((line) => re.test(line))
      ?.replace(re, '')
      .trim();
  const cseq = header(/^CSeq\s*:/i)?.split(/\s+/);
  return {
    callId: header(/^(Call-ID|i)\s*:/i),
    cseq: cseq ? [Number(cseq[0]), cseq[1]!] : undefined,
    first: lines[0]!,
  };
}

function checkAgainstText(text: string, message: SipMessage): void {
  const expected = expectedFields(text);
  expect(message.callId).toBe(expected.callId ?? '');
  if (expected.cseq) expect([message.cseq.seq, message.cseq.method]).toEqual(expected.cseq);
  if (message.kind === 'request') {
    expect(expected.first.startsWith(`${message.method} `)).toBe(true);
    if (expected.cseq) expect(message.cseq.method).toBe(message.method);
  } else {
    expect(expected.first.startsWith(`SIP/2.0 ${message.status} `)).toBe(true);
  }
  expect(message.via.length).toBe(text.split('\r\n').filter((line) => /^(Via|v)\s*:/i.test(line)).length);
}

const rawFiles = listCorpus('rfc3665/raw').flatMap((flow) =>
  listCorpus(`rfc3665/raw/${flow}`, '.sip').map((file) => `rfc3665/raw/${flow}/${file}`),
);

describe('RFC 3665 call flows, one message per file (rfc3665/raw)', () => {
  it('has the 193 files', () => expect(rawFiles).toHaveLength(193));

  it.each(rawFiles)('%s parses and agrees with its text', (path) => {
    const bytes = readCorpusFile(path);
    const result = parseSipMessage(bytes);
    if (!result.ok) throw new Error(result.error.message);
    checkAgainstText(bytes.toString('latin1'), result.message);
    const name = path.split('/').pop()!;
    const what = name.replace(/^F\d+_/, '').replace(/\.sip$/, '');
    const m = result.message;
    expect(m.kind === 'request' ? m.method : String(m.status)).toBe(what);
  });

  it('reads the SDP, digest and Record-Route of a session through two proxies (§3.2)', () => {
    const invite = parseSipMessage(
      readCorpusFile('rfc3665/raw/3.02_session-establishment-through-two-proxies/F04_INVITE.sip'),
    );
    if (!invite.ok) throw new Error(invite.error.message);
    const credentials = invite.message.digest('Proxy-Authorization')[0];
    expect(credentials?.scheme).toBe('Digest');
    expect(credentials?.params.realm).toBe('atlanta.example.com');
    expect(credentials?.params.username).toBe('alice');
    const sdp = invite.message.sdp();
    expect(sdp?.origin?.username).toBe('alice');
    expect(sdp?.media[0]?.codecs[0]).toMatchObject({ payloadType: 0, name: 'PCMU', clockRate: 8000 });
  });
});

const yamlFiles = [
  ...listCorpus('rfc3665', '.yaml').map((f) => `rfc3665/${f}`),
  ...listCorpus('rfc-other').flatMap((rfc) =>
    listCorpus(`rfc-other/${rfc}`, '.yaml').map((f) => `rfc-other/${rfc}/${f}`),
  ),
];

describe('RFC example flows in YAML (rfc3665, rfc-other)', () => {
  it('covers 16 RFC 3665 and 12 other flows', () => expect(yamlFiles).toHaveLength(28));

  it.each(yamlFiles)('%s: every message parses and agrees with its text', (path) => {
    const messages = yamlMessages(readCorpusFile(path).toString('utf8'));
    expect(messages.length).toBeGreaterThan(0);
    for (const text of messages) {
      const result = parseSipMessage(Buffer.from(text, 'utf8'));
      if (!result.ok) throw new Error(`${text.split('\r\n')[0]}: ${result.error.message}`);
      checkAgainstText(text, result.message);
    }
  });

  it('parses the REFER flow of RFC 3515 §4.1 (Refer-To placeholder is skipped, not thrown)', () => {
    const [refer] = yamlMessages(
      readCorpusFile('rfc-other/rfc3515/4.1_prototypical-refer-callflow.yaml').toString('utf8'),
    );
    const result = parseSipMessage(Buffer.from(refer!, 'utf8'));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.message.headers.get('refer-to')).toBe('(whatever URI)');
    expect(result.message.nameAddrs('refer-to')).toEqual([]);
  });
});
