import { App } from 'aws-cdk-lib';
import { addBowoutStack, readBowoutConfig } from '../lib/bowout-app.js';
import { ContextError } from '../lib/config.js';

const app = new App();
try {
  addBowoutStack(app, readBowoutConfig(app), {
    // Unset offline: the stack is then environment-agnostic and synthesizes without an AWS account.
    account: process.env.CDK_DEFAULT_ACCOUNT,
    region: process.env.CDK_DEFAULT_REGION,
  });
} catch (error) {
  if (!(error instanceof ContextError)) throw error;
  // A context mistake is the user's to fix: print the list of problems, not a stack trace.
  console.error(error.message);
  process.exit(1);
}
app.synth();
