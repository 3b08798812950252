/**
 * Bundle size and cold start of each function. Each `functions/handlers/*.ts` is built with the bundling
 * definition NodejsFunction builds it with (lib/bundling.ts: bundled, minified, ESM, node24, source map,
 * module-first main fields, the createRequire banner, the AWS SDK bundled so nothing is external), then
 * imported in fresh Node processes with the environment the CDK stack gives it (fake credentials, no
 * network: importing builds clients but sends nothing). The child measures `await import(bundle)` with
 * performance.now(), which is the module load Lambda bills as its INIT phase (without the runtime's own start).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { bundleEntry, PROJECT_ROOT } from '../lib/bundling.js';
import { median, note, type Print } from './support.js';

const HANDLERS = path.join(PROJECT_ROOT, 'functions/handlers');

/** The environment lib/ gives the functions, with local placeholders; enough for every config check. */
const FUNCTION_ENV: Record<string, string> = {
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: 'bowout',
  POWERTOOLS_LOG_LEVEL: 'WARN',
  BOWOUT_DOMAIN: 'bowout.example.com',
  SENDER_ADDRESS: 'send@bowout.example.com',
  TABLE_NAME: 'bowout-bench',
  RAW_MAIL_BUCKET: 'bowout-bench-raw',
  RAW_MAIL_PREFIX: 'inbound/',
  SES_CONFIGURATION_SET: 'bowout-bench',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Runs in the child (`node -e`): time to import the bundle, printed as a number of milliseconds. */
const CHILD = `
const started = performance.now();
import(process.env.BENCH_BUNDLE_URL).then(
  (module) => {
    const ms = performance.now() - started;
    if (typeof module.handler !== 'function') throw new Error('no handler exported');
    console.log(ms);
  },
  (error) => { console.error(error); process.exit(1); },
);`;

export function handlerNames(): string[] {
  return readdirSync(HANDLERS)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
}

/** Builds one function as NodejsFunction does; returns the bundle's path. */
export function bundleFunction(handler: string, outDir: string): Promise<string> {
  return bundleEntry(`functions/handlers/${handler}.ts`, path.join(outDir, handler));
}

async function importTime(bundle: string): Promise<number> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', CHILD], {
    env: { PATH: process.env.PATH ?? '', ...FUNCTION_ENV, BENCH_BUNDLE_URL: pathToFileURL(bundle).href },
  });
  return Number(stdout.trim());
}

export interface BundleFigures {
  sizeKb: Record<string, number>;
  coldStartMs: Record<string, number>;
}

export async function benchBundles(print: Print, starts = 7): Promise<BundleFigures> {
  const work = mkdtempSync(path.join(tmpdir(), 'bowout-bench-bundles-'));
  const figures: BundleFigures = { sizeKb: {}, coldStartMs: {} };
  try {
    const bundles = new Map<string, string>();
    for (const handler of handlerNames()) {
      const bundle = await bundleFunction(handler, work);
      bundles.set(handler, bundle);
      figures.sizeKb[handler] = statSync(bundle).size / 1024;
      print(`bundle ${handler}`, statSync(bundle).size / 1024, 'KB', 0);
    }
    note('bundle: the minified index.mjs Lambda loads; the source map beside it is not counted');
    // Interleaved, one child at a time: each function's starts spread over the same stretch of time.
    const times = new Map<string, number[]>([...bundles.keys()].map((h) => [h, []]));
    for (let round = 0; round < starts; round++)
      for (const [handler, bundle] of bundles) times.get(handler)?.push(await importTime(bundle));
    for (const [handler, ms] of times) {
      figures.coldStartMs[handler] = median(ms);
      print(`cold start ${handler}`, median(ms), 'ms', 0);
    }
    note(
      `cold start: median of ${starts} fresh processes each (NODE_OPTIONS=--enable-source-maps as on Lambda); best: ${[
        ...times,
      ]
        .map(([h, ms]) => `${h} ${Math.min(...ms).toFixed(0)} ms`)
        .join(', ')}`,
    );
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
