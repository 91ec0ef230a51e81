import type { Metadata } from '@grpc/grpc-js';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { callerOf } from '../auth/caller';
import { ApiError } from '../errors/api-error';
import { AuditService } from './audit.service';
import { AUDITED, type AuditRule } from './audited';

/**
 * Writes the audit row of an audited RPC (registered globally, runs after the guard): on success
 * the row is written before the response leaves, so no view goes unrecorded; refusals and errors
 * are recorded too.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rule = this.reflector.get<AuditRule | undefined>(AUDITED, context.getHandler());
    if (!rule) return next.handle();
    const rpc = context.switchToRpc();
    const caller = callerOf(rpc.getContext<Metadata>());
    const target = rule.target(rpc.getData() as never);
    return next.handle().pipe(
      mergeMap((value) => from(this.audit.record(caller, rule.action, target, 'ok').then(() => value))),
      catchError((error: unknown) => {
        const outcome = error instanceof ApiError && error.code === 7 ? 'denied' : 'error';
        return from(
          this.audit.record(caller, rule.action, target, outcome, error instanceof Error ? error.message : ''),
        ).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
