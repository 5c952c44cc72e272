import { hostname } from 'node:os';
import { RoundupError, errorMessage } from '../errors.js';
import { acquireLock, releaseLock, type Database } from '../store/index.js';

/** How long a send lock lasts without renewal; the holder renews it every quarter of this. */
export const SEND_LOCK_TTL_MS = 120_000;

export interface SendLock {
  readonly name: string;
  readonly holder: string;
  release(): void;
}

/**
 * One send per issue at a time (`roundup send`, `roundup run` and `roundup schedule` alike): a lease named
 * `send:<issue key>` in the database, renewed while the run lasts, so a crashed run blocks the next one for at
 * most `ttlMs`. A lease left by a run on this host whose process is gone (killed, crashed) is taken over at
 * once instead of waiting it out. Throws SEND_LOCKED when another live run holds it.
 */
export function holdSendLock(
  db: Database,
  issue: string,
  options: { ttlMs?: number; holder?: string; onRenewError?: (message: string) => void } = {},
): SendLock {
  const ttlMs = options.ttlMs ?? SEND_LOCK_TTL_MS;
  const name = `send:${issue}`;
  const holder = options.holder ?? `${hostname()}:${process.pid}`;
  let state = acquireLock(db, name, holder, ttlMs);
  if (!state.acquired && isDeadLocalHolder(state.holder)) {
    releaseLock(db, name, state.holder);
    state = acquireLock(db, name, holder, ttlMs);
  }
  if (!state.acquired) {
    throw new RoundupError(
      'SEND_LOCKED',
      `Another run (${state.holder}) is sending ${issue} until ${state.expiresAt} unless it renews. ` +
        'Wait for it to finish, or stop it; a crashed run releases the lock when it expires.',
    );
  }
  const onRenewError = options.onRenewError ?? ((m: string) => void process.stderr.write(`roundup: ${m}\n`));
  const timer = setInterval(() => {
    try {
      acquireLock(db, name, holder, ttlMs);
    } catch (error) {
      onRenewError(`could not renew the send lock: ${errorMessage(error)}`);
    }
  }, ttlMs / 4);
  timer.unref();
  return {
    name,
    holder,
    release() {
      clearInterval(timer);
      releaseLock(db, name, holder);
    },
  };
}

/** `host:pid` of a process on this host that no longer exists. */
function isDeadLocalHolder(holder: string): boolean {
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !pid || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
