export * from './kafka-launcher';
