// `npm run bench`: runs every bench/*.bench.ts (or only those whose name contains an argument) and prints
// figures. Each module exports `name` and `run()`; it prints its own figures, with ratios against a
// baseline measured in the same run. Nothing here is asserted: the figures are for people to read.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface BenchModule {
  name: string;
  run(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

for (const file of files) {
  const mod = (await import(join(here, file))) as BenchModule;
  console.log(`\n== ${mod.name} (${file}) ==`);
  await mod.run();
}
