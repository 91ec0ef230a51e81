import 'server-only';
import { AuthServiceService, type Session } from '@sipflow/proto';
import type { PortalSession } from '../session-seal';
import { api } from './api';

function portalSession(session: Session | undefined): PortalSession {
  if (!session?.identity) throw new Error('the API answered without a session');
  return {
    username: session.identity.username,
    displayName: session.identity.displayName || session.identity.username,
    roles: session.identity.roles,
    actions: session.identity.actions,
    accessToken: session.accessToken,
    accessExpiresAt: Math.floor(session.accessTokenExpiresUs / 1000),
    refreshToken: session.refreshToken,
    refreshExpiresAt: Math.floor(session.refreshTokenExpiresUs / 1000),
  };
}

/** AuthService.Login: username and password for a session (the API checks the password hash). */
export async function login(username: string, password: string): Promise<PortalSession> {
  const response = await api().unary(AuthServiceService.login, { username, password });
  return portalSession(response.session);
}

export async function refresh(session: PortalSession): Promise<PortalSession> {
  const response = await api().unary(AuthServiceService.refresh, { refreshToken: session.refreshToken });
  return portalSession(response.session);
}

export async function logout(session: PortalSession): Promise<void> {
  await api().unary(AuthServiceService.logout, { refreshToken: session.refreshToken }, session.accessToken);
}
