import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and e2e tests start real stand-ins on free ports; two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
