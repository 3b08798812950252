/**
 * Benchmarks that print figures, one per line as `<name>: <value> <unit>`. No assertions: the numbers
 * are for people (and resolving notes) to compare across changes. Run with `npm run bench`; run some
 * parts only with BENCH_ONLY=<part>[,<part>...], parts: inbound, standins, bundles, burst, flood, sweep,
 * large, cost (BENCH_SKIP_SWEEP=1 still skips the slow sweep).
 *
 *   inbound   the inbound handler's own work (ports in memory) against the postal-mime floor, beside
 *             the peer (postal-mime + email-forward-parser + chrono-node), and both readers' accuracy
 *             per fact on the fixture corpora                                                 (~40 s)
 *   standins  the same path with the S3, DynamoDB and SES stand-ins serving the I/O           (~30 s)
 *   bundles   bundle size and cold start of each function                                     (~20 s)
 *   burst     200 forwards through SMTP to the local stack at once                            (~40 s)
 *   flood     1 000 auto-replies, 400 non-invites and a looping responder from one user:
 *             the answers the budget and the loop guard let through                           (~15 s)
 *   sweep     the reminder sweep at 100 000 stored nudges                                     (~90 s)
 *   large     a forward just under SES's 40 MB limit, in fresh processes, against the timeout (~30 s)
 *   cost      AWS cost per 1 000 invites (needs standins and bundles: runs them if not chosen)
 */
import { benchAccuracy } from './accuracy.js';
import { benchBundles } from './bundles.js';
import { benchBurst } from './burst.js';
import { benchCost } from './cost.js';
import { benchFlood } from './flood.js';
import { benchInboundInMemory, benchInboundStandIns, type StandInFigures } from './inbound.js';
import { benchLargeMail } from './large-mail.js';
import { machine, note, print } from './support.js';
import { benchSweep } from './sweep.js';

// The SDK's Node 20 notice is not a figure.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const PARTS = ['inbound', 'standins', 'bundles', 'burst', 'flood', 'sweep', 'large', 'cost'] as const;
type Part = (typeof PARTS)[number];

const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((part) => part.trim())
  .filter(Boolean);
const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
if (unknown.length) {
  console.error(`BENCH_ONLY: unknown part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
  process.exit(2);
}
const chosen = (part: Part) =>
  (only.length === 0 || only.includes(part)) && !(part === 'sweep' && process.env.BENCH_SKIP_SWEEP);

/** lib/inbound-mail.ts sizes the inbound function at 1024 MB; lib/config.ts keeps raw mail 30 days. */
const INBOUND_MEMORY_MB = 1024;
/** lib/inbound-mail.ts gives the inbound function 30 s. */
const INBOUND_TIMEOUT_SECONDS = 30;
const RAW_MAIL_RETENTION_DAYS = 30;

const began = performance.now();
console.log(`machine: ${machine()}`);

if (chosen('inbound')) {
  await benchInboundInMemory(print);
  await benchAccuracy(print);
}
let standIns: StandInFigures | undefined;
if (chosen('standins') || chosen('cost'))
  standIns = await benchInboundStandIns(print, chosen('standins') ? 3 : 1);
let coldStartMs: number | undefined;
if (chosen('bundles') || chosen('cost'))
  coldStartMs = (await benchBundles(print)).coldStartMs['inbound-mail'];
if (chosen('burst')) await benchBurst(print);
if (chosen('flood')) await benchFlood(print);
if (chosen('sweep')) await benchSweep(print);
if (chosen('large')) await benchLargeMail(print, { timeoutSeconds: INBOUND_TIMEOUT_SECONDS });
if (chosen('cost') && standIns) {
  benchCost(print, {
    durationMs: standIns.meanMs,
    coldStartMs: coldStartMs ?? 0,
    memoryMb: INBOUND_MEMORY_MB,
    rawBytes: standIns.rawBytes,
    outgoingBytes: standIns.outgoingBytes,
    sesSends: standIns.sesSends,
    readUnits: standIns.dynamo.readUnits,
    writeUnits: standIns.dynamo.writeUnits,
    retentionDays: RAW_MAIL_RETENTION_DAYS,
  });
}
note(`bench took ${((performance.now() - began) / 1000).toFixed(0)} s`);
