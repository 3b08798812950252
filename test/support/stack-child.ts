import { silentLog } from '../../local/log.js';
import { readLocalSettings } from '../../local/settings.js';
import { startLocalStack } from '../../local/stack.js';

/**
 * Run in a process of its own by test/integration/durable-inbound.test.ts (node --import tsx
 * stack-child.ts): the local stack on free ports in BOWOUT_DATA_DIR, with an inbound function that never
 * finishes, so that a message is accepted (250) and then never processed. Prints one JSON line with the
 * SMTP port once it takes mail, then waits to be killed.
 */
const settings = readLocalSettings({
  BOWOUT_DATA_DIR: process.env.BOWOUT_DATA_DIR,
  BOWOUT_SMTP_PORT: '0',
  BOWOUT_SES_PORT: '0',
  BOWOUT_S3_PORT: '0',
  BOWOUT_DYNAMODB_PORT: '0',
  BOWOUT_LAMBDA_PORT: '0',
});
const stack = await startLocalStack({
  settings,
  log: silentLog,
  sweepEveryMs: 0,
  handlers: { inbound: () => new Promise<never>(() => undefined) },
});
process.stdout.write(`${JSON.stringify({ smtp: stack.ports.smtp })}\n`);
setInterval(() => undefined, 60_000);
