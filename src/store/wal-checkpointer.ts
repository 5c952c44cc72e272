import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from './open-database.js';

// A send commits the ledger hundreds of times a second. In WAL mode SQLite copies the log back into the database
// file (a checkpoint, with an fsync) on whichever commit finds the log over 1,000 pages: during a send that is
// the sender's own thread, stalled for the copy while its SMTP replies wait. Measured, the checkpoints were a
// third of the ledger's cost per message. While a send runs, a worker thread with its own connection
// checkpoints instead (PASSIVE: it never waits for, nor blocks, a writer or reader), and the sender's
// connection only checkpoints itself as a backstop, at 10,000 pages, should the worker fall behind or die.

/** The sender's own checkpoint threshold while the worker runs (pages; SQLite's default is 1,000). */
const BACKSTOP_PAGES = 10_000;
const DEFAULT_PAGES = 1_000;

export interface WalCheckpointer {
  /** Stops the worker (after a last checkpoint) and gives the connection its own checkpoints back. */
  stop(): Promise<void>;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 0');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.once('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

/**
 * Starts checkpointing `db`'s WAL every `intervalMs` from a worker thread. Undefined when there is nothing to
 * do (an in-memory database, a journal that is not WAL). A worker that fails to start or dies leaves the
 * connection checkpointing itself at the backstop threshold until `stop`, never failing the caller.
 */
export function startWalCheckpointer(db: Database, intervalMs = 200): WalCheckpointer | undefined {
  if (db.memory || String(db.pragma('journal_mode', { simple: true })).toLowerCase() !== 'wal') return undefined;
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, file: db.name, intervalMs } });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', () => {}); // a worker that cannot open the file: the backstop checkpoints instead
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= (async () => {
        worker.ref(); // waited for: it must keep the process alive until it has exited (unref'd, an idle process would end first)
        worker.postMessage('stop');
        await exited;
        if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
      })();
      return stopped;
    },
  };
}
