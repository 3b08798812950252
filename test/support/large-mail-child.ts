import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import { received } from './mail.js';
import { memoryDeps } from './memory-ports.js';

/**
 * Run in a fresh Node process by test/integration/large-mail.test.ts and bench/large-mail.ts (node
 * --expose-gc --import tsx large-mail-child.ts <file.eml> [process|parse|parse-every-part]): reads the raw
 * message, processes it with the in-memory ports (or, for the benchmark's comparison, only parses it,
 * with the parts Bowout never reads left out or with every part decoded as postal-mime alone does) and
 * prints one JSON line with the outcome, the time and the memory it took. A process of its own, so that
 * its peak RSS (getrusage's maxRSS, a true high-water mark) belongs to this message alone.
 */

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const world = memoryDeps();
const file = process.argv[2];
const mode = process.argv[3] ?? 'process';
if (!file || !['process', 'parse', 'parse-every-part'].includes(mode))
  throw new Error('usage: large-mail-child.ts <file.eml> [process|parse|parse-every-part]');
// The Buffer itself (a Uint8Array): no copy, as S3RawMailStore hands over the bytes it read.
const raw: Uint8Array = readFileSync(file);
world.rawMail.objects.set('large', raw);
gc();
const before = process.memoryUsage();
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
let peakHeap = before.heapUsed;
let peakExternal = before.external + before.arrayBuffers;
// Samples between the asynchronous steps (parsing yields between parts); maxRSS catches the rest.
const sampler = setInterval(() => {
  const now = process.memoryUsage();
  peakHeap = Math.max(peakHeap, now.heapUsed);
  peakExternal = Math.max(peakExternal, now.external + now.arrayBuffers);
}, 1);
async function run(): Promise<string> {
  if (mode === 'process') return processInboundMail(received('large'), world.deps);
  const mail = await parseMail(raw, { decodeEveryPart: mode === 'parse-every-part' });
  return mail.text ? 'parsed' : 'parsed, no text';
}
const started = performance.now();
const outcome = await run();
const elapsedMs = performance.now() - started;
clearInterval(sampler);
const after = process.memoryUsage();
peakHeap = Math.max(peakHeap, after.heapUsed);
process.stdout.write(
  `${JSON.stringify({
    outcome,
    elapsedMs,
    rawBytes: raw.byteLength,
    rssBefore: before.rss,
    maxRssBefore,
    maxRssAfter: process.resourceUsage().maxRSS * 1024,
    heapBefore: before.heapUsed,
    peakHeap,
    externalBefore: before.external + before.arrayBuffers,
    peakExternal,
    drafts: world.mailer.sent.length,
  })}\n`,
);
