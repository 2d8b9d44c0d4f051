import { defineConfig } from 'vitest/config';

/**
 * The browser suite: Debian's chromium driven by playwright-core against the real `npm start`.
 * One file at a time (each starts the whole stack), generous timeouts (the first run builds the web app).
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 420_000,
  },
});
