import { DependencyUnavailableError, SipflowError } from '@sipflow/platform';

/** ClickHouse rejected a statement for a reason retrying cannot fix (a bug, or a value it cannot store). */
export class StoreQueryError extends SipflowError {
  constructor(
    message: string,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Server error codes that mean "not now" (ClickHouse src/Common/ErrorCodes.cpp): overload, limits,
 * read-only replicas, keeper and network trouble. Anything else from the server is a StoreQueryError.
 */
const TRANSIENT_CODES = new Set([
  '3', // UNEXPECTED_END_OF_FILE
  '159', // TIMEOUT_EXCEEDED
  '160', // TOO_SLOW
  '164', // READONLY
  '202', // TOO_MANY_SIMULTANEOUS_QUERIES
  '209', // SOCKET_TIMEOUT
  '210', // NETWORK_ERROR
  '241', // MEMORY_LIMIT_EXCEEDED
  '242', // TABLE_IS_READ_ONLY
  '252', // TOO_MANY_PARTS
  '285', // TOO_FEW_LIVE_REPLICAS
  '319', // UNKNOWN_STATUS_OF_INSERT
  '425', // SYSTEM_ERROR
  '999', // KEEPER_EXCEPTION
]);

const NETWORK = /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|socket hang up|Timeout error|connect/i;

/** Sorts a failure of the database into retry-later or give-up. */
export function classifyStoreError(error: unknown): Error {
  if (error instanceof DependencyUnavailableError || error instanceof StoreQueryError) return error;
  if (error instanceof TypeError || error instanceof RangeError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code =
    typeof error === 'object' && error && 'code' in error ? String((error as { code: unknown }).code) : undefined;
  if (code && /^\d+$/.test(code)) {
    return TRANSIENT_CODES.has(code)
      ? new DependencyUnavailableError('clickhouse', message, { cause: error })
      : new StoreQueryError(message, code, { cause: error });
  }
  if (NETWORK.test(message) || (code && NETWORK.test(code))) {
    return new DependencyUnavailableError('clickhouse', message, { cause: error });
  }
  return new StoreQueryError(message, code, { cause: error });
}

/** The store's one error boundary. */
export async function guard<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw classifyStoreError(error);
  }
}
