import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['common/**/*.test.ts', 'server/**/*.test.ts', 'data/**/*.test.ts', 'client/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The browser test and the integration test each start a server; keep them from competing for 2 cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
