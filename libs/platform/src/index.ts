export * from './config/variable';
export * from './config/load-config';
export * from './config/fragments';
export * from './config/read-json-file';
export * from './logger/logger';
export * from './errors/errors';
export * from './errors/retry';
export * from './lifecycle/shutdown';
