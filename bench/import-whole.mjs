// The baseline for bench/import.bench.ts: an import as it was before it streamed, on the compiled code: the
// whole file read and parsed into memory, then merged in one transaction. `node import-whole.mjs FILE DB`.
import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '../dist/csv-records.js';
import { checkEmail, cleanName, mergeImportRows, openDatabase, parseTopics } from '../dist/store/index.js';

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
const counts = mergeImportRows(db, rows, { via: 'import', now: new Date() });
db.close();
process.stdout.write(`${JSON.stringify({ ...counts, invalidCount: invalid })}\n`);
