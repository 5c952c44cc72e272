#!/usr/bin/env node
// The `roundup` command as it ships: compiled into dist/cli/roundup.js when the package is installed (`npm install`
// runs `prepare`, which builds), so that a command starts without compiling TypeScript first. From a clone,
// bin/roundup.js runs the same main() from the TypeScript sources (tsx), as the tests do.
import { main } from './main.js';

process.setSourceMapsEnabled(true);
process.exitCode = await main(process.argv);
