import { describe, expect, it, vi } from 'vitest';
import {
  addSubscriber,
  iterateActive,
  iterateSubscribers,
  pageSubscribers,
  setSubscriberStatus,
  subscriberQueries,
  type Database,
} from '../../src/store/index.js';
import { openTempDb } from './temp-db.js';

/** Bulk insert straight through SQL (fast), every 10th one unsubscribed. */
function fill(db: Database, n: number): void {
  const insert = db.prepare(
    `INSERT INTO subscribers (email, email_key, name, topics, status, joined_at, joined_via, updated_at)
     VALUES (?, ?, '', '[]', ?, '2026-01-01T00:00:00.000Z', 'test', '2026-01-01T00:00:00.000Z')`,
  );
  db.transaction(() => {
    for (let i = 1; i <= n; i++) {
      const email = `p${i}@example.com`;
      insert.run(email, email, i % 10 === 0 ? 'unsubscribed' : 'active');
    }
  })();
}

describe('iterating subscribers', () => {
  it('goes through 50,000 subscribers page by page, each once, in id order, never holding more than a page', () => {
    const db = openTempDb();
    fill(db, 50_000);
    // record the size of every page read (the statements are cached per connection, so this is the one used)
    const statement = subscriberQueries(db).pageByStatus;
    const pageSizes: number[] = [];
    const all = statement.all.bind(statement);
    vi.spyOn(statement, 'all').mockImplementation((...args: Parameters<typeof all>) => {
      const rows = all(...args);
      pageSizes.push(rows.length);
      return rows;
    });
    const iterator = iterateActive(db, 1000);
    let count = 0;
    let lastId = 0;
    let first = true;
    for (const s of iterator) {
      expect(s.id).toBeGreaterThan(lastId);
      expect(s.status).toBe('active');
      lastId = s.id;
      count++;
      if (first) {
        first = false;
        // Lazy: a subscriber added now, after the first page was read, is still met at the end. A reader
        // that loaded the whole list up front would not see it.
        addSubscriber(db, { email: 'late@example.com' }, { via: 'test' });
      }
    }
    expect(count).toBe(45_001);
    expect(pageSizes.length).toBe(46);
    expect(Math.max(...pageSizes)).toBe(1000);
  });

  it('pages with a status filter or without, resuming after a given id', () => {
    const db = openTempDb();
    fill(db, 25);
    const page = pageSubscribers(db, { afterId: 5, limit: 4 });
    expect(page.map((s) => s.id)).toEqual([6, 7, 8, 9]);
    expect(pageSubscribers(db, { status: 'unsubscribed', limit: 10 }).map((s) => s.id)).toEqual([10, 20]);
    expect([...iterateSubscribers(db, { pageSize: 7 })].map((s) => s.id)).toEqual(
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    setSubscriberStatus(db, 3, 'paused', { via: 'test' });
    expect([...iterateSubscribers(db, { status: 'paused', pageSize: 1 })].map((s) => s.id)).toEqual([3]);
  });

  it('page queries use the (status, id) index rather than sorting the table', () => {
    const db = openTempDb();
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT * FROM subscribers WHERE status = 'active' AND id > 0 ORDER BY id LIMIT 10`)
      .all() as { detail: string }[];
    const details = plan.map((p) => p.detail).join('\n');
    expect(details).toContain('subscribers_by_status');
    expect(details).not.toContain('TEMP B-TREE');
  });
});
