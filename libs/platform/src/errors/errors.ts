/** Base of every error sipflow throws on purpose; anything else is a bug. */
export class SipflowError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Thrown at start-up when the environment does not describe a valid configuration; lists every problem. */
export class ConfigError extends SipflowError {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/**
 * Thrown by adapters when a dependency (Kafka, ClickHouse) cannot take the request right now.
 * Callers back off and retry without committing progress; it never means the input was bad.
 */
export class DependencyUnavailableError extends SipflowError {
  constructor(
    readonly dependency: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${dependency} unavailable: ${message}`, options);
  }
}

/** Thrown when a caller asks for something that does not exist (a call id, a file). */
export class NotFoundError extends SipflowError {}
