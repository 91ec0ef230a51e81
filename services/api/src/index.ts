export * from './health/health.module';
export * from './health/health.service';
export * from './health/readiness.registry';
