import { defineConfig } from 'vitest/config';

/** The unit, rules, room and repository suites. The browser suite has its own config (vitest.browser.config.ts). */
export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'prisma/**/*.test.ts', 'server/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.next/**', 'server/test/faults/**'], // the fault suite runs on its own (vitest.faults.config.ts)
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
