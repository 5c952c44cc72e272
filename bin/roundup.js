#!/usr/bin/env node
// `roundup` from the TypeScript sources, without a build (tsx compiles them as they load): what the tests and
// benchmarks run. The command people run is the compiled one, dist/cli/roundup.js (package.json `bin`).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
