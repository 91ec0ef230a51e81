import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { HealthModule } from './health.module';
import { HealthService } from './health.service';
import { ReadinessRegistry } from './readiness.registry';

describe('HealthModule (Nest dependency injection)', () => {
  it('keeps decorator metadata: the constructor parameter types are emitted', () => {
    expect(Reflect.getMetadata('design:paramtypes', HealthService)).toEqual([ReadinessRegistry]);
  });

  it('boots a Nest module and injects providers by type', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [HealthModule] }).compile();
    const registry = moduleRef.get(ReadinessRegistry);
    registry.register('store', async () => true);
    registry.register('bus', async () => {
      throw new Error('broker down');
    });
    const report = await moduleRef.get(HealthService).report();
    expect(report).toEqual({ ready: false, checks: { store: true, bus: false } });
    await moduleRef.close();
  });
});
