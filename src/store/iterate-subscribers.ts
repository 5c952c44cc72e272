// Reading subscribers in id order, one page at a time (keyset paging: `WHERE id > last ORDER BY id LIMIT n`),
// so memory holds one page whatever the size of the list, and no read transaction stays open between pages.
import type { Subscriber } from '../types.js';
import type { Database } from './open-database.js';
import { subscriberQueries, toSubscriber, type SubscriberStatus } from './subscriber-queries.js';

export interface PageOptions {
  /** Only this status; all when absent. */
  status?: SubscriberStatus;
  /** Ids greater than this (0 to start). */
  afterId?: number;
  limit?: number;
}

/** One page of subscribers after `afterId`, in id order. */
export function pageSubscribers(db: Database, options: PageOptions = {}): Subscriber[] {
  const q = subscriberQueries(db);
  const afterId = options.afterId ?? 0;
  const limit = options.limit ?? 1000;
  const rows =
    options.status === undefined
      ? q.pageAll.all(afterId, limit)
      : q.pageByStatus.all(options.status, afterId, limit);
  return rows.map(toSubscriber);
}

/** Every subscriber (of one status, when given), fetched lazily `pageSize` at a time. */
export function* iterateSubscribers(
  db: Database,
  options: { status?: SubscriberStatus; pageSize?: number } = {},
): Generator<Subscriber, void, undefined> {
  let afterId = 0;
  const limit = options.pageSize ?? 1000;
  for (;;) {
    const page = pageSubscribers(db, { ...options, afterId, limit });
    yield* page;
    if (page.length < limit) return;
    afterId = page[page.length - 1]!.id;
  }
}

/** Every active subscriber, lazily, in id order. */
export function iterateActive(db: Database, pageSize = 1000): Generator<Subscriber, void, undefined> {
  return iterateSubscribers(db, { status: 'active', pageSize });
}

/** Every subscriber of a store (of one status, when given), a page at a time, in id order. */
export async function* eachSubscriber(
  repo: { page(options: PageOptions): Promise<Subscriber[]> },
  options: { status?: SubscriberStatus; pageSize?: number } = {},
): AsyncGenerator<Subscriber, void, undefined> {
  let afterId = 0;
  const limit = options.pageSize ?? 1000;
  for (;;) {
    const page = await repo.page({ ...(options.status ? { status: options.status } : {}), afterId, limit });
    yield* page;
    if (page.length < limit) return;
    afterId = page[page.length - 1]!.id;
  }
}
