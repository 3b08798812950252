import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import { bundleEntry, ESBUILD_OPTIONS, LAMBDA_RUNTIME, PROJECT_ROOT } from '../../lib/bundling.js';
import { ensureTable } from '../../local/standins.js';
import { forwardEml, type HtmlStyle, loadForwardCases } from '../support/forward-corpus.js';
import { NEVER_A_DATE } from '../support/never-a-date.js';
import { sesEventFor } from '../support/ses-events.js';
import { BUCKET, startStandIns, TABLE } from '../support/standins.js';
import { type Facts, type Probe, readProbes } from './extraction.js';
import { lambdaEnvironment, runInLambdaProcess } from './lambda-process.js';

/**
 * The bundle-parity tier: the code Lambda runs is the code the tests run. Each function is bundled from
 * lib/bundling.ts exactly as the stack bundles it (minified ESM for Node.js 24), imported in a fresh Node
 * process with its function's environment, and made to read the same inputs as the source does; every
 * fact must come out the same. The invite fixtures go through the real inbound bundle, invoked with SES
 * events against the stand-ins; every fixture set (invites, the forward-parser corpus in five forms, the
 * calendar files, sentences with no interview date) goes through the extraction entry (see extraction.ts
 * for why both).
 */

const HANDLERS = ['inbound-mail', 'mail-feedback', 'send-reminders'];
const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures');
const read = (relative: string) => readFileSync(path.join(FIXTURES, relative));
const files = (folder: string, extension: string) =>
  readdirSync(path.join(FIXTURES, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension))
    .map((file) => path.join(folder, file).split(path.sep).join('/'))
    .sort();

const INVITES = files('invites', '.eml');
const CALENDARS = [...files('calendar', '.ics'), ...files('calendar-corpus', '.ics')];
const CALENDAR_MAILS = files('calendar-mails', '.eml');
const FORMS: ('text' | HtmlStyle)[] = ['text', 'br', 'div', 'gmail', 'outlook'];
const FORWARDS = loadForwardCases();

const mailProbe = (id: string, raw: string | Buffer): Probe => ({
  kind: 'mail',
  id,
  base64: Buffer.from(raw).toString('base64'),
});
const PROBES: Probe[] = [
  ...INVITES.map((file) => mailProbe(file, read(file))),
  ...CALENDAR_MAILS.map((file) => mailProbe(file, read(file))),
  ...FORMS.flatMap((form) => FORWARDS.map((c) => mailProbe(`${form}:${c.id}`, forwardEml(c, form)))),
  ...CALENDARS.map((file): Probe => ({ kind: 'calendar', id: file, ics: read(file).toString('utf8') })),
  ...NEVER_A_DATE.sentences.map(
    ({ sentence }): Probe => ({
      kind: 'time',
      id: sentence,
      text: sentence,
      referenceIso: NEVER_A_DATE.reference,
      offsetMinutes: NEVER_A_DATE.offsetMinutes,
    }),
  ),
];

/** The facts the brief names for an invite; each must be present, so no comparison is vacuous. */
const INVITE_FACTS = [
  'employer.name',
  'employer.email',
  'employer.company',
  'role',
  'interview.start',
  'interview.end',
  'interview.timezone',
  'interview.certain',
  'missing',
];

/** Every fact on which two readings differ, with both values. */
function differences(source: Facts | undefined, bundle: Facts | undefined): string[] {
  if (!source || !bundle) return [`read by ${source ? 'the source' : 'the bundle'} only`];
  const names = [...new Set([...Object.keys(source), ...Object.keys(bundle)])].sort();
  return names
    .filter((name) => !isDeepStrictEqual(source[name], bundle[name]))
    .map((name) => `${name}: source ${JSON.stringify(source[name])}, bundle ${JSON.stringify(bundle[name])}`);
}

const work = mkdtempSync(path.join(tmpdir(), 'bowout-bundle-parity-'));
let standIns: Awaited<ReturnType<typeof startStandIns>>;
const bundles = new Map<string, string>();
const source = new Map<string, Facts>();
const bundled = new Map<string, Facts>();

