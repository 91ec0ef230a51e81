// The generated code (proto/gen/ts, from `nx run proto:generate`) behind one entry point.
export * from '../gen/ts/sipflow/v1/sip_record';
