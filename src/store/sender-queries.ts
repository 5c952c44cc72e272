// Every SQL statement on `send_workers`, `send_pace` and `limit_events` (SQLite), prepared once per connection.
import { cachedStatements } from './cached-statements.js';

export interface SenderRow {
  worker: string;
  issue: string;
  host: string;
  pid: number;
  started_at: number;
  seen_at: number;
  ended_at: number | null;
  status: string;
  submitted: number;
  failed: number;
  bounced: number;
}

export const senderQueries = cachedStatements((db) => ({
  register: db.prepare<{ worker: string; issue: string; host: string; pid: number; now: number }>(
    `INSERT INTO send_workers (worker, issue, host, pid, started_at, seen_at) VALUES (@worker, @issue, @host, @pid, @now, @now)
     ON CONFLICT (worker) DO UPDATE SET seen_at = excluded.seen_at`,
  ),
  heartbeat: db.prepare<{ worker: string; now: number; submitted: number; failed: number; bounced: number }>(
    'UPDATE send_workers SET seen_at = @now, submitted = @submitted, failed = @failed, bounced = @bounced WHERE worker = @worker',
  ),
  end: db.prepare<{ worker: string; now: number; status: string }>(
    'UPDATE send_workers SET seen_at = @now, ended_at = @now, status = @status WHERE worker = @worker',
  ),
  list: db.prepare<[string], SenderRow>('SELECT * FROM send_workers WHERE issue = ? ORDER BY started_at, worker'),
  pace: db.prepare<[string], { next_at: number }>('SELECT next_at FROM send_pace WHERE issue = ?'),
  setPace: db.prepare<{ issue: string; next: number }>(
    'INSERT INTO send_pace (issue, next_at) VALUES (@issue, @next) ON CONFLICT (issue) DO UPDATE SET next_at = excluded.next_at',
  ),
  countEvents: db.prepare<{ key: string; since: number }, { n: number }>('SELECT count(*) AS n FROM limit_events WHERE key = @key AND at > @since'),
  addEvent: db.prepare<{ key: string; at: number }>('INSERT INTO limit_events (key, at) VALUES (@key, @at)'),
  forget: db.prepare<{ before: number }>('DELETE FROM limit_events WHERE at <= @before'),
}));
