export * from './bus';
export * from './partitioner';
export * from './memory/memory.bus';
export * from './kafka/kafka.bus';
export * from './create-bus';
export * from './codec/sip-record.codec';
