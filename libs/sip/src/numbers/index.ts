export * from './normalise-number';
export * from './number-search';
