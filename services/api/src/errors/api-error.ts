import { status } from '@grpc/grpc-js';
import { SipflowError } from '@sipflow/platform';

/**
 * The API boundary's one error type: a gRPC status code and a message a person can act on. Every
 * other error is mapped to one (rpc-exception.filter.ts) before it leaves the process.
 */
export class ApiError extends SipflowError {
  constructor(
    readonly code: status,
    message: string,
    /** Machine-readable reason, sent as the `sipflow-reason` trailer. */
    readonly reason?: string,
  ) {
    super(message);
  }

  static unauthenticated(message: string, reason = 'unauthenticated') {
    return new ApiError(status.UNAUTHENTICATED, message, reason);
  }

  static denied(message: string, reason = 'permission-denied') {
    return new ApiError(status.PERMISSION_DENIED, message, reason);
  }

  static invalid(message: string, reason = 'invalid-argument') {
    return new ApiError(status.INVALID_ARGUMENT, message, reason);
  }

  static notFound(message: string) {
    return new ApiError(status.NOT_FOUND, message, 'not-found');
  }
}
