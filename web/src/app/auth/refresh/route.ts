import { NextResponse, type NextRequest } from 'next/server';
import { refresh } from '../../../server/api/auth';
import { clearSession, readSession, safeNext, writeSession } from '../../../server/session';

/**
 * Renews an expiring access token with the refresh token and goes back where the user was; a
 * refused refresh (expired, revoked, user disabled) ends the session and asks to sign in again.
 */
export async function GET(request: NextRequest) {
  const next = safeNext(request.nextUrl.searchParams.get('next'));
  const session = await readSession();
  const back = (path: string) => NextResponse.redirect(new URL(path, request.url), 303);
  if (!session) return back(`/sign-in?next=${encodeURIComponent(next)}`);
  try {
    await writeSession(await refresh(session));
    return back(next);
  } catch {
    await clearSession();
    return back(`/sign-in?expired=1&next=${encodeURIComponent(next)}`);
  }
}
