export * from './connection';
export * from './data-dir-lock';
