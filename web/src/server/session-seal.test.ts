import { describe, expect, it } from 'vitest';
import { sealSession, unsealSession, type PortalSession } from './session-seal';

const secret = 'a-test-secret-of-at-least-32-characters!';
const now = Date.UTC(2026, 10, 24, 12);
const session: PortalSession = {
  username: 'alice',
  displayName: 'Alice',
  roles: ['support'],
  actions: ['calls:read'],
  accessToken: 'header.payload.signature',
  accessExpiresAt: now + 5 * 60_000,
  refreshToken: 'refresh-token',
  refreshExpiresAt: now + 8 * 3600_000,
};

describe('session cookie sealing', () => {
  it('round-trips and hides the tokens from whoever holds the cookie', async () => {
    const sealed = await sealSession(session, secret);
    expect(sealed).not.toContain('header.payload.signature');
    expect(sealed).not.toContain('alice');
    expect(await unsealSession(sealed, secret, now)).toMatchObject(session);
  });

  it('refuses a cookie sealed with another secret, altered, or past its refresh expiry', async () => {
    const sealed = await sealSession(session, secret);
    expect(await unsealSession(sealed, 'another-secret-of-at-least-32-characters', now)).toBeUndefined();
    const parts = sealed.split('.');
    parts[3] = parts[3]!.slice(0, -2) + (parts[3]!.endsWith('AA') ? 'BB' : 'AA');
    expect(await unsealSession(parts.join('.'), secret, now)).toBeUndefined();
    expect(await unsealSession(sealed, secret, session.refreshExpiresAt + 60_000)).toBeUndefined();
    expect(await unsealSession(undefined, secret, now)).toBeUndefined();
  });
});
