import { defineConfig } from 'vitest/config';

/**
 * The fault suite (`npm run test:faults`): seeded fuzzing of every room's messages, raw and malformed frames,
 * and every HTTP route's bad input. FUZZ_SEED replays a run (each failure names its seed and case); FUZZ_CASES
 * sets the number of hostile messages per room. Files run one at a time: each starts its own game server and
 * measures what one room can take, not how the machine shares two of them.
 */
export default defineConfig({
  test: {
    include: ['server/test/faults/**/*.test.ts', 'web/test/faults/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/.next/**'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
