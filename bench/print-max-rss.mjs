// Loaded with `node --import` into a child the benchmarks measure: prints its peak RSS when it exits.
process.on('exit', () => process.stderr.write(`max-rss-kb=${process.resourceUsage().maxRSS}\n`));
