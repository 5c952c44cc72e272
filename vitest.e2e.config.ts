import { defineConfig } from 'vitest/config';

// Browser tests: need Debian's chromium at /usr/bin/chromium (see .ci/run).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
