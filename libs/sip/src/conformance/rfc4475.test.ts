import { describe, expect, it } from 'vitest';
import type { SipMessage, SipRequest, SipResponse } from '../model/message';
import { parseSipMessage } from '../parser/parse-sip-message';
import { corpusMessages } from './test/corpus';

// RFC 4475 torture tests, exact bytes (corpus/SOURCES.md § rfc4475/: php-sip and sipsorcery copies
// of the RFC's archive). The folder is the oracle: valid → parses, invalid → rejected with a reason
// naming the problem, semantic → parses with an issue naming the problem.

const valid = corpusMessages('rfc4475/valid');
const invalid = corpusMessages('rfc4475/invalid');
const semantic = corpusMessages('rfc4475/semantic');

function parsed(bytes: Uint8Array): SipMessage {
  const result = parseSipMessage(bytes);
  if (!result.ok) throw new Error(`expected to parse: ${result.error.message}`);
  return result.message;
}
const byName = (set: Array<[string, Buffer]>, name: string) => set.find(([n]) => n === name)![1];
const request = (name: string) => parsed(byName(valid, name)) as SipRequest;
const response = (name: string) => parsed(byName(valid, name)) as SipResponse;

describe('RFC 4475 valid messages (§3.1.1)', () => {
  it('has the 13 files', () => expect(valid).toHaveLength(13));

  it.each(valid)('%s parses', (_name, bytes) => {
    expect(parseSipMessage(bytes).ok).toBe(true);
  });

  it('wsinv.dat: unfolds, unescapes quoted display names and tolerates whitespace everywhere LWS is allowed', () => {
    const m = request('wsinv.dat');
    expect(m.method).toBe('INVITE');
    expect(m.requestUri.params).toEqual({ unknownparam: null });
    expect(m.to.tag).toBe('1918181833n');
    expect(m.to.uri.host).toBe('chair-dnrc.example.com');
    expect(m.from.displayName).toBe('J Rosenberg \\"');
    expect(m.from.tag).toBe('98asjd8');
    expect(m.maxForwards).toBe(68);
    expect(m.cseq).toEqual({ seq: 9, method: 'INVITE' });
    expect(m.contentLength).toBe(150);
    expect(m.via.map((v) => [v.transport, v.host, v.branch])).toEqual([
      ['UDP', '192.0.2.2', '390skdjuw'],
      ['TCP', 'spindle.example.com', 'z9hG4bK9ikj8'],
      ['UDP', '192.168.255.111', 'z9hG4bK30239'],
    ]);
    expect(m.headers.get('NewFangledHeader')).toBe('newfangled value continued newfangled value');
    expect(m.headers.get('s')).toBe('');
    expect(m.headers.get('UnknownHeaderWithUnusualValue')).toBe(';;,,;;,;');
    const [contact] = m.nameAddrs('contact');
    expect(contact?.displayName).toBe('Quoted string ""');
    expect(contact?.params).toEqual({ newparam: 'newvalue', secondparam: null, q: '0.33' });
    expect(m.nameAddrs('route')[0]?.uri.params).toEqual({ lr: null, unknownwith: 'value', 'unknown-no-value': null });
    expect(m.sdp()?.media.map((media) => media.type)).toEqual(['audio', 'video']);
  });

  it('intmeth.dat: unusual method, URI user and password, escaped controls in a quoted display name', () => {
    const m = request('intmeth.dat');
    expect(m.method).toBe("!interesting-Method0123456789_*+`.%indeed'~");
    expect(m.cseq.method).toBe(m.method);
    expect(m.requestUri.user).toBe("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*");
    expect(m.requestUri.password).toBe("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)");
    expect(m.requestUri.host).toBe('example.com');
    expect(m.to.displayName).toBe('BEL:\x07 NUL:\x00 DEL:\x7f');
    expect(m.from.displayName).toBe("token1~` token2'+_ token3*%!.-");
    expect(m.from.params["fromparam''~+*_!.-%"]).toBe('работающий');
    expect(m.from.tag).toBe("_token~1'+`*%!-.");
    expect(m.callId).toBe('intmeth.word%ZK-!.*_+\'@word`~)(><:\\/"][?}{');
    expect(m.maxForwards).toBe(255);
  });

  it('esc01.dat: %-escapes in the user part and URI parameters are resolved', () => {
    const m = request('esc01.dat');
    expect(m.requestUri.user).toBe('sips:user@example.com');
    expect(m.to.uri.user).toBe('user');
    expect(m.from.uri.user).toBe('I have spaces');
    const [contact] = m.nameAddrs('m');
    expect(contact?.uri.user).toBe('caller');
    expect(contact?.uri.params).toEqual({ lr: null, name: 'value%41' });
  });

  it('escnull.dat: %00 becomes a NUL in the user part', () => {
    const m = request('escnull.dat');
    expect(m.to.uri.user).toBe('null-\0-null');
    expect(m.nameAddrs('contact').map((c) => c.uri.user)).toEqual(['\0', '\0\0']);
  });

  it('esc02.dat: a % that is not an escape stays as written; C%6Fntact is another header', () => {
    const m = request('esc02.dat');
    expect(m.method).toBe('RE%47IST%45R');
    expect(m.to.displayName).toBe('%Z%45');
    expect(m.via[0]?.branch).toBe('z9hG4bK209%fzsnel234');
    expect(m.nameAddrs('contact')).toHaveLength(2);
    expect(m.headers.get('C%6Fntact')).toBe('<sip:alias2@host2.example.com>');
  });

  it('lwsdisp.dat: a display name directly followed by <', () => {
    expect(request('lwsdisp.dat').from.displayName).toBe('caller');
  });

  it('longreq.dat: long values and 34 Via hops in every spelling of the name', () => {
    const m = request('longreq.dat');
    expect(m.via).toHaveLength(34);
    expect(m.via[0]?.host).toBe('sip33.example.com');
    expect(m.via[33]?.received).toBe('192.0.2.5');
    expect(m.to.uri.port).toBe(6000);
    expect(m.from.tag).toMatch(/^1298298298.*424$/);
    expect(m.headers.all('via')).toHaveLength(34);
  });

  it('dblreq.dat: the octets after Content-Length are trailing, not part of the message', () => {
    const m = request('dblreq.dat');
    expect(m.method).toBe('REGISTER');
    expect(m.body).toHaveLength(0);
    const trailing = Buffer.from(m.trailing!).toString('latin1');
    expect(trailing.startsWith('\r\nINVITE sip:joe@example.com SIP/2.0')).toBe(true);
    expect(m.raw.length + m.trailing!.length).toBe(byName(valid, 'dblreq.dat').length);
  });

  it('semiuri.dat: a ; in the user part belongs to the user', () => {
    const m = request('semiuri.dat');
    expect(m.requestUri.user).toBe('user;par=u@example.net');
    expect(m.requestUri.host).toBe('example.com');
    expect(m.requestUri.params).toEqual({});
    expect(m.headers.all('accept')).toHaveLength(6);
  });

  it('transports.dat: every Via transport, known or not', () => {
    expect(request('transports.dat').via.map((v) => v.transport)).toEqual(['UDP', 'SCTP', 'TLS', 'UNKNOWN', 'TCP']);
    expect(request('transports.dat').callId).toBe('transports.kijh4akdnaqjkwendsasfdj');
  });

  it('mpart01.dat: multipart body split into its text and binary (NUL, bare LF) parts', () => {
    const m = request('mpart01.dat');
    expect(m.contentType).toBe('multipart/mixed');
    const parts = m.bodyParts();
    expect(parts.map((p) => p.contentType)).toEqual(['text/plain', 'application/octet-stream']);
    expect(Buffer.from(parts[0]!.body).toString()).toBe('Hello');
    const binary = parts[1]!.body;
    expect(binary[0]).toBe(0x30);
    expect(binary.includes(0)).toBe(true);
    expect(binary.length).toBe(
      m.body.length - (binary.byteOffset - m.body.byteOffset) - '\r\n--7a9cbec02ceef655--\r\n'.length,
    );
    expect(m.sdp()).toBeUndefined();
  });

  it('unreason.dat: a UTF-8 reason phrase', () => {
    const m = response('unreason.dat');
    expect(m.status).toBe(200);
    expect(m.reason).toBe('= 2**3 * 5**2 но сто девяносто девять - простое');
  });

  it('noreason.dat: an empty reason phrase', () => {
    const m = response('noreason.dat');
    expect(m.status).toBe(100);
    expect(m.reason).toBe('');
  });
});

