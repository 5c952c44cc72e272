// Holds a SQLite database's write lock from another process, as a backup tool or a stuck writer would:
// `node --import tsx hold-database.ts DB_FILE MS` takes BEGIN IMMEDIATE, prints `held`, waits MS, commits.
import BetterSqlite3 from 'better-sqlite3';

const [file, ms] = process.argv.slice(2);
const db = new BetterSqlite3(file!);
db.pragma('busy_timeout = 60000');
db.exec('BEGIN IMMEDIATE');
db.prepare("UPDATE subscribers SET updated_at = updated_at WHERE id = (SELECT min(id) FROM subscribers)").run();
process.stdout.write('held\n');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(ms));
db.exec('COMMIT');
db.close();
process.stdout.write('released\n');
