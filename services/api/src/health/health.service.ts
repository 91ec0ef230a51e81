import { Injectable } from '@nestjs/common';
import { ReadinessRegistry } from './readiness.registry';

export interface HealthReport {
  ready: boolean;
  checks: Record<string, boolean>;
}

@Injectable()
export class HealthService {
  // Injected by type: Nest reads the constructor's `design:paramtypes` metadata, which only a
  // compiler that emits decorator metadata (tsc, SWC with decoratorMetadata) provides.
  constructor(private readonly registry: ReadinessRegistry) {}

  async report(): Promise<HealthReport> {
    const checks: Record<string, boolean> = {};
    for (const [name, check] of this.registry.entries()) {
      checks[name] = await check().catch(() => false);
    }
    return { ready: Object.values(checks).every(Boolean), checks };
  }
}
