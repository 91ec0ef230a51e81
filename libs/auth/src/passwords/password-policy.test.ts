import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../index';

describe('checkPasswordPolicy', () => {
  it('accepts long passwords and passphrases without composition rules', () => {
    for (const password of [
      'correct horse battery',
      'tr0ub4dor&3-xyzzy',
      'längere Passphrase',
      'ゆっくり歩いて帰ろう今日',
    ]) {
      expect(checkPasswordPolicy(password, { username: 'sam' }), password).toEqual({ ok: true, reasons: [] });
    }
  });

  it('refuses short passwords, counting characters rather than bytes', () => {
    expect(checkPasswordPolicy('short-pw')).toEqual({ ok: false, reasons: ['too-short'] });
    expect(checkPasswordPolicy('ゆっくり歩いて').reasons).toContain('too-short');
    expect(checkPasswordPolicy('x'.repeat(300)).reasons).toEqual(['too-long', 'one-character']);
    expect(checkPasswordPolicy('twelve chars', { minLength: 16 }).reasons).toEqual(['too-short']);
  });

  it('refuses common passwords and common stems with digits or symbols added', () => {
    for (const password of [
      '123456789012',
      'qwerty123456',
      'Password2024!',
      'P@ssw0rd12345',
      '!!Welcome12345',
      'iloveyou1234',
      'sipflow-2026-01',
    ]) {
      expect(checkPasswordPolicy(password).reasons, password).toContain('common');
    }
    expect(checkPasswordPolicy('aaaaaaaaaaaaaa').reasons).toEqual(['one-character']);
  });

  it('refuses the user name, in any case, and passwords containing it', () => {
    expect(checkPasswordPolicy('Sam.Support@acme', { username: 'sam.support@acme' }).reasons).toEqual([
      'same-as-username',
    ]);
    expect(checkPasswordPolicy('my name is jsmith-the-great', { username: 'JSmith' }).reasons).toEqual([
      'contains-username',
    ]);
  });

  it('lists every reason at once', () => {
    expect(checkPasswordPolicy('admin', { username: 'admin' })).toEqual({
      ok: false,
      reasons: ['too-short', 'common', 'same-as-username'],
    });
  });
});