/** What each rejection reason must name (RFC 4475 §3.1.2). */
const invalidReasons: Record<string, RegExp> = {
  'badinv01.dat': /Via.*empty parameter/,
  'clerr.dat': /Content-Length 9999 is larger/,
  'ncl.dat': /Content-Length -999 is negative/,
  'scalar02.dat': /CSeq number .* larger than 2\^32-1/,
  'scalarlg.dat': /CSeq number .* larger than 2\^32-1/,
  'quotbal.dat': /To .*unterminated quoted string/,
  'ltgtruri.dat': /Request-URI is enclosed in <>/,
  'lwsruri.dat': /Request-URI contains whitespace/,
  'lwsstart.dat': /more than one space/,
  'trws.dat': /ends with whitespace after the SIP version/,
  'escruri.dat': /Request-URI carries URI headers/,
  'baddate.dat': /Date .*GMT/,
  'regbadct.dat': /Contact URI containing '\?' is not enclosed in <>/,
  'badaspec.dat': /To has whitespace inside <…>/,
  'baddn.dat': /From display name .*not allowed unless the name is quoted/,
  'badvers.dat': /unsupported SIP version SIP\/7\.0/,
  'mismatch01.dat': /CSeq method INVITE does not match the request method OPTIONS/,
  'mismatch02.dat': /CSeq method INVITE does not match the request method NEWMETHOD/,
  'bigcode.dat': /status code 4294967301 is not three digits/,
};

