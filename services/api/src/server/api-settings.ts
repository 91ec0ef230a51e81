import type { NumberPlan } from '@sipflow/auth';
import type { Retention } from '@sipflow/store';

/** What the API modules need from configuration, parsed once by the composition root. */
export interface ApiSettings {
  tokenTtlSeconds: number;
  sessionTtlHours: number;
  plan: NumberPlan;
  /** Retention from configuration; an administrator's change (AdminService.SetRetention) overrides it. */
  retention: Retention;
  watchPollMs: number;
}
