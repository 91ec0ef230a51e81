import { describe, expect, it } from 'vitest';
import { type Principal, type RedactionPolicy, redactSipMessage, redactionPolicyFor } from '../index';

// Hand-written messages for what the RFC 3665 corpus lacks: SDES keys (RFC 4568 §9.1, keys from its
// examples), MIKEY (RFC 4567), ZRTP (RFC 6189), ICE passwords (RFC 8839), multipart bodies,
// compact and folded headers, bare LF line ends, passwords in URIs and headers.

const options = { plan: { countryCode: '44' } };
const secrets: RedactionPolicy = { level: 'secrets' };
const acme: Principal = {
  subject: 'c1',
  roles: ['customer'],
  scopes: { customers: [{ id: 'acme', numbers: ['+44 20 7946 0000'], prefixes: [], domains: ['acme.example'] }] },
};
const customer = redactionPolicyFor(acme, options);

/** A message with a correct Content-Length, built from latin1 text so that any byte can be written. */
function sip(head: string[], body = '', eol = '\r\n'): Buffer {
  const length = Buffer.byteLength(body, 'latin1');
  return Buffer.from(
    head.join(eol).replace('Content-Length: N', `Content-Length: ${length}`) + eol + eol + body,
    'latin1',
  );
}
const mask = (secret: string) => '*'.repeat(secret.length);
/** The expected text: the original with each listed literal replaced, everything else untouched. */
function replaced(original: Buffer, replacements: Array<[string, string]>): string {
  let text = original.toString('latin1');
  for (const [from, to] of replacements) {
    expect(text, `fixture contains ${from}`).toContain(from);
    text = text.split(from).join(to);
  }
  return text;
}
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

const KEY_1 = 'PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR';
const KEY_2 = 'NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj';
const FEC_KEY = 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk';
const MIKEY = 'AQAFgM0XflABAAAAAAAAAAAAAAsAyONQ6gAAAAAJAAAQbWNDL==';
const ZRTP = 'fe30efd02423cb054e50efd0248742ac7a52c8f91bc2df881ae642c371ba46df';
const ICE_PWD = 'asd88fgpdd777uzjYhagZg';

const sdp = [
  'v=0',
  'o=- 20518 0 IN IP4 192.0.2.10',
  's=-',
  'c=IN IP4 192.0.2.10',
  't=0 0',
  'm=audio 4000 RTP/SAVP 0 101',
  `a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:${KEY_1}|2^20|1:32`,
  `a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:${KEY_2}|2^20|1:32 FEC_KEY=inline:${FEC_KEY}|2^20|2:4`,
  `a=key-mgmt:mikey ${MIKEY}`,
  `a=zrtp-hash:1.10 ${ZRTP}`,
  'a=ice-ufrag:8hhY',
  `a=ice-pwd:${ICE_PWD}`,
  'a=rtpmap:0 PCMU/8000',
  '',
].join('\r\n');

describe('redactSipMessage: SDP keys', () => {
  const invite = sip(
    [
      'INVITE sip:+15550100@carrier.example SIP/2.0',
      'Via: SIP/2.0/TLS 192.0.2.10:5061;branch=z9hG4bK-sdes-1',
      'Max-Forwards: 70',
      'From: "Acme Reception" <sip:+442079460000@acme.example>;tag=a1',
      'To: <sip:+15550100@carrier.example>',
      'Call-ID: sdes-1@192.0.2.10',
      'CSeq: 1 INVITE',
      'Content-Type: application/sdp',
      'Content-Length: N',
    ],
    sdp,
  );

  it('masks SDES, MIKEY, ZRTP and ICE secrets in place, keeping Content-Length true', () => {
    const result = redactSipMessage(invite, secrets);
    const keys = [KEY_1, KEY_2, FEC_KEY, MIKEY, ZRTP, ICE_PWD];
    expect(latin1(result.bytes)).toBe(
      replaced(
        invite,
        keys.map((key) => [key, mask(key)]),
      ),
    );
    expect(result.bytes.length).toBe(invite.length);
    expect(result.text).toContain(
      'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:****************************************|2^20|1:32',
    );
    expect(result.text).toContain('a=ice-ufrag:8hhY');
    expect(result.redactions).toEqual(
      ['crypto', 'crypto', 'crypto', 'key-mgmt', 'zrtp-hash', 'ice-pwd'].map((name) => ({
        kind: 'sdp-key',
        where: 'body',
        name,
      })),
    );
  });

  it('shows an engineer the keys', () => {
    const engineer = redactionPolicyFor({ subject: 'e', roles: ['engineer'], scopes: {} }, options);
    expect(latin1(redactSipMessage(invite, engineer).bytes)).toBe(invite.toString('latin1'));
  });

  it('finds the SDP inside a multipart body and leaves binary parts byte-identical', () => {
    const binary = '\x00\x01\x80\xff\r\n\xfe\x0a\x7f';
    const body = [
      '--unique-boundary-1',
      'Content-Type: application/sdp',
      '',
      sdp.replace(/\r\n$/, ''),
      '--unique-boundary-1',
      'Content-Type: application/isup; version=itu-t92+',
      'Content-Disposition: signal; handling=optional',
      '',
      binary,
      '--unique-boundary-1--',
      '',
    ].join('\r\n');
    const message = sip(
      [
        'INVITE sip:bob@biloxi.example.com SIP/2.0',
        'Via: SIP/2.0/TCP 192.0.2.10;branch=z9hG4bK-mp',
        'From: <sip:alice@atlanta.example.com>;tag=mp',
        'To: <sip:bob@biloxi.example.com>',
        'Call-ID: multipart-1@192.0.2.10',
        'CSeq: 1 INVITE',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed;boundary=unique-boundary-1',
        'Content-Length: N',
      ],
      body,
    );
    const result = redactSipMessage(message, secrets);
    const keys = [KEY_1, KEY_2, FEC_KEY, MIKEY, ZRTP, ICE_PWD];
    expect(latin1(result.bytes)).toBe(
      replaced(
        message,
        keys.map((key) => [key, mask(key)]),
      ),
    );
    expect(latin1(result.bytes)).toContain(binary);
  });
});

