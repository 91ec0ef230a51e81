import type { Logger } from 'pino';

export type Closer = { name: string; close: () => Promise<void> | void };

/**
 * Graceful shutdown: on SIGTERM/SIGINT, close components in reverse start order (listeners stop
 * accepting first, then pipelines flush, then adapters disconnect), bounded by a deadline.
 * Returns the function that runs the same sequence programmatically.
 */
export function installShutdown(
  logger: Logger,
  closers: Closer[],
  {
    deadlineMs = 20_000,
    exit = (code: number): void => process.exit(code),
  }: { deadlineMs?: number; exit?: (code: number) => void } = {},
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const shutdown = () =>
    (running ??= (async () => {
      const timer = setTimeout(() => {
        logger.error({ deadlineMs }, 'shutdown deadline passed; exiting');
        exit(1);
      }, deadlineMs);
      timer.unref();
      for (const closer of [...closers].reverse()) {
        try {
          await closer.close();
          logger.debug({ component: closer.name }, 'closed');
        } catch (err) {
          logger.error({ err, component: closer.name }, 'close failed');
        }
      }
      clearTimeout(timer);
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    void shutdown().then(() => exit(0));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return shutdown;
}
