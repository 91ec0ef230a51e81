import 'server-only';
import { redirect } from 'next/navigation';
import { portalSettings } from '../settings';
import { ApiClient } from './api-client';
import { ApiError } from './api-error';

let client: ApiClient | undefined;

/** The API client for this process (address from SIPFLOW_API_ADDRESS). */
export function api(): ApiClient {
  client ??= new ApiClient(portalSettings().SIPFLOW_API_ADDRESS);
  return client;
}

export type Loaded<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * Runs a data-access call for a page: a refused token sends the user to sign in again (the
 * session ended on the API side); other API errors come back as values the page explains.
 */
export async function load<T>(path: string, work: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.unauthenticated) redirect(`/sign-in?expired=1&next=${encodeURIComponent(path)}`);
    return { ok: false, error };
  }
}
