import type { Logger } from '@nestjs/common';

/**
 * On the first SIGINT or SIGTERM: says so, runs `close` and exits 0, or 1 with the reason when
 * closing failed. Once only: a Ctrl-C reaches a cluster's workers both from the terminal and from
 * the primary. A second signal of the same kind gets Node's default (the process ends at once),
 * the way out of a drain that takes too long.
 */
export function exitOnShutdownSignal(logger: Logger, doing: string, close: () => Promise<void>): void {
  let started = false;
  const shutdown = (signal: NodeJS.Signals): void => {
    if (started) return;
    started = true;
    logger.log(`${signal}: ${doing}`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
