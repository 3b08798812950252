import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tier has its own run (vitest.browser.config.ts): npm test needs no browser.
    exclude: ['test/browser/**', '**/node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and e2e tests start real stand-ins on free ports; two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
