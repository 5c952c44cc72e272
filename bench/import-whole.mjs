// The baseline for bench/import.bench.ts: the import as it was before it streamed, on the compiled code: the
// whole file read and parsed into memory, then merged row by row, in file order, in one transaction (the loop
// below is that release's mergeImportRows). `node import-whole.mjs FILE DB`.
import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '../dist/csv-records.js';
import { checkEmail, cleanName, emailKey, LEFT_STATUSES, mergeTopics, openDatabase, parseTopics, subscriberQueries, toSubscriber, writeTransaction } from '../dist/store/index.js';

const [file, dbFile] = process.argv.slice(2);
const records = parseCsvRecords(readFileSync(file, 'utf8'), { bom: true, trim: true, relax_column_count: true, skip_empty_lines: true });
const header = records.shift().record.map((h) => h.toLowerCase());
const [e, n, t] = ['email', 'name', 'topics'].map((c) => header.indexOf(c));
const rows = [];
let invalid = 0;
for (const { record, line } of records) {
  const checked = checkEmail(record[e] ?? '');
  if (!checked.ok) {
    invalid++;
    continue;
  }
  rows.push({ line, email: checked.email, name: cleanName(record[n] ?? ''), topics: parseTopics(record[t] ?? '') });
}
const db = openDatabase(dbFile);
const q = subscriberQueries(db);
const now = new Date().toISOString();
const counts = { added: 0, updated: 0, unchanged: 0, keptInactive: 0 };
writeTransaction(db, () => {
  for (const row of rows) {
    const key = emailKey(row.email);
    const existing = q.byKey.get(key);
    if (existing === undefined) {
      q.insert.get({ email: row.email, key, name: row.name, topics: JSON.stringify(row.topics), status: 'active', now, via: 'import' });
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
db.close();
process.stdout.write(`${JSON.stringify({ ...counts, invalidCount: invalid })}\n`);
