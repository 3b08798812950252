import { silentLog } from '../../local/log.js';
import { startLocalStack } from '../../local/stack.js';
import { freePortSettings } from './temporary-stack.js';

/**
 * Run in a process of its own by test/integration/durable-inbound.test.ts (node --import tsx
 * stack-child.ts): the local stack on free ports in BOWOUT_DATA_DIR, with an inbound function that never
 * finishes, so that a message is accepted (250) and then never processed. Prints one JSON line with the
 * SMTP port once it takes mail, then waits to be killed.
 */
const settings = freePortSettings(process.env.BOWOUT_DATA_DIR ?? '.bowout-child');
const stack = await startLocalStack({
  settings,
  log: silentLog,
  sweepEveryMs: 0,
  handlers: { inbound: () => new Promise<never>(() => undefined) },
});
process.stdout.write(`${JSON.stringify({ smtp: stack.ports.smtp })}\n`);
setInterval(() => undefined, 60_000);
