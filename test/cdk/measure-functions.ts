/**
 * Measures what the functions need, to size them in lib/: each production bundle (built from the bundling
 * definition in lib/bundling.ts, as NodejsFunction builds it) runs in a child process, the way Lambda runs it, against the local
 * stand-ins. The inbound function gets forwarded invites from typical size up to the largest mail SES
 * receives (40 MB); the feedback function a bounce event; the reminder sweep one and then 200 due
 * nudges (each a case re-read and a reminder mailed). Prints module load (cold start) and invocation
 * times, wall clock and CPU, and the peak resident memory (what Lambda reports as "Max Memory Used").
 *
 *   npx tsx test/cdk/measure-functions.ts
 *
 * Not a test (no assertions, slow); the figures are cited next to memorySize and timeout in lib/.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { DynamoCaseStore } from '../../functions/adapters/dynamo-case-store.js';
import { DynamoNudgeStore } from '../../functions/adapters/dynamo-nudge-store.js';
import { systemClock } from '../../functions/adapters/system.js';
import { openCase } from '../../functions/domain/case.js';
import { bundleEntry } from '../../lib/bundling.js';
import { inviteFacts } from '../support/facts.js';
import { sesEventFor } from '../support/ses-events.js';
import { BUCKET, startStandIns, TABLE } from '../support/standins.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'bowout-measure-'));
const MB = 1024 * 1024;

/** The function bundle as NodejsFunction builds it (lib/bundling.ts). */
function bundle(handler: string): Promise<string> {
  return bundleEntry(`functions/handlers/${handler}.ts`, path.join(work, handler));
}

/** Base64 in 76-character lines, as mail clients write attachments. */
function base64Lines(bytes: Buffer): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

/**
 * A Google Calendar invite forwarded from Gmail (HTML, plain text and an ICS attachment), moved ten
 * years ahead so it stays in the future, with a long quoted thread added to its HTML and `attachmentMb`
 * of PDF-like attachments (what a job description, an agenda and a brochure make a forward grow to).
 */
function largeForward(attachmentMb: number, threadKb: number): Buffer {
  const raw = readFileSync(
    path.join(ROOT, 'test/fixtures/invites/google-calendar-ics-attachment-berlin.eml'),
    'latin1',
  ).replace(/\r?\n/g, '\r\n');
  const mixed = '0000000000163956bd13e55448b6';
  const alternative = '0000000000ed273119e6f95bd2bd';
  // The ICS is base64: decode, move ahead, encode again. Everything else is ASCII or quoted-printable.
  let mail = raw.replace(
    /(Content-Type: application\/ics[\s\S]*?\r\n\r\n)([A-Za-z0-9+/=\r\n]+?)(\r\n--)/,
    (_, head: string, body: string, tail: string) => {
      const ics = Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8').replaceAll('2026', '2036');
      return `${head}${base64Lines(Buffer.from(ics))}${tail}`;
    },
  );
  mail = mail.replaceAll('2026', '2036');
  // A long quoted thread: plain ASCII lines, valid quoted-printable as they are.
  const quoted = Array.from(
    { length: Math.ceil((threadKb * 1024) / 70) },
    (_, i) => `<div class=3D"gmail_quote">Earlier message line ${i} of the thread.</div>`,
  ).join('\r\n');
  mail = mail.replace(`\r\n--${alternative}--`, `\r\n${quoted}\r\n--${alternative}--`);
  const attachments: string[] = [];
  for (let i = 0, left = attachmentMb; left > 0; i++, left -= 8) {
    attachments.push(
      `--${mixed}\r\nContent-Type: application/pdf; name="document-${i}.pdf"\r\n` +
        `Content-Disposition: attachment; filename="document-${i}.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n` +
        `${base64Lines(randomBytes(Math.min(8, left) * MB))}\r\n`,
    );
  }
  mail = mail.replace(`--${mixed}--`, `${attachments.join('')}--${mixed}--`);
  return Buffer.from(mail, 'latin1');
}

/** Runs in the child: loads the bundle (cold start), invokes it once per event, reports timings and peak RSS. */
const CHILD = `
const [bundlePath, eventsPath, functionName] = process.argv.slice(2);
const events = JSON.parse((await import('node:fs')).readFileSync(eventsPath, 'utf8'));
const context = { functionName, awsRequestId: 'measure', invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:' + functionName, memoryLimitInMB: '1024', functionVersion: '$LATEST', getRemainingTimeInMillis: () => 30000 };
const cpuMs = (since) => { const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };
const loadStart = performance.now();
const loadCpu = process.cpuUsage();
const { handler } = await import(bundlePath);
const load = { ms: performance.now() - loadStart, cpuMs: cpuMs(loadCpu) };
const invocations = [];
for (const event of events) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await handler(event, context);
  invocations.push({ ms: performance.now() - started, cpuMs: cpuMs(cpu), result: JSON.stringify(result) });
}
console.log(JSON.stringify({ load, invocations, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
`;

