export * from './portal-server';
export * from './portal-build';
