import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '@sipflow/platform';
import type { ApiStore, AuditEntry } from '@sipflow/store';
import type { Caller } from '../auth/caller';
import { API_LOGGER, API_STORE } from '../server/tokens';

/**
 * Writes the audit log (ARCHITECTURE "Access control": who, what, when, from where). A view is
 * recorded before its data is returned; if the log cannot be written the call fails, so nothing is
 * seen unrecorded.
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(API_STORE) private readonly store: ApiStore,
    @Inject(API_LOGGER) private readonly logger: Logger,
  ) {}

  async record(
    who: Pick<Caller, 'peer'> & { principal?: Caller['principal']; subject?: string },
    action: string,
    target: string,
    outcome: 'ok' | 'denied' | 'error',
    detail = '',
  ): Promise<void> {
    const entry: AuditEntry = {
      ts: Date.now(),
      subject: who.principal?.subject ?? who.subject ?? '',
      roles: [...(who.principal?.roles ?? [])],
      action,
      target: target.slice(0, 1024),
      peer: who.peer,
      outcome,
      detail: detail.slice(0, 4096),
    };
    try {
      await this.store.audit([entry]);
    } catch (error) {
      this.logger.error({ err: error, audit: entry }, 'audit log write failed');
      throw error;
    }
  }
}
