// How the long-running commands stop: sends (send, run) finish what is in flight; servers (preview, serve) close.

/**
 * The first Ctrl-C (or SIGTERM) aborts `signal` after saying so, so a send records the replies in flight and
 * stops; a second one quits at once (exit 130). Call `dispose()` when the work is done.
 */
export function gracefulStop(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    if (++interrupts > 1) process.exit(130);
    process.stderr.write('\nroundup: stopping after the messages in flight are answered (Ctrl-C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Waits for SIGINT or SIGTERM, then for `close(signal)`: how a server command stays up. */
export function runUntilStopped(close: (signal: NodeJS.Signals) => Promise<void>): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void close(signal).then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
