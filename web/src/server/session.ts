import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { sealSession, unsealSession, type PortalSession } from './session-seal';
import { portalSettings } from './settings';

export type { PortalSession } from './session-seal';

export const SESSION_COOKIE = 'sipflow_session';
// Refresh a little before the API would refuse the token, so a page never fails half-way.
const EARLY_MS = 15_000;

/** The signed-in user's session from the encrypted cookie, if any (expired access tokens included). */
export async function readSession(): Promise<PortalSession | undefined> {
  const jar = await cookies();
  return unsealSession(jar.get(SESSION_COOKIE)?.value, portalSettings().SIPFLOW_SESSION_SECRET, Date.now());
}

/** Stores the session (server actions and route handlers only: pages cannot set cookies). */
export async function writeSession(session: PortalSession): Promise<void> {
  const jar = await cookies();
  jar.set(SESSION_COOKIE, await sealSession(session, portalSettings().SIPFLOW_SESSION_SECRET), {
    httpOnly: true,
    sameSite: 'lax',
    secure: portalSettings().SIPFLOW_SECURE_COOKIES,
    path: '/',
    expires: new Date(session.refreshExpiresAt),
  });
}

export async function clearSession(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

/** Where to go back to after signing in: only paths of this portal, never another site. */
export function safeNext(next: string | undefined | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/calls';
}

/**
 * The session of a page that needs one. Without a session: to the sign-in page. With an access
 * token about to expire: through /auth/refresh, which renews it and comes back.
 */
export async function requireSession(path: string): Promise<PortalSession> {
  const session = await readSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  if (session.accessExpiresAt - EARLY_MS <= Date.now()) redirect(`/auth/refresh?next=${encodeURIComponent(path)}`);
  return session;
}

/** Whether the session's roles allow an action the API grants (e.g. 'admin:users'). */
export const may = (session: PortalSession, action: string) =>
  session.actions.includes(action) || session.roles.includes('admin');
