// The store contract on PostgreSQL: a throwaway cluster started for this file, a fresh database per test.
import { afterAll, beforeAll } from 'vitest';
import { openPostgresStore } from '../../../src/store/postgres/postgres-store.js';
import { startPostgres, type PostgresCluster } from '../helpers/postgres-cluster.js';
import { storeContract } from './store-contract.js';

let cluster: PostgresCluster;
beforeAll(async () => {
  cluster = await startPostgres();
}, 120_000);
afterAll(async () => cluster?.stop());

storeContract('PostgreSQL', async () => openPostgresStore(await cluster.database(), { max: 4 }));
