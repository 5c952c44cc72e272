// Merging validated import rows into the subscriber list (SQLite), one batch per transaction: a new address
// is added (with the status the file names, else active); one that left is kept as it is (an import never makes
// anyone active again); a known one gets a non-empty name and the union of topics.
import type { ImportCounts, ImportRow } from './store.js';
import { emailKey } from './email-address.js';
import type { Database } from './open-database.js';
import { mergeTopics } from './subscriber-fields.js';
import { LEFT_STATUSES, subscriberQueries, toSubscriber } from './subscriber-queries.js';
import { writeTransaction } from './write-transaction.js';

export function mergeImportRows(db: Database, rows: readonly ImportRow[], options: { via: string; now: Date }): ImportCounts {
  const q = subscriberQueries(db);
  const now = options.now.toISOString();
  const counts: ImportCounts = { added: 0, updated: 0, unchanged: 0, keptInactive: 0 };
  writeTransaction(db, () => {
    for (const row of rows) {
      const key = emailKey(row.email);
      const existing = q.byKey.get(key);
      if (existing === undefined) {
        q.insert.get({ email: row.email, key, name: row.name, topics: JSON.stringify(row.topics), status: row.status ?? 'active', now, via: options.via });
        counts.added++;
        continue;
      }
      if (LEFT_STATUSES.includes(existing.status)) {
        counts.keptInactive++;
        continue;
      }
      const current = toSubscriber(existing);
      const name = row.name !== '' ? row.name : current.name;
      const topics = mergeTopics(current.topics, row.topics);
      if (name === current.name && topics.length === current.topics.length) {
        counts.unchanged++;
        continue;
      }
      q.updateProfile.run({ id: existing.id, name, topics: JSON.stringify(topics), now });
      counts.updated++;
    }
  });
  return counts;
}
