// The store contract on SQLite files in temporary folders.
import { openSqliteStore } from '../../../src/store/index.js';
import { tempDir } from '../temp-db.js';
import { storeContract } from './store-contract.js';

storeContract('SQLite', async () => openSqliteStore(`${tempDir()}/roundup.db`));
