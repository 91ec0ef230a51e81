import { Module } from '@nestjs/common';
import { HealthService } from './health.service';
import { ReadinessRegistry } from './readiness.registry';

@Module({
  providers: [ReadinessRegistry, HealthService],
  exports: [ReadinessRegistry, HealthService],
})
export class HealthModule {}
