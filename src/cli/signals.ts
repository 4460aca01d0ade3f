/** Graceful stop on SIGINT/SIGTERM for long-running commands; a second signal exits at once. */
import type { Logger } from '../lib/log.js';

/** `onSecondSignal`: what happens to unfinished work when the user insists (it differs by backend). */
export function stopOnSignals(
  stop: () => Promise<void>,
  log: Logger,
  onSecondSignal = 'unfinished tasks are redelivered by the queue',
): void {
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    signals += 1;
    if (signals > 1) {
      process.stderr.write(`Second signal: exiting now; ${onSecondSignal}.\n`);
      process.exit(130);
    }
    log.info({ signal }, 'signal received: stopping gracefully');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
