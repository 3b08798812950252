import { type App, type Environment, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BowoutStack } from './bowout-stack.js';
import { type BowoutConfig, CONTEXT_KEYS, parseBowoutContext } from './config.js';

export const STACK_ID = 'Bowout';

/** Reads every Bowout context key once, so nothing else in the app reads context on its own. */
export function readBowoutConfig(app: App): BowoutConfig {
  return parseBowoutContext(
    Object.fromEntries(CONTEXT_KEYS.map((key) => [key, app.node.tryGetContext(key)])),
  );
}

/**
 * Adds the Bowout stack to an app, checked by cdk-nag's AWS Solutions rules: an unacknowledged finding
 * fails synthesis. Shared by bin/app.ts and the tests, so the tests check what is deployed.
 */
export function addBowoutStack(app: App, config: BowoutConfig, env?: Environment): BowoutStack {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return new BowoutStack(app, STACK_ID, { config, ...(env ? { env } : {}) });
}
