/**
 * Benchmarks that print figures, one per line as `<name>: <value> <unit>`. No assertions: the numbers
 * are for people (and resolving notes) to compare across changes. Run with `npm run bench`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import PostalMime from 'postal-mime';
import { processInboundMail } from '../functions/domain/inbound-service.js';
import { understandInvite } from '../functions/domain/invite/understand-invite.js';
import { parseMail } from '../functions/domain/mail/parse-mail.js';
import { received } from '../test/support/mail.js';
import { memoryDeps } from '../test/support/memory-ports.js';
import { benchSweep } from './sweep.js';

const FIXTURE_DIR = new URL('../test/fixtures/invites/', import.meta.url);
const invites = readdirSync(FIXTURE_DIR)
  .filter((name) => name.endsWith('.eml') && !/not-mime|newsletter/.test(name))
  .map((name) => readFileSync(new URL(name, FIXTURE_DIR)));

function print(name: string, value: number, unit: string, digits = 2): void {
  console.log(`${name}: ${value.toFixed(digits)} ${unit}`);
}

/** Runs `work` over every invite `rounds` times after a warm-up; returns milliseconds per message. */
async function perMessage(rounds: number, work: (raw: Buffer) => Promise<unknown>): Promise<number> {
  for (const raw of invites) await work(raw);
  const started = performance.now();
  for (let round = 0; round < rounds; round++) for (const raw of invites) await work(raw);
  return (performance.now() - started) / (rounds * invites.length);
}

async function extract(raw: Buffer): Promise<unknown> {
  const mail = await parseMail(raw);
  return understandInvite(mail, { userAddress: mail.from?.address ?? '', ownDomain: 'bowout.localhost' });
}

const ROUNDS = 300;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(`invites: ${invites.length} typical forwarded invites`);

// Interleave floor and extraction twice and keep the better of each, so a noisy neighbour skews less.
const floors: number[] = [];
const extracts: number[] = [];
for (let i = 0; i < 2; i++) {
  floors.push(await perMessage(ROUNDS, (raw) => PostalMime.parse(raw)));
  extracts.push(await perMessage(ROUNDS, extract));
}
const floor = Math.min(...floors);
const extraction = Math.min(...extracts);
print('parse floor (postal-mime alone)', floor, 'ms/message', 3);
print('extract', extraction, 'ms/message', 3);
print('extract throughput', 1000 / extraction, 'messages/s', 0);
print('extract/floor ratio', extraction / floor, '', 2);

// The inbound handler's own work for a forward: ports served in memory, so no network time counts.
let n = 0;
const inbound = await perMessage(ROUNDS / 3, async (raw) => {
  const world = memoryDeps();
  const id = `bench-${n++}`;
  world.rawMail.objects.set(id, raw);
  await processInboundMail(received(id, { envelopeFrom: 'user@example.com' }), world.deps);
});
print('inbound (forward to draft, in-memory ports)', inbound, 'ms/message', 3);
print('inbound/floor ratio', inbound / floor, '', 2);

// The reminder sweep at 100 000 stored nudges (skip with BENCH_SKIP_SWEEP=1 for a quick run).
if (!process.env.BENCH_SKIP_SWEEP) await benchSweep(print);
