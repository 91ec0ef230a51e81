import type { Metadata } from '@grpc/grpc-js';
import type { Principal } from '@sipflow/auth';
import { ApiError } from '../errors/api-error';

/** Who is calling, as the guard established it. */
export interface Caller {
  principal: Principal;
  /** Remote address as gRPC saw it, for the audit log. */
  peer: string;
  /** Which verifier accepted the token: 'local' (AuthService.Login) or 'oidc'. */
  via: 'local' | 'oidc';
}

// Keyed by the call's Metadata object: the guard and the handler of one call receive the same one,
// and it is collected with the call.
const callers = new WeakMap<Metadata, Caller>();

export function bindCaller(metadata: Metadata, caller: Caller): void {
  callers.set(metadata, caller);
}

/** The caller of this RPC; a handler reached without the guard is a bug, refused rather than served. */
export function callerOf(metadata: Metadata | undefined): Caller {
  const caller = metadata && callers.get(metadata);
  if (!caller) throw ApiError.unauthenticated('no authenticated caller for this call');
  return caller;
}
