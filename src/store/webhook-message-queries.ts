// Every SQL statement on the `webhook_messages` table, prepared once per connection.
import { cachedStatements } from './cached-statements.js';

export const webhookMessageQueries = cachedStatements((db) => ({
  /** `changes` is 0 when this provider's message id was seen before: a replay. */
  remember: db.prepare<{ provider: string; id: string; now: string }>(
    'INSERT OR IGNORE INTO webhook_messages (provider, id, received_at) VALUES (@provider, @id, @now)',
  ),
  /** Ids older than `before` (ISO) are forgotten: a call that old is refused by its timestamp anyway. */
  forgetOne: db.prepare<{ provider: string; id: string }>('DELETE FROM webhook_messages WHERE provider = @provider AND id = @id'),
  forget: db.prepare<{ before: string }>('DELETE FROM webhook_messages WHERE received_at < @before'),
}));
