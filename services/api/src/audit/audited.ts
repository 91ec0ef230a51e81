import { SetMetadata } from '@nestjs/common';

export const AUDITED = 'sipflow:audited';

/** What the audit log records for an RPC: its action name and the target read from the request. */
export interface AuditRule {
  action: string;
  target: (request: never) => string;
}

/** Every call of this RPC (a view of a call or message, an admin change) gets an audit_log row. */
export const Audited = <T>(action: string, target: (request: T) => string) =>
  SetMetadata(AUDITED, { action, target } as AuditRule);
