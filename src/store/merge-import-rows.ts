// Merging validated import rows into the subscriber list (SQLite), one batch per transaction, by the rules of
// plan-import.ts (shared with PostgreSQL).
import { emailKey } from './email-address.js';
import type { Database } from './open-database.js';
import { planImport, type KnownSubscriber } from './plan-import.js';
import type { ImportCounts, ImportRow } from './store.js';
import { subscriberQueries, toSubscriber } from './subscriber-queries.js';
import { writeTransaction } from './write-transaction.js';

export function mergeImportRows(db: Database, rows: readonly ImportRow[], options: { via: string; now: Date }): ImportCounts {
  const q = subscriberQueries(db);
  const now = options.now.toISOString();
  return writeTransaction(db, () => {
    // the batch's addresses looked up in key order (neighbouring keys share index pages, so a large list is not
    // read page by page for each row); new ones are added in file order, so ids keep the file's order
    const keys = [...new Set(rows.map((row) => emailKey(row.email)))].sort();
    const known = new Map<string, KnownSubscriber>();
    for (const key of keys) {
      const found = q.byKey.get(key);
      if (found) known.set(key, toSubscriber(found));
    }
    const plan = planImport(rows, known);
    for (const r of plan.inserts) {
      q.add.run({ email: r.email, key: r.key, name: r.name, topics: JSON.stringify(r.topics), status: r.status, now, via: options.via });
    }
    for (const u of plan.updates) q.updateProfile.run({ id: u.id, name: u.name, topics: JSON.stringify(u.topics), now });
    return plan.counts;
  });
}
