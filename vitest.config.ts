import { defineConfig } from 'vitest/config';

/** One tier per test folder, named, so a tier runs alone: `vitest run --project unit`. */
const tier = (name: string) => ({
  extends: true as const,
  test: { name, include: [`test/${name}/**/*.test.ts`] },
});

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration and e2e tests start real stand-ins on free ports; two cores, so keep the pool small.
    maxWorkers: 2,
    projects: [
      // The domain with its in-memory twins: no network, no stand-ins (`npm run test:unit`).
      tier('unit'),
      // Adapters and handlers against dynalite, s3rver and aws-ses-v2-local, started in-process.
      tier('integration'),
      // The whole loop over SMTP on the local stack.
      tier('e2e'),
      // The synthesized CDK stack.
      tier('cdk'),
      // Each function as Lambda loads its bundle, against the source (the browser tier runs apart).
      tier('bundle'),
    ],
  },
});
