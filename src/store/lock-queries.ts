// Every SQL statement on the `locks` table, prepared once per connection.
import { cachedStatements } from './cached-statements.js';

export const lockQueries = cachedStatements((db) => ({
  get: db.prepare<[string], { holder: string; expires_at: string }>(
    'SELECT holder, expires_at FROM locks WHERE name = ?',
  ),
  put: db.prepare<{ name: string; holder: string; now: string; expires: string }>(
    `INSERT INTO locks (name, holder, acquired_at, expires_at) VALUES (@name, @holder, @now, @expires)
     ON CONFLICT (name) DO UPDATE SET
       acquired_at = CASE WHEN holder = excluded.holder THEN acquired_at ELSE excluded.acquired_at END,
       holder = excluded.holder, expires_at = excluded.expires_at`,
  ),
  release: db.prepare<[string, string]>('DELETE FROM locks WHERE name = ? AND holder = ?'),
}));
