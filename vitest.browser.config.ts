import { defineConfig } from 'vitest/config';

/**
 * The browser tier (`npm run test:browser`): Debian's Chromium drives the console of a real `npm start`.
 * Kept out of `npm test`, which must not need a browser.
 */
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser and one stack at a time on two shared cores.
    maxWorkers: 1,
  },
});
