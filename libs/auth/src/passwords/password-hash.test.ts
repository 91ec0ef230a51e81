import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, PasswordHashConfigError, hashPassword, needsRehash, verifyPassword } from '../index';

// Unit tests use N = 2^10 (allowLowCost) to stay fast; one test pays for the default once.
const fast = { cost: { log2N: 10, r: 8, p: 1 }, allowLowCost: true };
const fastCurrent = fast.cost;

describe('hashPassword / verifyPassword', () => {
  it('writes a PHC-style string with the cost and a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery', fast);
    const b = await hashPassword('correct horse battery', fast);
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', fast);
    expect(await verifyPassword('correct horse battery', stored, fastCurrent)).toEqual({
      ok: true,
      needsRehash: false,
    });
    expect(await verifyPassword('correct horse batterY', stored, fastCurrent)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(await verifyPassword('', stored, fastCurrent)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('treats canonically equal Unicode passwords as one (NFKC)', async () => {
    const stored = await hashPassword('caf\u00e9 au lait, s\u2019il vous pla\u00eet', fast);
    expect((await verifyPassword('cafe\u0301 au lait, s\u2019il vous pla\u00eet', stored, fastCurrent)).ok).toBe(true);
  });

  it('defaults to N=2^17, r=8, p=1, and asks to rehash anything weaker', async () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ log2N: 17, r: 8, p: 1 });
    const strong = await hashPassword('a long enough passphrase');
    expect(strong.startsWith('$scrypt$ln=17,r=8,p=1$')).toBe(true);
    expect(needsRehash(strong)).toBe(false);

    const weak = await hashPassword('a long enough passphrase', fast);
    expect(needsRehash(weak)).toBe(true);
    expect(await verifyPassword('a long enough passphrase', weak)).toEqual({ ok: true, needsRehash: true });
  });

  it('refuses a low cost unless a test asks for it, and impossible costs always', async () => {
    await expect(hashPassword('x', { cost: { log2N: 14, r: 8, p: 1 } })).rejects.toBeInstanceOf(
      PasswordHashConfigError,
    );
    await expect(hashPassword('x', { cost: { log2N: 24, r: 8, p: 1 }, allowLowCost: true })).rejects.toBeInstanceOf(
      PasswordHashConfigError,
    );
    await expect(hashPassword('x', { cost: { log2N: 10.5, r: 8, p: 1 }, allowLowCost: true })).rejects.toBeInstanceOf(
      PasswordHashConfigError,
    );
  });

  it('answers malformed or hostile stored hashes with a value, never a crash or a huge allocation', async () => {
    const stored = await hashPassword('correct horse battery', fast);
    const [, , , salt, key] = stored.split('$');
    for (const bad of [
      '',
      'plaintext',
      '$2b$12$abcdefghijklmnopqrstuv',
      stored.replace('$scrypt$', '$argon2id$'),
      stored.slice(0, -10),
      `${stored}$`,
    ]) {
      expect(await verifyPassword('correct horse battery', bad)).toEqual({ ok: false, reason: 'malformed-hash' });
      expect(needsRehash(bad)).toBe(true);
    }
    const hostile = `$scrypt$ln=20,r=99,p=1$${salt}$${key}`;
    expect(await verifyPassword('correct horse battery', hostile)).toEqual({ ok: false, reason: 'unsupported-cost' });
  });
});
