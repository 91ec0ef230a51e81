// The generated code (proto/gen/ts, from `nx run proto:generate`) behind one entry point: every
// message and, for the gRPC services, the grpc-js service definitions (`CallServiceService`…), the
// NestJS controller interfaces and the grpc-js client constructors.
export * from '../gen/ts/index.sipflow.v1';
