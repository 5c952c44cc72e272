import { defineConfig } from 'vitest/config';

// `npm test`: everything that runs without a browser. Browser tests live in test/e2e and run with
// `npm run test:e2e` (vitest.e2e.config.ts), so a machine without Chromium can still run the suite.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
