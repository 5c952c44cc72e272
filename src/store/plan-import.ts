// The import's merge rules as one pure function, shared by the SQLite and PostgreSQL stores: given a batch of
// rows and what the list already holds for their addresses, what to insert, what to update and what to count.
// Rows are judged in file order, each against the list as the rows before it left it, so a repeat later in the
// same file merges into the first (SQLite ran them one by one; PostgreSQL runs the plan in three statements).
// - a new address: added with the status the file names, else active;
// - one that left (unsubscribed, bounced, complained): kept as it is, counted in keptInactive (an import never
//   makes anyone active again);
// - a known one: a non-empty name replaces the stored one, topics are united; unchanged when neither changes.
import { emailKey } from './email-address.js';
import type { ImportCounts, ImportRow } from './store.js';
import { mergeTopics } from './subscriber-fields.js';
import { LEFT_STATUSES, type SubscriberStatus } from './subscriber-queries.js';

/** What the list holds for an address (by its key). */
export interface KnownSubscriber {
  id: number;
  name: string;
  topics: string[];
  status: SubscriberStatus;
}

export interface NewSubscriberRow {
  email: string;
  key: string;
  name: string;
  topics: string[];
  status: SubscriberStatus;
}

export interface ImportPlan {
  /** New addresses, in file order, merged with their repeats in the batch. */
  inserts: NewSubscriberRow[];
  /** Known subscribers whose profile changes (their final name and topics). */
  updates: { id: number; name: string; topics: string[] }[];
  counts: ImportCounts;
}

export function planImport(rows: readonly ImportRow[], known: ReadonlyMap<string, KnownSubscriber>): ImportPlan {
  const counts: ImportCounts = { added: 0, updated: 0, unchanged: 0, keptInactive: 0 };
  const fresh = new Map<string, NewSubscriberRow>();
  const changed = new Map<number, { id: number; name: string; topics: string[] }>();
  const current = new Map<string, KnownSubscriber>();
  for (const row of rows) {
    const key = emailKey(row.email);
    const added = fresh.get(key);
    const existing = added ? undefined : (current.get(key) ?? known.get(key));
    if (!added && !existing) {
      fresh.set(key, { email: row.email, key, name: row.name, topics: [...row.topics], status: row.status ?? 'active' });
      counts.added++;
      continue;
    }
    const target = added ?? existing!;
    if (LEFT_STATUSES.includes(target.status)) {
      counts.keptInactive++;
      continue;
    }
    const name = row.name !== '' ? row.name : target.name;
    const topics = mergeTopics(target.topics, row.topics);
    if (name === target.name && topics.length === target.topics.length) {
      counts.unchanged++;
      continue;
    }
    counts.updated++;
    if (added) {
      added.name = name;
      added.topics = topics;
    } else {
      const next = { ...existing!, name, topics };
      current.set(key, next);
      changed.set(next.id, { id: next.id, name, topics });
    }
  }
  return { inserts: [...fresh.values()], updates: [...changed.values()], counts };
}
