// Runs one send in a child process, for the crash test: `node --import tsx send-child.ts DB SMTP_URL IN_FLIGHT LEASE_MS`.
// Prints a line per settled message so the parent can kill it part-way.
import { sendIssue } from '../../../src/deliver/send-issue.js';
import { createConnectionPoolTransport } from '../../../src/deliver/connection-pool-transport.js';
import { openDatabase, SqliteLedger } from '../../../src/store/index.js';
import { FAST_POLICY, LINKS, testSpec } from './fixture.js';

const [dbFile, url, inFlight, leaseMs] = process.argv.slice(2);
const db = openDatabase(dbFile!);
const report = await sendIssue({
  issue: '2026-W48',
  spec: testSpec(),
  links: LINKS,
  ledger: new SqliteLedger(db),
  transport: createConnectionPoolTransport({ url: url!, maxConnections: 4, maxMessages: 1000, rateLimit: 0 }),
  policy: { ...FAST_POLICY, inFlight: Number(inFlight) },
  leaseMs: Number(leaseMs ?? 120_000),
  onProgress: (p) => process.stdout.write(`progress ${p.submitted}\n`),
});
process.stdout.write(`done ${report.status}\n`);
db.close();