interface Report {
  load: { ms: number; cpuMs: number };
  invocations: { ms: number; cpuMs: number; result: string }[];
  maxRssMb: number;
}

const standIns = await startStandIns();
try {
  const childPath = path.join(work, 'child.mjs');
  writeFileSync(childPath, CHILD);
  const environment = {
    PATH: process.env.PATH ?? '',
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    ...standIns.handlerEnvironment(),
  };
  /** One cold process per case: the first invocation is a cold start, the second a warm one. */
  const run = async (handler: string, events: unknown[]): Promise<Report> => {
    const eventsPath = path.join(work, `events-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(eventsPath, JSON.stringify(events));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [childPath, await bundle(handler), eventsPath, handler],
      { env: environment, maxBuffer: 16 * MB },
    );
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Report;
  };
  const describe = (name: string, report: Report) => {
    const [cold, warm] = report.invocations;
    const time = (t?: { ms: number; cpuMs: number }) =>
      `${t?.ms.toFixed(0)} ms (CPU ${t?.cpuMs.toFixed(0)} ms)`;
    console.log(
      `${name}: load ${time(report.load)}, first ${time(cold)}, warm ${time(warm)}, ` +
        `peak RSS ${report.maxRssMb.toFixed(0)} MB; ${cold?.result}`,
    );
  };

  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
  const sizes = [
    { name: 'typical forward', attachmentMb: 0, threadKb: 0 },
    { name: 'large forward', attachmentMb: 10, threadKb: 512 },
    { name: 'largest SES accepts', attachmentMb: 28, threadKb: 1024 },
  ];
  for (const [index, size] of sizes.entries()) {
    const raw = largeForward(size.attachmentMb, size.threadKb);
    // Two deliveries of the same mail under different ids: a cold one and a warm one.
    const ids = [`measure-${index}-cold`, `measure-${index}-warm`];
    for (const id of ids) {
      await standIns.clients.s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `inbound/${id}`, Body: raw }),
      );
    }
    const events = ids.map((messageId) =>
      sesEventFor({
        messageId,
        source: 'niklas.berg.dev@gmail.com',
        recipients: ['cancel@bowout.localhost'],
      }),
    );
    describe(
      `inbound-mail, ${size.name} (${(raw.length / MB).toFixed(1)} MB)`,
      await run('inbound-mail', events),
    );
  }

  const bounce = (address: string) => ({
    version: '0',
    id: `measure-${address}`,
    'detail-type': 'Email Bounced',
    source: 'aws.ses',
    detail: {
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: address, action: 'failed', status: '5.1.1' }],
        timestamp: new Date().toISOString(),
      },
      mail: { messageId: `measure-${address}`, destination: [address] },
    },
  });
  describe(
    'mail-feedback, one bounce',
    await run('mail-feedback', [bounce('gone-1@example.com'), bounce('gone-2@example.com')]),
  );

  // Drafted cases, each with a reminder the user asked for, due just before the sweep's time.
  const table = { db: standIns.clients.documents, tableName: TABLE, clock: systemClock };
  const cases = new DynamoCaseStore(table);
  const nudges = new DynamoNudgeStore(table);
  const dueNudges = async (count: number, prefix: string, dueAt: Date) => {
    for (let i = 0; i < count; i++) {
      const caseId = `${prefix}-${i}`;
      await cases.createCase(
        openCase({
          caseId,
          user: { email: `user-${i}@example.com`, name: 'Alex', timezone: 'Europe/Berlin' },
          facts: inviteFacts({ employerName: 'Priya' }),
          sourceMessageId: caseId,
          now: new Date(dueAt.getTime() - 86_400_000),
        }),
        `token-${caseId}`,
      );
      await nudges.schedule([{ caseId, kind: 'custom', dueAt: dueAt.toISOString() }], systemClock.now());
    }
  };
  const now = Date.now();
  const sweepAt = (ms: number) => ({
    source: 'aws.events',
    'detail-type': 'Scheduled Event',
    time: new Date(ms).toISOString(),
  });
  for (const count of [1, 200]) {
    await dueNudges(count, `cold-${count}`, new Date(now - 60_000));
    await dueNudges(count, `warm-${count}`, new Date(now + 4 * 60_000));
    describe(
      `send-reminders, ${count} due`,
      await run('send-reminders', [sweepAt(now + count), sweepAt(now + 5 * 60_000 + count)]),
    );
  }
} finally {
  await standIns.stop();
  rmSync(work, { recursive: true, force: true });
}
