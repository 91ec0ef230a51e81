import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { Inject, Injectable } from '@nestjs/common';
import {
  checkPasswordPolicy,
  hashPassword,
  isRole,
  needsRehash,
  permissionsOf,
  verifyPassword,
  type Principal,
  type Role,
  type Scopes,
} from '@sipflow/auth';
import type { ApiStore, StoredUser } from '@sipflow/store';
import { ApiError } from '../errors/api-error';
import { API_SETTINGS, API_STORE, AUTHENTICATOR } from '../server/tokens';
import type { ApiSettings } from '../server/api-settings';
import type { Authenticator } from './authenticator';

export interface IssuedSession {
  accessToken: string;
  accessTokenExpiresUs: number;
  refreshToken: string;
  refreshTokenExpiresUs: number;
  user: StoredUser;
  principal: Principal;
}

const sessionIdOf = (refreshToken: string) => createHash('sha256').update(refreshToken).digest('hex');

export function principalOf(user: StoredUser): Principal {
  return {
    subject: user.id,
    roles: user.roles.filter(isRole),
    scopes: JSON.parse(user.scopes || '{}') as Scopes,
    name: user.username,
  };
}

export function actionsOf(roles: readonly string[]): string[] {
  return [...new Set(roles.flatMap((role) => permissionsOf(role)))];
}

/**
 * Local accounts: sign-in with a password (scrypt hash from libs/auth, never the password itself),
 * refresh sessions (only a hash of the refresh token is stored), and the first admin account.
 */
@Injectable()
export class AccountsService {
  private dummyHash?: Promise<string>;

  constructor(
    @Inject(API_STORE) private readonly store: ApiStore,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async login(username: string, password: string): Promise<IssuedSession> {
    const user = username ? await this.store.findUserByName(username.trim()) : undefined;
    // An unknown user costs the same hash as a wrong password: timing does not reveal accounts.
    this.dummyHash ??= hashPassword(randomUUID());
    const check = await verifyPassword(password, user?.passwordHash || (await this.dummyHash));
    if (!user || !check.ok || user.disabled) {
      throw ApiError.unauthenticated('wrong user name or password', 'bad-credentials');
    }
    if (needsRehash(user.passwordHash)) {
      await this.store.putUser({ ...user, passwordHash: await hashPassword(password), updated: Date.now() });
    }
    return this.openSession(user);
  }

  async refresh(refreshToken: string): Promise<IssuedSession> {
    const session = refreshToken ? await this.store.getSession(sessionIdOf(refreshToken)) : undefined;
    if (!session || session.revoked || session.expires <= Date.now()) {
      throw ApiError.unauthenticated('the session has ended: sign in again', 'session-ended');
    }
    const user = await this.store.getUser(session.userId);
    if (!user || user.disabled) throw ApiError.unauthenticated('the account is disabled or gone', 'session-ended');
    // Rotation: the refresh token is spent, a new one is issued (RFC 9700 §4.14.2).
    await this.store.putSession({ ...session, revoked: true });
    return this.openSession(user, session.expires);
  }

  async logout(subject: string, refreshToken: string): Promise<void> {
    const session = refreshToken ? await this.store.getSession(sessionIdOf(refreshToken)) : undefined;
    if (!session) return;
    if (session.userId !== subject) throw ApiError.denied('that session is not yours');
    await this.store.putSession({ ...session, revoked: true });
  }

  async createUser(input: {
    username: string;
    displayName: string;
    roles: string[];
    scopes: Scopes;
    password: string;
  }): Promise<StoredUser> {
    const username = input.username.trim();
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(username)) {
      throw ApiError.invalid('a user name is 1 to 64 letters, digits, dots, dashes, underscores or @');
    }
    const roles = validRoles(input.roles);
    this.checkPassword(input.password, username);
    if (await this.store.findUserByName(username)) {
      throw new ApiError(status.ALREADY_EXISTS, `a user named ${username} exists already`, 'already-exists');
    }
    const now = Date.now();
    const user: StoredUser = {
      id: randomUUID(),
      username,
      displayName: input.displayName.trim() || username,
      roles,
      scopes: JSON.stringify(input.scopes),
      passwordHash: await hashPassword(input.password),
      disabled: false,
      created: now,
      updated: now,
    };
    await this.store.putUser(user);
    return user;
  }

  async setPassword(user: StoredUser, password: string): Promise<void> {
    this.checkPassword(password, user.username);
    await this.store.putUser({ ...user, passwordHash: await hashPassword(password), updated: Date.now() });
  }

  /**
   * The first start: an `admin` account with a generated password, returned once to be printed;
   * only its hash is kept. Nothing happens when any user exists.
   */
  async bootstrapAdmin(): Promise<{ username: string; password: string } | undefined> {
    if ((await this.store.listUsers()).length > 0) return undefined;
    const password = randomBytes(18).toString('base64url');
    await this.createUser({ username: 'admin', displayName: 'Administrator', roles: ['admin'], scopes: {}, password });
    return { username: 'admin', password };
  }

  private checkPassword(password: string, username: string): void {
    const policy = checkPasswordPolicy(password, { username });
    if (!policy.ok)
      throw ApiError.invalid(`the password is not acceptable: ${policy.reasons.join(', ')}`, 'weak-password');
  }

  private async openSession(user: StoredUser, expires?: number): Promise<IssuedSession> {
    const principal = principalOf(user);
    const accessToken = await this.authenticator.issue(principal);
    const refreshToken = randomBytes(32).toString('base64url');
    const now = Date.now();
    const sessionExpires = expires ?? now + this.settings.sessionTtlHours * 3_600_000;
    await this.store.putSession({
      id: sessionIdOf(refreshToken),
      userId: user.id,
      revoked: false,
      created: now,
      expires: sessionExpires,
    });
    return {
      accessToken,
      accessTokenExpiresUs: (now + this.settings.tokenTtlSeconds * 1000) * 1000,
      refreshToken,
      refreshTokenExpiresUs: sessionExpires * 1000,
      user,
      principal,
    };
  }
}

export function validRoles(roles: readonly string[]): Role[] {
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length)
    throw ApiError.invalid(`unknown role ${unknown.join(', ')}: roles are admin, engineer, support, customer`);
  if (roles.length === 0) throw ApiError.invalid('a user needs at least one role');
  return [...new Set(roles as Role[])];
}
