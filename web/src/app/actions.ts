'use server';

import { redirect } from 'next/navigation';
import { logout } from '../server/api/auth';
import { clearSession, readSession } from '../server/session';

/** Sign out: end the session at the API (best effort: it may already be gone) and drop the cookie. */
export async function signOut(): Promise<void> {
  const session = await readSession();
  if (session) await logout(session).catch(() => undefined);
  await clearSession();
  redirect('/sign-in');
}