describe('RFC 4475 invalid messages (§3.1.2)', () => {
  it('has the 19 files, each with an expected reason', () => {
    expect(invalid.map(([name]) => name).sort()).toEqual(Object.keys(invalidReasons).sort());
  });

  it.each(invalid)('%s is rejected with a reason naming the problem', (name, bytes) => {
    const result = parseSipMessage(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toMatch(invalidReasons[name]!);
      expect(result.error.offset).toBeGreaterThanOrEqual(0);
      expect(result.error.offset).toBeLessThanOrEqual(bytes.length);
    }
  });

  it('baddn.dat has no header terminator either (corpus/SOURCES.md): over a stream it is incomplete', () => {
    const bytes = byName(invalid, 'baddn.dat');
    expect(bytes.subarray(-6).toString()).toBe('l: 0\r\n');
    const fixed = Buffer.from(
      bytes
        .toString('latin1')
        .replace('Bell, Alexander', '"Bell, Alexander"')
        .replace('Watson, Thomas', '"Watson, Thomas"'),
      'latin1',
    );
    const stream = parseSipMessage(fixed, { framing: 'stream' });
    expect(stream.ok).toBe(false);
    if (!stream.ok) expect(stream.error.reason).toMatch(/empty line that closes the header section/);
    const datagram = parseSipMessage(fixed);
    expect(datagram.ok && datagram.message.issues.map((i) => i.code)).toContain('missing-header-terminator');
  });
});

/** The issue each semantic case must carry (RFC 4475 §3.2-3.4). */
const semanticIssues: Record<string, [string, RegExp]> = {
  'badbranch.dat': ['missing-branch', /only the magic cookie/],
  'insuf.dat': ['missing-required-header', /To, From, Call-ID, Max-Forwards/],
  'unkscm.dat': ['unknown-uri-scheme', /Request-URI scheme "nobodyknowsthisscheme"/],
  'novelsc.dat': ['unknown-uri-scheme', /Request-URI scheme "soap.beep"/],
  'unksm2.dat': ['unknown-uri-scheme', /"isbn"/],
  'bext01.dat': ['unknown-option-tag', /nothingSupportsThis, nothingSupportsThisEither/],
  'invut.dat': ['unknown-content-type', /application\/unknownformat/],
  'regaut01.dat': ['unknown-auth-scheme', /NoOneKnowsThisScheme/],
  'multi01.dat': ['duplicate-header', /CSeq appears more than once/],
  'mcl01.dat': ['multiple-content-length', /2 times \(13, 5\)/],
  'bcast.dat': ['broadcast-address', /255\.255\.255\.255/],
  'zeromf.dat': ['max-forwards-zero', /Max-Forwards is 0/],
  'cparam01.dat': ['contact-param', /;unknownparam" is a header parameter/],
  'cparam02.dat': ['contact-param', /URI parameter ";unknownparam"/],
  'regescrt.dat': ['uri-headers', /Contact URI carries headers \(Route\)/],
  'sdp01.dat': ['body-unacceptable', /Accept \(text\/nobodyKnowsThis\)/],
  'inv2543.dat': ['rfc2543-syntax', /RFC 2543/],
};

describe('RFC 4475 semantic messages (§3.2-3.4)', () => {
  it('has the 17 files, each with an expected issue', () => {
    expect(semantic.map(([name]) => name).sort()).toEqual(Object.keys(semanticIssues).sort());
  });

  it.each(semantic)('%s parses and carries the issue', (name, bytes) => {
    const message = parsed(bytes);
    const [code, text] = semanticIssues[name]!;
    const found = message.issues.filter((i) => i.code === code);
    expect(found.length, JSON.stringify(message.issues)).toBeGreaterThan(0);
    expect(found.some((i) => text.test(i.message))).toBe(true);
    expect(message.issues.every((i) => i.severity !== undefined)).toBe(true);
  });

  it('multi01.dat keeps the first of each repeated single-valued header', () => {
    const m = parsed(byName(semantic, 'multi01.dat'));
    expect(m.callId).toBe('multi01.98asdh@192.0.2.1');
    expect(m.cseq.seq).toBe(5);
    expect(m.maxForwards).toBe(70);
  });

  it('insuf.dat stands in empty values for the missing headers', () => {
    const m = parsed(byName(semantic, 'insuf.dat'));
    expect(m.callId).toBe('');
    expect(m.from.raw).toBe('');
    expect(m.to.tag).toBeUndefined();
  });

  it('regaut01.dat keeps the unknown scheme and its parameters', () => {
    const m = parsed(byName(semantic, 'regaut01.dat'));
    expect(m.digest('authorization')).toEqual([{ scheme: 'NoOneKnowsThisScheme', params: { 'opaque-data': 'here' } }]);
  });
});
