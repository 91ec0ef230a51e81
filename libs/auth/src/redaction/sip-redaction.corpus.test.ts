import { listCorpus, readCorpusFile } from '@sipflow/corpus';
import { describe, expect, it } from 'vitest';
import { type Principal, type RedactionPolicy, redactSipMessage, redactionPolicyFor } from '../index';

// Real messages from the shared corpus (see ../shared/corpus/SOURCES.md):
// - rfc3665/raw/: RFC 3665 call flows, one message per file, derived from rtckit/php-sip's YAML
//   (MIT; content IETF Trust); 2.01/2.05 are the 401 REGISTER flows, 3.02–3.04 the 407 INVITE flows.
// - rfc4475/: RFC 4475 torture messages (via rtckit/php-sip and sipsorcery), read as bytes.

const options = { plan: { countryCode: '44' } };
const secrets: RedactionPolicy = { level: 'secrets' };
const engineer: Principal = { subject: 'e', roles: ['engineer'], scopes: {} };

const rfc3665 = listCorpus('rfc3665/raw').flatMap((flow) =>
  listCorpus(`rfc3665/raw/${flow}`, '.sip').map((file) => ({
    name: `${flow}/${file}`,
    bytes: readCorpusFile('rfc3665', 'raw', flow, file),
  })),
);
const rfc4475 = ['valid', 'invalid', 'semantic'].flatMap((folder) =>
  listCorpus(`rfc4475/${folder}`, '.dat').map((file) => ({
    name: `${folder}/${file}`,
    bytes: readCorpusFile('rfc4475', folder, file),
  })),
);

/** Digest secrets as the test finds them itself, from the unfolded text. */
function digestSecrets(text: string): Array<{ name: string; value: string }> {
  const unfolded = text.replace(/\r\n[ \t]+/g, ' ');
  return [...unfolded.matchAll(/\b(response|nonce|cnonce|opaque|nextnonce|rspauth)\s*=\s*"([^"]*)"/gi)]
    .map((m) => ({ name: (m[1] ?? '').toLowerCase(), value: m[2] ?? '' }))
    .filter((secret) => secret.value.length > 0);
}

describe('redactSipMessage on the RFC 3665 flows', () => {
  const withAuth = rfc3665.filter((m) =>
    /^(proxy-)?(authorization|www-authenticate|proxy-authenticate):/im.test(m.bytes.toString('latin1')),
  );

  it('finds the 401 and 407 flows in the corpus', () => {
    expect(withAuth.map((m) => m.name)).toEqual(
      expect.arrayContaining([
        '2.01_sip-client-new-registration/F02_401.sip',
        '2.01_sip-client-new-registration/F03_REGISTER.sip',
        '3.02_session-establishment-through-two-proxies/F02_407.sip',
        '3.02_session-establishment-through-two-proxies/F04_INVITE.sip',
      ]),
    );
    expect(withAuth.length).toBeGreaterThanOrEqual(15);
  });

  for (const message of withAuth) {
    it(`masks the digest secrets of ${message.name} and nothing else`, () => {
      const original = message.bytes.toString('latin1');
      const found = digestSecrets(original);
      expect(found.length).toBeGreaterThan(0);
      const result = redactSipMessage(message.bytes, secrets);

      // Same length, and every changed byte is a mask character: all else is byte-identical.
      expect(result.bytes.length).toBe(message.bytes.length);
      const changed = [...result.bytes].filter((byte, i) => byte !== message.bytes[i]);
      expect(changed.every((byte) => byte === 0x2a)).toBe(true);
      expect(changed.length).toBe(found.reduce((sum, secret) => sum + secret.value.length, 0));

      for (const secret of found) expect(result.text).not.toContain(`"${secret.value}"`);
      expect(result.redactions.map((r) => r.name).sort()).toEqual(found.map((s) => s.name).sort());
      for (const kept of original.matchAll(/\b(realm|username|uri|algorithm|qop)="?[^",\r\n]*"?/gi)) {
        expect(result.text).toContain(kept[0]);
      }
    });
  }

  it('leaves every message unchanged for an engineer', () => {
    const policy = redactionPolicyFor(engineer, options);
    for (const message of rfc3665) {
      const result = redactSipMessage(message.bytes, policy);
      expect(Buffer.from(result.bytes).equals(message.bytes), message.name).toBe(true);
      expect(result.redactions).toEqual([]);
    }
  });

  it('leaves messages without secrets byte-identical for support', () => {
    for (const message of rfc3665.filter((m) => !withAuth.includes(m))) {
      const result = redactSipMessage(message.bytes, secrets);
      expect(Buffer.from(result.bytes).equals(message.bytes), message.name).toBe(true);
    }
  });
});

describe('redactSipMessage on the RFC 4475 torture messages', () => {
  const customer = redactionPolicyFor(
    {
      subject: 'c',
      roles: ['customer'],
      scopes: { customers: [{ id: 'x', numbers: [], prefixes: [], domains: ['example.com'] }] },
    },
    options,
  );

  it('never throws and keeps binary bodies and odd bytes exactly', () => {
    for (const message of rfc4475) {
      for (const policy of [secrets, customer]) {
        const result = redactSipMessage(message.bytes, policy);
        const lines = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1').split('\n').length;
        expect(lines(result.bytes), message.name).toBe(lines(message.bytes));
      }
      if (message.name !== 'semantic/regaut01.dat') {
        expect(Buffer.from(redactSipMessage(message.bytes, secrets).bytes).equals(message.bytes), message.name).toBe(
          true,
        );
      }
    }
  });

  it('masks the credentials of an unknown Authorization scheme (regaut01)', () => {
    const message = rfc4475.find((m) => m.name === 'semantic/regaut01.dat');
    const result = redactSipMessage(message?.bytes ?? new Uint8Array(), secrets);
    expect(result.text).toContain('Authorization: NoOneKnowsThisScheme opaque-data=********\r\n');
    expect(result.redactions).toEqual([{ kind: 'credentials', where: 'authorization', name: 'opaque-data' }]);
  });

  it("hides other parties in wsinv's folded, oddly spaced headers and keeps the customer's own", () => {
    const message = rfc4475.find((m) => m.name === 'valid/wsinv.dat');
    const original = message?.bytes.toString('latin1') ?? '';
    const policy = redactionPolicyFor(
      {
        subject: 'c',
        roles: ['customer'],
        scopes: { customers: [{ id: 'x', numbers: [], prefixes: [], domains: ['chair-dnrc.example.com'] }] },
      },
      options,
    );
    const result = redactSipMessage(message?.bytes ?? new Uint8Array(), policy);
    const expected = original
      .replace('from   : "J Rosenberg \\\\\\""       <sip:jdrosen@', 'from   : "redacted"       <sip:redacted@')
      .replace('m:"Quoted string \\"\\"" <sip:jdrosen@', 'm:"redacted" <sip:redacted@');
    expect(expected).not.toBe(original);
    expect(result.text).toBe(expected);
    expect(result.text).toContain('sip:vivekg@chair-dnrc.example.com');
  });
});
