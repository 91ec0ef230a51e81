'use server';

import { redirect } from 'next/navigation';
import { ApiError } from '../../server/api/api-error';
import { login } from '../../server/api/auth';
import { safeNext, writeSession } from '../../server/session';

export interface SignInState {
  error?: string;
  username?: string;
}

/** Sign in through AuthService.Login; the API's tokens go into the encrypted cookie, never to the page. */
export async function signIn(_previous: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get('username') ?? '').trim();
  const password = String(form.get('password') ?? '');
  if (!username || !password) return { error: 'Enter your username and password.', username };
  try {
    await writeSession(await login(username, password));
  } catch (error) {
    if (error instanceof ApiError && (error.unauthenticated || error.forbidden))
      return { error: 'Wrong username or password.', username };
    if (error instanceof ApiError && error.unavailable)
      return { error: 'The sipflow API is not reachable; try again in a moment.', username };
    throw error;
  }
  redirect(safeNext(String(form.get('next') ?? '')));
}
