export * from './kafka';
export * from './poll';
export * from '@sipflow/corpus';
export * from './temp-dir';
export * from './seed-call';
export * from './rfc-flow';
export * from './traffic';
export * from './syslog-traffic';
