import { Metadata, status } from '@grpc/grpc-js';
import { type ArgumentsHost, Catch, Inject, type RpcExceptionFilter } from '@nestjs/common';
import { DependencyUnavailableError, NotFoundError, type Logger } from '@sipflow/platform';
import { type Observable, throwError } from 'rxjs';
import { API_LOGGER } from '../server/tokens';
import { ApiError } from './api-error';

/** What grpc-js sends for a failed call: code, message (details) and trailers. */
export interface GrpcError {
  code: status;
  details: string;
  metadata: Metadata;
}

/** Maps any error to a gRPC status with a message a person can act on; bugs are logged, not leaked. */
export function toGrpcError(error: unknown, logger?: Logger): GrpcError {
  const metadata = new Metadata();
  const make = (code: status, details: string, reason: string): GrpcError => {
    metadata.set('sipflow-reason', reason);
    return { code, details, metadata };
  };
  if (error instanceof ApiError) return make(error.code, error.message, error.reason ?? status[error.code]);
  if (error instanceof DependencyUnavailableError) {
    logger?.warn({ err: error }, 'dependency unavailable');
    return make(status.UNAVAILABLE, `${error.dependency} is not reachable right now; retry shortly`, 'unavailable');
  }
  if (error instanceof NotFoundError) return make(status.NOT_FOUND, error.message, 'not-found');
  logger?.error({ err: error }, 'unexpected error in an RPC');
  return make(status.INTERNAL, 'internal error (logged on the server)', 'internal');
}

@Catch()
export class GrpcExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(@Inject(API_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => toGrpcError(exception, this.logger));
  }
}
