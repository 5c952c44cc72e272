import { errorMessage, isRoundupError } from '../errors.js';

export interface PollerOptions {
  /** Time between the end of one poll and the start of the next. */
  everyMs: number;
  /** One poll (e.g. reading the feedback mailbox); resolves to a line to log, or undefined for nothing worth saying. */
  poll: () => Promise<string | undefined>;
  log: (line: string) => void;
}

export interface Poller {
  /** Polls so far. */
  polls(): number;
  /** No more polls; resolves when a poll in progress has ended. */
  stop(): Promise<void>;
}

/**
 * Polls now and then every `everyMs` after the last poll ended (polls never overlap, a slow mailbox only delays
 * the next one). A failed poll is logged and the next one still happens.
 */
export function startPoller(o: PollerOptions): Poller {
  let stopped = false;
  let count = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (stopped) return;
    count++;
    running = o
      .poll()
      .then((line) => {
        if (line) o.log(line);
      })
      .catch((error: unknown) => o.log(`feedback poll failed${isRoundupError(error) ? ` [${error.code}]` : ''}: ${errorMessage(error)}`))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, o.everyMs);
      });
  };
  tick();
  return {
    polls: () => count,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
