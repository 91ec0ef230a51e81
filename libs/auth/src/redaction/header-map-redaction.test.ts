import { listCorpus, readCorpusFile } from '@sipflow/corpus';
import { describe, expect, it } from 'vitest';
import {
  type RedactionPolicy,
  type SipHeaderMap,
  redactHeaderMap,
  redactSipMessage,
  redactSipView,
  redactionPolicyFor,
} from '../index';

// Parsed views of the same messages must hide the same things as the raw text. The RFC 3665 flows
// come from the shared corpus (../shared/corpus/SOURCES.md: rfc3665/raw, from rtckit/php-sip, MIT).

const options = { plan: { countryCode: '44' } };
const secrets: RedactionPolicy = { level: 'secrets' };
const customer = redactionPolicyFor(
  {
    subject: 'c',
    roles: ['customer'],
    scopes: { customers: [{ id: 'a', numbers: [], prefixes: [], domains: ['atlanta.example.com'] }] },
  },
  options,
);

/** A naive header map, as a parser would hand it over: unfolded values, names as written. */
function headerMap(text: string): Record<string, string[]> {
  const head = text.split('\r\n\r\n', 1)[0] ?? '';
  const map: Record<string, string[]> = {};
  for (const line of head
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')
    .slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    (map[name] ??= []).push(line.slice(colon + 1).trim());
  }
  return map;
}

describe('redactHeaderMap', () => {
  it('redacts full and compact names, any case, one value at a time', () => {
    const headers: SipHeaderMap = {
      'PROXY-AUTHORIZATION': ['Digest username="alice", realm="atlanta.example.com", nonce="abc", response="0123"'],
      f: ['"Bob" <sip:bob@biloxi.example.com>;tag=1'],
      Contact: ['<sip:alice:pw@client.atlanta.example.com>', '<sip:bob@biloxi.example.com>'],
      'X-Api-Key': ['k-123'],
      'Call-Info': ['<http://admin:secret@192.0.2.1/logo.png>;purpose=icon'],
      Via: ['SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1'],
    };
    expect(redactHeaderMap(headers, customer).headers).toEqual({
      'PROXY-AUTHORIZATION': ['Digest username="alice", realm="atlanta.example.com", nonce="***", response="****"'],
      f: ['"redacted" <sip:redacted@biloxi.example.com>;tag=1'],
      Contact: ['<sip:alice:********@client.atlanta.example.com>', '<sip:redacted@biloxi.example.com>'],
      'X-Api-Key': ['********'],
      'Call-Info': ['<http://admin:********@192.0.2.1/logo.png>;purpose=icon'],
      Via: ['SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1'],
    });
    expect(redactHeaderMap(headers, { level: 'none' }).headers).toEqual(headers);
  });

  it('agrees with the raw redaction on every RFC 3665 message', () => {
    for (const flow of listCorpus('rfc3665/raw')) {
      for (const file of listCorpus(`rfc3665/raw/${flow}`, '.sip')) {
        const raw = readCorpusFile('rfc3665', 'raw', flow, file);
        for (const policy of [secrets, customer]) {
          const fromRaw = headerMap(redactSipMessage(raw, policy).text);
          const fromMap = redactHeaderMap(headerMap(raw.toString('latin1')), policy).headers;
          expect(fromMap, `${flow}/${file}`).toEqual(fromRaw);
        }
      }
    }
  });
});

describe('redactSipView', () => {
  it('redacts the Request-URI, headers and SDP body of a parsed message', () => {
    const { view, redactions } = redactSipView(
      {
        requestUri: 'sip:+15550100:pin@carrier.example;user=phone',
        headers: { To: ['<sip:+15550100@carrier.example>'] },
        body: 'v=0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\r\n',
      },
      customer,
    );
    expect(view).toEqual({
      requestUri: 'sip:redacted:********@carrier.example;user=phone',
      headers: { To: ['<sip:redacted@carrier.example>'] },
      body: 'v=0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:****************************************|2^20|1:32\r\n',
    });
    expect(redactions.map((r) => r.kind)).toEqual(['identity', 'uri-password', 'identity', 'sdp-key']);
  });
});
