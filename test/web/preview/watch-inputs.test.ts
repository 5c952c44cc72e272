import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchInputs, type InputWatcher } from '../../../src/web/preview/watch-inputs.js';

let dir: string | undefined;
let watcher: InputWatcher | undefined;
afterEach(async () => {
  await watcher?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = watcher = undefined;
});

describe('watchInputs', () => {
  it('sees a change to a watched data folder, but not to the read answers kept inside it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roundup-watch-'));
    const data = join(dir, 'data');
    mkdirSync(join(data, 'cache', 'reads', 'ga4'), { recursive: true });
    const seen: string[][] = [];
    watcher = watchInputs([data], (paths) => seen.push(paths), { debounceMs: 30, ignore: [join(data, 'cache')] });
    await watcher.ready;
    writeFileSync(join(data, 'cache', 'reads', 'ga4', '2026-W48.json'), '{}');
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]);
    writeFileSync(join(data, 'reads-2026-W48.csv'), 'url,views\n');
    await expect.poll(() => seen.flat(), { timeout: 3000 }).toContainEqual(join(data, 'reads-2026-W48.csv'));
  });
});
