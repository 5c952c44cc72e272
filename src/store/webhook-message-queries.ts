// Every SQL statement on the `webhook_messages` table, prepared once per connection.
import { cachedStatements } from './cached-statements.js';

export const webhookMessageQueries = cachedStatements((db) => ({
  /** `changes` is 0 when this provider's message id was seen before: a replay. */
  remember: db.prepare<{ provider: string; id: string; now: string }>(
    'INSERT OR IGNORE INTO webhook_messages (provider, id, received_at) VALUES (@provider, @id, @now)',
  ),
  /** The id, remembered since `since` (ISO). */
  seen: db.prepare<{ provider: string; id: string; since: string }, { n: number }>(
    'SELECT count(*) AS n FROM webhook_messages WHERE provider = @provider AND id = @id AND received_at >= @since',
  ),
  /** Ids older than `before` (ISO) are forgotten: a call that old is refused by its timestamp anyway. */
  forget: db.prepare<{ before: string }>('DELETE FROM webhook_messages WHERE received_at < @before'),
}));
