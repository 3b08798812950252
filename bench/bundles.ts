/**
 * Bundle size and cold start of each function. Each `functions/handlers/*.ts` is built with the bundling
 * definition NodejsFunction builds it with (lib/bundling.ts: bundled, minified, ESM, node24, source map,
 * module-first main fields, the createRequire banner, the AWS SDK bundled so nothing is external), then
 * imported in fresh Node processes with the environment the CDK stack gives it (fake credentials, no
 * network: importing builds clients but sends nothing). The child measures `await import(bundle)` with
 * performance.now(), which is the module load Lambda bills as its INIT phase (without the runtime's own start).
 *
 * Source maps are compared too (the choice is explained at ESBUILD_OPTIONS in lib/bundling.ts): each bundle
 * is also started with a map that keeps the sources, and with no map at all (and Node without
 * --enable-source-maps). Each child then times its first `error.stack`, where Node decodes the map.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { bundleEntry, ESBUILD_OPTIONS, PROJECT_ROOT } from '../lib/bundling.js';
import { median, note, type Print } from './support.js';

const HANDLERS = path.join(PROJECT_ROOT, 'functions/handlers');

/** The environment lib/ gives the functions, with local placeholders; enough for every config check. */
const FUNCTION_ENV: Record<string, string> = {
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

/**
 * Runs in the child (`node -e`): the time to import the bundle, then the time to render the stack of a first
 * error thrown through it, printed as two numbers of milliseconds.
 */
const CHILD = `
const started = performance.now();
import(process.env.BENCH_BUNDLE_URL).then(
  async (module) => {
    const ms = performance.now() - started;
    if (typeof module.handler !== 'function') throw new Error('no handler exported');
    // A Lambda context that throws when read: the error's stack is then mostly frames of the bundled code
    // (middy, the logger middleware), and nothing is sent anywhere.
    const context = new Proxy({}, { get() { throw new Error('bench: context read'); } });
    const error = await Promise.resolve(module.handler({}, context)).then(() => new Error('no error'), (e) => e);
    const stackStarted = performance.now();
    // A frame outside this child's own code: the bundle, or with source maps the module it maps back to.
    const frames = String(error.stack).split('\\n').slice(1);
    if (!frames.some((frame) => !frame.includes('[eval]'))) throw new Error('no bundle frame: ' + error.stack);
    console.log(ms, performance.now() - stackStarted);
  },
  (error) => { console.error(error); process.exit(1); },
);`;

/** How a bundle's source map is built, and whether Node reads it. The first is what the stack deploys. */
interface SourceMapChoice {
  label: string;
  build: { sourcemap?: boolean; sourcesContent?: boolean };
  nodeOptions: string;
}
const SOURCE_MAP_NODE_OPTIONS = '--enable-source-maps';
const SOURCE_MAPS: readonly SourceMapChoice[] = [
  { label: '', build: {}, nodeOptions: SOURCE_MAP_NODE_OPTIONS },
  {
    label: ' with sources in the map',
    build: { sourcesContent: true },
    nodeOptions: SOURCE_MAP_NODE_OPTIONS,
  },
  { label: ' without source maps', build: { sourcemap: false }, nodeOptions: '' },
];

export function handlerNames(): string[] {
  return readdirSync(HANDLERS)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
}

/** Builds one function as NodejsFunction does (or with another source map); returns the bundle's path. */
export function bundleFunction(
  handler: string,
  outDir: string,
  sourceMap: SourceMapChoice['build'] = {},
): Promise<string> {
  return bundleEntry(`functions/handlers/${handler}.ts`, path.join(outDir, handler), sourceMap);
}

/** One cold start in a fresh process: the import and the first stack trace, in milliseconds. */
async function coldStart(
  bundle: string,
  nodeOptions: string,
): Promise<{ importMs: number; stackMs: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', CHILD], {
    env: {
      PATH: process.env.PATH ?? '',
      ...FUNCTION_ENV,
      NODE_OPTIONS: nodeOptions,
      BENCH_BUNDLE_URL: pathToFileURL(bundle).href,
    },
  });
  const [importMs = Number.NaN, stackMs = Number.NaN] = stdout.trim().split(/\s+/).map(Number);
  return { importMs, stackMs };
}

export interface BundleFigures {
  sizeKb: Record<string, number>;
  coldStartMs: Record<string, number>;
}

export async function benchBundles(print: Print, starts = 9): Promise<BundleFigures> {
  const work = mkdtempSync(path.join(tmpdir(), 'bowout-bench-bundles-'));
  const figures: BundleFigures = { sizeKb: {}, coldStartMs: {} };
  try {
    const runs: { handler: string; choice: SourceMapChoice; bundle: string }[] = [];
    for (const handler of handlerNames()) {
      for (const [index, choice] of SOURCE_MAPS.entries()) {
        const bundle = await bundleFunction(handler, path.join(work, String(index)), choice.build);
        runs.push({ handler, choice, bundle });
        if (index === 0) {
          figures.sizeKb[handler] = statSync(bundle).size / 1024;
          print(`bundle ${handler}`, statSync(bundle).size / 1024, 'KB', 0);
        }
        if (choice.build.sourcemap !== false)
          print(`source map ${handler}${choice.label}`, statSync(`${bundle}.map`).size / 1024, 'KB', 0);
      }
    }
    note(
      'bundle: the minified index.mjs Lambda loads; the source map beside it is read at start with --enable-source-maps',
    );
    // Interleaved, one child at a time: every function and choice starts over the same stretch of time.
    const times = new Map(runs.map((run) => [run, { importMs: [] as number[], stackMs: [] as number[] }]));
    for (let round = 0; round < starts; round++) {
      for (const run of runs) {
        const { importMs, stackMs } = await coldStart(run.bundle, run.choice.nodeOptions);
        times.get(run)?.importMs.push(importMs);
        times.get(run)?.stackMs.push(stackMs);
      }
    }
    for (const [{ handler, choice }, { importMs, stackMs }] of times) {
      if (choice === SOURCE_MAPS[0]) figures.coldStartMs[handler] = median(importMs);
      print(`cold start ${handler}${choice.label}`, median(importMs), 'ms', 0);
      // The fastest start is the least disturbed by other work on a shared machine.
      print(`cold start ${handler}${choice.label}, best`, Math.min(...importMs), 'ms', 0);
      print(`first stack trace ${handler}${choice.label}`, median(stackMs), 'ms', 0);
    }
    note(
      `cold start: median of ${starts} fresh processes each, as deployed (source map without sources, sourcesContent ${ESBUILD_OPTIONS.sourcesContent}; NODE_OPTIONS=${SOURCE_MAP_NODE_OPTIONS}) unless the name says otherwise`,
    );
    note(
      'first stack trace: rendering error.stack of the first error after the import, mapped through the source map if Node reads one',
    );
    return figures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
