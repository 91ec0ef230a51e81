import { describe, expect, it } from 'vitest';
import { maskForeignNumbers, shareAudience } from './share-scope';

// Numbers of the seed call (samples/seed-call/README.md, Ofcom drama ranges).
describe('maskForeignNumbers', () => {
  const customer = shareAudience({ kind: 'customer', numbers: ['01632 960123'] }, 'GB');

  it("masks other parties' numbers in any form and keeps the customer's own", () => {
    expect(maskForeignNumbers('sip:01632960999@cs-b → +441632960999, 07700900123 from 01632960123', customer)).toBe(
      'sip:redacted@cs-b → redacted, redacted from 01632960123',
    );
    expect(maskForeignNumbers('caller +441632960123', customer)).toBe('caller +441632960123');
  });

  it('leaves Call-IDs, addresses, ports and times alone', () => {
    const text = 'Call-ID eafc01958649-ikc6z45l85fr 192.0.2.10:5060 2026-11-20T10:15:00.001Z +12.345s';
    expect(maskForeignNumbers(text, customer)).toBe(text);
  });

  it('masks nothing for support', () => {
    expect(maskForeignNumbers('01632960999', shareAudience({ kind: 'support' }, 'GB'))).toBe('01632960999');
  });
});
