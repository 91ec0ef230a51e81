import { status } from '@grpc/grpc-js';

/** The portal's one error type for the API boundary: a gRPC status in words people can act on. */
export class ApiError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get unauthenticated() {
    return this.code === status.UNAUTHENTICATED;
  }
  get forbidden() {
    return this.code === status.PERMISSION_DENIED;
  }
  get invalid() {
    return this.code === status.INVALID_ARGUMENT;
  }
  get notFound() {
    return this.code === status.NOT_FOUND;
  }
  get unavailable() {
    return this.code === status.UNAVAILABLE || this.code === status.DEADLINE_EXCEEDED;
  }
}
