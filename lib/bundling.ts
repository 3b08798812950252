/**
 * How every function is bundled, defined once. The CDK construct (through NodejsFunction), the benchmark,
 * the function measurements and the bundle-parity tests all build from these options, so the bundle they
 * measure and test is the one Lambda runs. Importing this module loads neither the CDK nor esbuild (the
 * local stack and the CDK app import it for its constants): their types are type-only imports.
 */
import * as path from 'node:path';
import type { BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BuildOptions } from 'esbuild';

/** Repository root: esbuild resolves entries, tsconfig and node_modules from here. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');

/** The Lambda runtime the functions run on; the construct sets `lambda.Runtime.NODEJS_24_X` to match. */
export const LAMBDA_RUNTIME = 'nodejs24.x';

/**
 * esbuild's ESM output turns `require()` in bundled CommonJS dependencies into a stub that throws; a real
 * `require` built from `import.meta.url` makes those dependencies work. The alias keeps the banner from
 * clashing with a bundled `import { createRequire }`.
 */
const ESM_REQUIRE_SHIM =
  "import { createRequire as __bowoutCreateRequire } from 'node:module'; const require = __bowoutCreateRequire(import.meta.url);";

/**
 * The esbuild options of every function bundle, as NodejsFunction passes them to esbuild's command line
 * (see `LAMBDA_BUNDLING`): one ESM file for Node.js 24, minified (so class and function names are not
 * kept), with a source map beside it.
 *
 * Source maps, read by Node at run time (`--enable-source-maps`, set by lib/bowout-function.ts), make a
 * logged stack trace name the source file and line instead of column 18,000 of a minified line. They cost
 * at two moments, measured by `npm run bench` (bench/bundles.ts): Node reads and parses the map at the cold
 * start, and decodes its mappings at the first stack trace. The map holds no copy of the sources
 * (`sourcesContent: false`): a stack trace needs only the mappings, and the copies made up two thirds of the
 * map (inbound-mail 4.7 → 1.7 MB) and most of what reading it adds to a cold start. What stays is paid on
 * the error path only, where a readable trace is worth it.
 */
export const ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  // Prefer ESM builds of dependencies so esbuild can tree-shake them.
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_SHIM },
  // Bundle the AWS SDK too: the functions then run the versions the tests ran against, not whatever the
  // Lambda runtime happens to ship.
  external: [],
} as const satisfies BuildOptions;

/** NodejsFunction's `bundling` props, derived from `ESBUILD_OPTIONS` (local esbuild, no Docker). */
export const LAMBDA_BUNDLING: BundlingOptions = {
  minify: ESBUILD_OPTIONS.minify,
  sourceMap: ESBUILD_OPTIONS.sourcemap,
  sourcesContent: ESBUILD_OPTIONS.sourcesContent,
  // OutputFormat is a string enum whose ESM member is 'esm'; a type-only import keeps the CDK unloaded.
  format: ESBUILD_OPTIONS.format as OutputFormat,
  target: ESBUILD_OPTIONS.target,
  mainFields: [...ESBUILD_OPTIONS.mainFields],
  banner: ESBUILD_OPTIONS.banner.js,
  // With the SDK bundled, NodejsFunction marks nothing external, as `external: []` above.
  bundleAwsSDK: true,
  forceDockerBundling: false,
};

/**
 * Builds one entry (relative to the repository root) the way NodejsFunction builds a function: into
 * `<outDir>/index.mjs`, with its source map beside it. Returns the bundle's path. `sourceMap` changes only
 * the source map, for the benchmark that compares the choices.
 */
export async function bundleEntry(
  entry: string,
  outDir: string,
  sourceMap: Pick<BuildOptions, 'sourcemap' | 'sourcesContent'> = {},
): Promise<string> {
  const outfile = path.join(outDir, 'index.mjs');
  const { build } = await import('esbuild');
  await build({
    ...ESBUILD_OPTIONS,
    mainFields: [...ESBUILD_OPTIONS.mainFields],
    external: [...ESBUILD_OPTIONS.external],
    ...sourceMap,
    entryPoints: [path.join(PROJECT_ROOT, entry)],
    outfile,
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'error',
  });
  return outfile;
}
