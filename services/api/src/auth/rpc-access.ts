import { SetMetadata } from '@nestjs/common';
import type { Action } from '@sipflow/auth';

export const RPC_ACCESS = 'sipflow:rpc-access';

/** Who may call an RPC: anyone (sign-in itself), or a signed-in principal allowed every action listed. */
export type RpcAccess = { public: true } | { public: false; actions: readonly Action[] };

/** Callable without a token. Only sign-in RPCs: the every-RPC test lists them explicitly. */
export const Public = () => SetMetadata(RPC_ACCESS, { public: true } satisfies RpcAccess);

/** Needs a valid token whose roles allow every one of `actions` (none: any signed-in user). */
export const Allow = (...actions: Action[]) => SetMetadata(RPC_ACCESS, { public: false, actions } satisfies RpcAccess);
