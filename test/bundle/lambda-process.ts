import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { LAMBDA_RUNTIME } from '../../lib/bundling.js';

/**
 * Runs production bundles the way Lambda runs them: a fresh Node process that imports the built
 * `index.mjs` as an ES module, with the function's environment and nothing of the test's (Lambda's own
 * variables included: its clock is UTC, source maps are on as the stack sets them).
 */
export function lambdaEnvironment(functionName: string, environment: Record<string, string>) {
  return {
    PATH: process.env.PATH ?? '',
    TZ: ':UTC',
    AWS_EXECUTION_ENV: `AWS_Lambda_${LAMBDA_RUNTIME}`,
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    ...environment,
  };
}

/**
 * The child: imports the bundle, then calls one of its exports on each input (awaited in order) and
 * writes the results as JSON. `handler` is called as Lambda calls it, with an invocation context.
 */
const CHILD = `
import { readFileSync, writeFileSync } from 'node:fs';
const [bundleUrl, exportName, inputPath, outputPath] = process.argv.slice(2);
const module = await import(bundleUrl);
const run = module[exportName];
if (typeof run !== 'function') throw new Error('the bundle exports no function ' + exportName);
const inputs = JSON.parse(readFileSync(inputPath, 'utf8'));
const name = process.env.AWS_LAMBDA_FUNCTION_NAME;
const context = (id) => ({
  functionName: name,
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:' + name,
  memoryLimitInMB: '1024',
  awsRequestId: id,
  getRemainingTimeInMillis: () => 30000,
});
const results = [];
if (exportName === 'handler') {
  for (const [index, event] of inputs.entries()) results.push(await run(event, context('parity-' + index)));
} else {
  results.push(...(await run(inputs)));
}
writeFileSync(outputPath, JSON.stringify(results));
`;

/**
 * Imports `bundle` in a Lambda-like process and passes `inputs` to its export `exportName`: each input to
 * `handler` as one invocation, or the whole list to any other export. Returns what it returned.
 */
export async function runInLambdaProcess<T>(options: {
  bundle: string;
  exportName: string;
  inputs: unknown[];
  environment: Record<string, string>;
  workDir: string;
}): Promise<T[]> {
  const { bundle, exportName, inputs, environment, workDir } = options;
  const stem = path.join(workDir, `${path.basename(path.dirname(bundle))}-${exportName}`);
  const child = `${stem}-child.mjs`;
  writeFileSync(child, CHILD);
  writeFileSync(`${stem}-in.json`, JSON.stringify(inputs));
  await promisify(execFile)(
    process.execPath,
    [child, pathToFileURL(bundle).href, exportName, `${stem}-in.json`, `${stem}-out.json`],
    { env: environment, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(readFileSync(`${stem}-out.json`, 'utf8')) as T[];
}
