// `roundup subscribers import` of 1,000,000 rows (about 42 MB of CSV) into a fresh SQLite file: the shipped
// command (dist/, streaming: two passes, batches of 2,000 rows) against the whole-file import it replaced
// (bench/import-whole.mjs: read, parse and merge all at once, one transaction), in the same run. Wall time and each
// child's peak RSS. One row in 10,000 has a bad address and is reported.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt } from './measure.js';

export const name = 'subscribers import: 1,000,000 rows streamed, against the whole-file import';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RSS_PROBE = fileURLToPath(new URL('./print-max-rss.mjs', import.meta.url));
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  out.write('email,name,topics\r\n');
  let chunk = '';
  for (let i = 0; i < ROWS; i++) {
    chunk += i % 10_000 === 9_999 ? `not-an-address-${i},Bad Row,\r\n` : `reader${i}@example${i % 97}.com,Reader ${i},id;topic${i % 7}\r\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
}

function child(args: string[], env: Record<string, string>): { ms: number; rssMb: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', RSS_PROBE, ...args], { env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.slice(-800)}`);
  return { ms, rssMb: Number(/max-rss-kb=(\d+)/.exec(run.stderr)?.[1]) / 1024, stdout: run.stdout };
}

export async function run(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist/cli/roundup.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const dir = mkdtempSync(join(tmpdir(), 'roundup-import-bench-'));
  try {
    const csv = join(dir, 'subscribers.csv');
    await writeCsv(csv);
    const mb = statSync(csv).size / 1e6;
    const env = { ROUNDUP_CONFIG: join(ROOT, 'config/roundup.yaml') };
    const whole = child([join(ROOT, 'bench/import-whole.mjs'), csv, join(dir, 'whole.db')], env);
    const streamed = child([join(ROOT, 'dist/cli/roundup.js'), 'subscribers', 'import', csv, '--json'], { ...env, ROUNDUP_DB: join(dir, 'streamed.db') });
    const counts = (text: string) => {
      const r = JSON.parse(text) as { added: number; invalidCount: number };
      return `${r.added} added, ${r.invalidCount} invalid`;
    };
    console.log(`file: ${ROWS.toLocaleString('en')} rows, ${fmt(mb)} MB`);
    console.log(`whole file (baseline)   ${fmt(whole.ms / 1000)} s, peak RSS ${fmt(whole.rssMb)} MB (${counts(whole.stdout)})`);
    console.log(`streamed (roundup)      ${fmt(streamed.ms / 1000)} s, peak RSS ${fmt(streamed.rssMb)} MB (${counts(streamed.stdout)})`);
    console.log(
      `streamed/whole: time ${(streamed.ms / whole.ms).toFixed(2)}x, memory ${(streamed.rssMb / whole.rssMb).toFixed(2)}x; ` +
        `${fmt(ROWS / (streamed.ms / 1000))} rows/s streamed`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
