// How the CLI starts: the shipped command compiled by tsc (dist/cli/roundup.js, what `npm install` builds)
// against the same code loaded through tsx from the sources (bin/roundup.js), in the same run: `--help` and a
// whole `build` of the sample's week. Wall time (median of runs) and the child's peak RSS.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './measure.js';

export const name = 'startup: the compiled CLI (dist) against tsx on the sources';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RSS_PROBE = fileURLToPath(new URL('./print-max-rss.mjs', import.meta.url));

interface Run {
  ms: number;
  rssMb: number;
}

function once(entry: string, args: string[], cwd: string): Run {
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--import', RSS_PROBE, join(ROOT, entry), ...args], {
    cwd,
    env: { ...process.env, ROUNDUP_CONFIG: join(ROOT, 'config/roundup.yaml') },
    encoding: 'utf8',
  });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`${entry} ${args.join(' ')} exited ${child.status}: ${child.stderr.slice(-500)}`);
  const rss = /max-rss-kb=(\d+)/.exec(child.stderr)?.[1];
  return { ms, rssMb: Number(rss) / 1024 };
}

function measure(entry: string, args: string[], cwd: string, runs: number): Run {
  once(entry, args, cwd); // warm the file cache
  const all = Array.from({ length: runs }, () => once(entry, args, cwd));
  return { ms: median(all.map((r) => r.ms)), rssMb: median(all.map((r) => r.rssMb)) };
}

export async function run(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist/cli/roundup.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  const cwd = mkdtempSync(join(tmpdir(), 'roundup-startup-'));
  try {
    for (const [label, args, runs] of [
      ['--help', ['--help'], 7],
      ['build --week 2026-W48', ['build', '--week', '2026-W48'], 3],
    ] as const) {
      const dist = measure('dist/cli/roundup.js', [...args], cwd, runs);
      const tsx = measure('bin/roundup.js', [...args], cwd, runs);
      console.log(
        `${label.padEnd(24)} compiled ${fmt(dist.ms)} ms, ${fmt(dist.rssMb)} MB · tsx ${fmt(tsx.ms)} ms, ${fmt(tsx.rssMb)} MB · ` +
          `compiled/tsx: time ${(dist.ms / tsx.ms).toFixed(2)}x, memory ${(dist.rssMb / tsx.rssMb).toFixed(2)}x`,
      );
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