describe('redactSipMessage: digest, credentials and passwords', () => {
  const NONCE = '5f1e2d3c4b5a69788796a5b4c3d2e1f0';
  const RESPONSE = '0123456789abcdef0123456789abcdef';
  const OPAQUE = '5ccc069c403ebaf9f0171e9517f40e41';
  const QUOTED_NONCE = 'a\\"quoted\\"nonce, with comma';
  const register = sip([
    'REGISTER sip:registrar.carrier.example SIP/2.0',
    'Via: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-r2',
    'f: <sip:+442079460000@carrier.example>;tag=r2',
    't: <sip:+442079460000@carrier.example>',
    'i: fold-1@192.0.2.10',
    'CSeq: 2 REGISTER',
    'm: <sip:reception:s3cr3t-pw@pbx.acme.example;transport=udp>;expires=3600',
    'proxy-authorization: digest USERNAME="442079460000" , Realm = "carrier.example",',
    `  NONCE = ${NONCE} ,uri="sip:registrar.carrier.example",`,
    '\tresponse=',
    ` "${RESPONSE}", algorithm=MD5, cnonce="0a4f113b", nc=00000001, qop=auth,`,
    ` opaque="${OPAQUE}"`,
    `WWW-AUTHENTICATE: Digest realm="carrier.example", nonce="${QUOTED_NONCE}", qop="auth"`,
    'Authentication-Info: nextnonce="47364c23432d2e131a5fb210812c", qop=auth, rspauth="6629fae49393a05397450978507c4ef1", cnonce="0a4f113b", nc=00000001',
    'Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
    'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo',
    'X-Password: hunter2-hunter2',
    'X-Provisioning: <sip:provisioning@carrier.example;password=letmein123;ttl=60>',
    'Content-Length: N',
  ]);

  it('masks every secret, whatever the case, quoting, folding or compact form, and nothing else', () => {
    const result = redactSipMessage(register, secrets);
    expect(latin1(result.bytes)).toBe(
      replaced(register, [
        [`NONCE = ${NONCE}`, `NONCE = ${mask(NONCE)}`],
        [`"${RESPONSE}"`, `"${mask(RESPONSE)}"`],
        ['cnonce="0a4f113b"', 'cnonce="********"'],
        [`"${OPAQUE}"`, `"${mask(OPAQUE)}"`],
        [QUOTED_NONCE, 'a**quoted**nonce, with comma'.replace(/\S/g, '*')],
        ['"47364c23432d2e131a5fb210812c"', `"${mask('47364c23432d2e131a5fb210812c')}"`],
        ['"6629fae49393a05397450978507c4ef1"', `"${mask('6629fae49393a05397450978507c4ef1')}"`],
        ['Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==', 'Basic ********'],
        ['Bearer eyJhbGciOiJIUzI1NiJ9.e30.ZRrHA1JJJW8opsbCGfG_HACGpVUMN_a9IV7pAx_Zmeo', 'Bearer ********'],
        ['reception:s3cr3t-pw@', 'reception:********@'],
        ['X-Password: hunter2-hunter2', 'X-Password: ********'],
        ['password=letmein123', 'password=********'],
      ]),
    );
    const kinds = result.redactions.map((r) => `${r.where}:${r.kind}:${r.name ?? ''}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'contact:uri-password:',
        'proxy-authorization:digest-secret:nonce',
        'proxy-authorization:digest-secret:response',
        'www-authenticate:digest-secret:nonce',
        'authentication-info:digest-secret:rspauth',
        'authorization:credentials:basic',
        'x-password:password-header:',
        'x-provisioning:password-param:password',
      ]),
    );
  });

  it('keeps folded lines folded: same line count, same header at the start of each line', () => {
    const result = redactSipMessage(register, secrets);
    const heads = (text: string) => text.split('\r\n').map((line) => line.split(/[:=\s]/, 1)[0]);
    expect(heads(result.text)).toEqual(heads(register.toString('latin1')));
  });

  it('redacts a second message carried after Content-Length in the same datagram, with bare LF line ends', () => {
    const first = sip(
      [
        'OPTIONS sip:a.example SIP/2.0',
        'Proxy-Authorization: Digest nonce="1111", response="2222"',
        'Content-Length: N',
      ],
      '',
      '\n',
    );
    const second = sip(
      [
        'OPTIONS sip:b.example SIP/2.0',
        'Proxy-Authorization: Digest nonce="3333", response="4444"',
        'Content-Length: N',
      ],
      '',
      '\n',
    );
    const result = redactSipMessage(Buffer.concat([first, second]), secrets);
    expect(result.text).toBe(
      'OPTIONS sip:a.example SIP/2.0\nProxy-Authorization: Digest nonce="****", response="****"\nContent-Length: 0\n\n' +
        'OPTIONS sip:b.example SIP/2.0\nProxy-Authorization: Digest nonce="****", response="****"\nContent-Length: 0\n\n',
    );
  });

  it('takes strings as well as bytes, and survives garbage', () => {
    expect(redactSipMessage('INVITE sip:u:pw@h SIP/2.0\r\n\r\n', secrets).text).toBe(
      'INVITE sip:u:********@h SIP/2.0\r\n\r\n',
    );
    for (const junk of [
      '',
      '\r\n\r\n',
      ':',
      'Authorization: Digest nonce="',
      'Authorization: Digest ,,,=,"',
      'm: <',
      'f: "unterminated <sip:x@y',
    ]) {
      expect(() => redactSipMessage(junk, customer)).not.toThrow();
    }
    const truncated = 'OPTIONS sip:x SIP/2.0\r\nAuthorization: Digest nonce="abc';
    expect(redactSipMessage(truncated, secrets).text).toBe('OPTIONS sip:x SIP/2.0\r\nAuthorization: Digest nonce="***');
  });
});

describe('redactSipMessage: other parties, for customers', () => {
  const invite = sip([
    'INVITE sip:+15550100@carrier.example;user=phone SIP/2.0',
    'v: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-c1',
    'f: "Acme" <sip:02079460000@acme.example>;tag=c1',
    't: "Far End" <tel:+15550100>',
    'i: compact-1@192.0.2.10',
    'CSeq: 1 INVITE',
    'm: <sip:reception:s3cr3t-pw@pbx.acme.example;transport=udp>',
    'P-Asserted-Identity: "Acme Reception" <sip:+442079460000@acme.example>, <tel:+44-20-7946-0000>',
    'Remote-Party-ID: Far End <sip:+15550100@carrier.example>;party=called;screen=no',
    'Diversion: <sip:%2B15550199@carrier.example>;reason=unconditional;counter=1,',
    ' "Old Number" <sip:+15550198@carrier.example>;reason=user-busy',
    'Proxy-Authorization: Digest username="reception", realm="acme.example", uri="sip:+15550100@carrier.example", response="abcd"',
    'Content-Length: N',
  ]);

  it("replaces other parties' users and display names, keeping domains and the customer's own", () => {
    const result = redactSipMessage(invite, customer);
    expect(latin1(result.bytes)).toBe(
      replaced(invite, [
        ['INVITE sip:+15550100@', 'INVITE sip:redacted@'],
        ['t: "Far End" <tel:+15550100>', 't: "redacted" <tel:redacted>'],
        ['s3cr3t-pw', '********'],
        ['Far End <sip:+15550100@', 'redacted <sip:redacted@'],
        ['<sip:%2B15550199@', '<sip:redacted@'],
        ['"Old Number" <sip:+15550198@', '"redacted" <sip:redacted@'],
        ['uri="sip:+15550100@', 'uri="sip:redacted@'],
        ['response="abcd"', 'response="****"'],
      ]),
    );
    expect(result.redactions.filter((r) => r.kind === 'identity').map((r) => r.where)).toEqual([
      'request-line',
      'to',
      'remote-party-id',
      'diversion',
      'diversion',
      'proxy-authorization',
    ]);
  });

  it('shows support every party', () => {
    const result = redactSipMessage(
      invite,
      redactionPolicyFor({ subject: 's', roles: ['support'], scopes: {} }, options),
    );
    expect(result.text).toContain('Remote-Party-ID: Far End <sip:+15550100@carrier.example>');
    expect(result.redactions.every((r) => r.kind !== 'identity' && r.kind !== 'display-name')).toBe(true);
  });

  it('hides every party from a customer without a customer record', () => {
    const nobody = redactionPolicyFor({ subject: 'c2', roles: ['customer'], scopes: {} }, options);
    const result = redactSipMessage(invite, nobody);
    expect(result.text).not.toMatch(/\+?44[- ]?20|02079460000|15550/);
  });
});