beforeAll(async () => {
  standIns = await startStandIns();
  const built = await Promise.all(
    [...HANDLERS.map((h) => `functions/handlers/${h}.ts`), 'test/bundle/extraction.ts'].map(
      async (entry) =>
        [entry, await bundleEntry(entry, path.join(work, path.basename(entry, '.ts')))] as const,
    ),
  );
  for (const [entry, bundle] of built) bundles.set(entry, bundle);

  // The bundle in its own process and the source in this one read the probes at the same time.
  const fromBundle = runInLambdaProcess<Facts>({
    bundle: bundles.get('test/bundle/extraction.ts') ?? '',
    exportName: 'readProbes',
    inputs: PROBES,
    environment: lambdaEnvironment('inbound-mail', standIns.handlerEnvironment()),
    workDir: work,
  });
  const fromSource = await readProbes(PROBES);
  const bundleFacts = await fromBundle;
  PROBES.forEach((probe, index) => {
    const [s, b] = [fromSource[index], bundleFacts[index]];
    if (s) source.set(probe.id, s);
    if (b) bundled.set(probe.id, b);
  });
}, 240_000);

afterAll(async () => {
  await standIns?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('each function bundle', () => {
  it('targets the Node.js version of the Lambda runtime', () => {
    expect(ESBUILD_OPTIONS.target).toBe(`node${LAMBDA_RUNTIME.match(/\d+/)?.[0]}`);
  });

  it.each(HANDLERS)(
    '%s: loads as an ES module with its function environment and exports the handler',
    async (name) => {
      const results = await runInLambdaProcess({
        bundle: bundles.get(`functions/handlers/${name}.ts`) ?? '',
        exportName: 'handler',
        inputs: [],
        environment: lambdaEnvironment(name, standIns.handlerEnvironment()),
        workDir: work,
      });
      expect(results).toEqual([]);
    },
  );
});

describe('the invite extraction, bundled, reads every fixture as the source does', () => {
  it('read every probe on both sides', () => {
    expect(source.size).toBe(PROBES.length);
    expect(bundled.size).toBe(PROBES.length);
    expect(INVITES.length).toBeGreaterThanOrEqual(50);
    expect(FORWARDS.length).toBe(195);
    expect(CALENDARS.length).toBe(34);
    expect(CALENDAR_MAILS).toHaveLength(2);
  });

  it.each([...INVITES, ...CALENDAR_MAILS])('%s: the same facts', (file) => {
    const facts = source.get(file);
    if (!facts?.refused) expect(Object.keys(facts ?? {})).toEqual(expect.arrayContaining(INVITE_FACTS));
    expect(differences(facts, bundled.get(file))).toEqual([]);
  });

  it.each(FORMS)('the forward-parser cases forwarded as %s: the same facts, case by case', (form) => {
    const differing = FORWARDS.flatMap((c) => {
      const id = `${form}:${c.id}`;
      return differences(source.get(id), bundled.get(id)).map((difference) => `${c.id}: ${difference}`);
    });
    expect(differing).toEqual([]);
  });

  it.each(CALENDARS)('%s: the same invitation and events', (file) => {
    expect(Object.keys(source.get(file) ?? {}).length).toBeGreaterThan(1);
    expect(differences(source.get(file), bundled.get(file))).toEqual([]);
  });

  it.each(NEVER_A_DATE.sentences.map((s) => s.sentence))('"%s": no interview time, in both', (sentence) => {
    expect(bundled.get(sentence)).toEqual({ time: null });
    expect(differences(source.get(sentence), bundled.get(sentence))).toEqual([]);
  });
});

describe('the inbound function bundle, invoked with SES events against the stand-ins', () => {
  type Outcome = { outcomes: string[] };
  const outcomes = { source: new Map<string, Outcome>(), bundle: new Map<string, Outcome>() };
  const stored = { source: new Map<string, Facts>(), bundle: new Map<string, Facts>() };

  // Each side has a table of its own: the same user sending the same subject twice to one table would
  // meet the answer budget's "one answer per subject", and the same invite forwarded again by one user
  // opens no second case.
  const TABLES = { source: TABLE, bundle: `${TABLE}-bundle` };

  /** The case each delivery opened, by SES message id, as the function stored it. */
  async function storedFacts(): Promise<Map<string, unknown>> {
    const byMessage = new Map<string, unknown>();
    for (const tableName of Object.values(TABLES)) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await standIns.clients.documents.send(
          new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }),
        );
        for (const item of page.Items ?? []) {
          if (typeof item.sourceMessageId === 'string' && item.facts)
            byMessage.set(item.sourceMessageId, item.facts);
        }
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
    return byMessage;
  }

  beforeAll(async () => {
    // Each fixture is delivered twice, under one SES message id per side, from the user who forwarded it.
    const deliveries = await Promise.all(
      INVITES.map(async (file, index) => {
        const user = await parseMail(read(file)).then(
          (mail) => mail.from?.address,
          () => undefined, // not MIME: answered at the envelope sender
        );
        return { file, user: user ?? 'someone@example.com', id: (side: string) => `${side}-${index}` };
      }),
    );
    for (const { file, id } of deliveries) {
      for (const side of ['source', 'bundle']) {
        await standIns.clients.s3.send(
          new PutObjectCommand({ Bucket: BUCKET, Key: `inbound/${id(side)}`, Body: read(file) }),
        );
      }
    }
    const events = (side: string) =>
      deliveries.map(({ user, id }) =>
        sesEventFor({ messageId: id(side), source: user, recipients: ['cancel@bowout.localhost'] }),
      );

    await ensureTable(standIns.dynamo.endpoint, TABLES.bundle);
    const bundleRun = runInLambdaProcess<Outcome>({
      bundle: bundles.get('functions/handlers/inbound-mail.ts') ?? '',
      exportName: 'handler',
      inputs: events('bundle'),
      environment: lambdaEnvironment('inbound-mail', {
        ...standIns.handlerEnvironment(),
        TABLE_NAME: TABLES.bundle,
      }),
      workDir: work,
    });
    // The source handler in this process, configured by the same environment before its first import.
    Object.assign(process.env, { ...standIns.handlerEnvironment(), POWERTOOLS_LOG_LEVEL: 'WARN' });
    const { handler } = (await import('../../functions/handlers/inbound-mail.js')) as unknown as {
      handler: (event: unknown, context: Context) => Promise<Outcome>;
    };
    const context = { functionName: 'inbound-mail', awsRequestId: 'parity' } as unknown as Context;
    const sourceResults: Outcome[] = [];
    for (const event of events('source')) sourceResults.push(await handler(event, context));
    const bundleResults = await bundleRun;

    const facts = await storedFacts();
    deliveries.forEach(({ file, id }, index) => {
      const [s, b] = [sourceResults[index], bundleResults[index]];
      if (s) outcomes.source.set(file, s);
      if (b) outcomes.bundle.set(file, b);
      for (const side of ['source', 'bundle'] as const) {
        const value = facts.get(id(side));
        if (value) stored[side].set(file, value as Facts);
      }
    });
  }, 240_000);

  it('drafted most invites, so the comparison below is not of empty cases', () => {
    const drafted = [...outcomes.source.values()].filter((o) => o.outcomes.includes('drafted'));
    expect(drafted.length).toBeGreaterThanOrEqual(INVITES.length - 5);
  });

  it.each(INVITES)('%s: the same outcome, and the same facts in the case it stored', (file) => {
    expect(outcomes.bundle.get(file)).toEqual(outcomes.source.get(file));
    const [s, b] = [stored.source.get(file), stored.bundle.get(file)];
    expect(Boolean(b)).toBe(Boolean(s));
    if (!s || !b) return;
    for (const fact of INVITE_FACTS) {
      const name = fact.split('.');
      const pick = (facts: Facts) => name.reduce<unknown>((value, key) => (value as Facts)?.[key], facts);
      expect(pick(b), fact).toEqual(pick(s));
    }
    expect(b).toEqual(s);
  });
});
