import { existsSync } from 'node:fs';
import { isPostgresUrl, openStore, type Store } from '../store/index.js';

/**
 * Runs `work` with the store ROUNDUP_DB names, closing it after. With `ifExists`, a SQLite file that does not exist
 * yet is not created: `work` is not run and the result is undefined (a preview or a build reads what is there;
 * only a send or an approval starts a database).
 */
export async function withStore<T>(location: string, work: (store: Store) => Promise<T>): Promise<T>;
export async function withStore<T>(location: string, work: (store: Store) => Promise<T>, options: { ifExists: true }): Promise<T | undefined>;
export async function withStore<T>(location: string, work: (store: Store) => Promise<T>, options: { ifExists?: boolean } = {}): Promise<T | undefined> {
  if (options.ifExists && !isPostgresUrl(location) && (location === ':memory:' || !existsSync(location))) return undefined;
  const store = await openStore(location);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
