export type * from './ladder-message';
export * from './palette';
export * from './assign-messages';
export * from './ladder-model';
export * from './render-text';
export * from './clocks/clock-estimate';
export * from './clocks/causal-order';
export * from './hops/hop-diff';
export * from './hops/hop-rewrites';
