import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { SESEvent } from 'aws-lambda';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError } from '../../local/data-lock.js';
import { buildIngestEvent, ingestMail, StackNotRunningError } from '../../local/ingest.js';
import { silentLog } from '../../local/log.js';
import { readLocalSettings } from '../../local/settings.js';
import { type ReceivedMail, startSmtpInbound } from '../../local/smtp-inbound.js';
import { type LocalStack, startLocalStack } from '../../local/stack.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../local/standins.js';

const DOMAIN = 'bowout.localhost';
const SIZE_LIMIT = 256 * 1024;
const FREE_PORTS = {
  BOWOUT_SMTP_PORT: '0',
  BOWOUT_SES_PORT: '0',
  BOWOUT_S3_PORT: '0',
  BOWOUT_DYNAMODB_PORT: '0',
  BOWOUT_LAMBDA_PORT: '0',
  BOWOUT_WEB_PORT: '0',
};

const invite = Buffer.from(
  [
    'From: "Doe, Jane" <recruiter@acme.example>',
    `To: Sam <cancel@${DOMAIN}>`,
    'Subject: Interview on Friday – Café',
    'Date: Wed, 7 Oct 2026 12:34:56 -0700',
    'Message-ID: <invite-1@acme.example>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Dear Sam, we look forward to meeting you on Friday at 10:00.',
    '.A line that SMTP dot-stuffs.',
    '',
  ].join('\r\n'),
  'utf8',
);

let dataDir: string;
let stack: LocalStack;
const events: SESEvent[] = [];

function startStack(ports: Record<string, string>): Promise<LocalStack> {
  const settings = readLocalSettings({ BOWOUT_DATA_DIR: dataDir, ...ports });
  return startLocalStack({
    settings,
    log: silentLog,
    retryDelaysMs: [20, 20],
    maxMessageBytes: SIZE_LIMIT,
    handlers: {
      inbound: async (event) => {
        events.push(event);
        return { recorded: event.Records[0]?.ses.mail.messageId };
      },
    },
  });
}

async function waitFor<T>(find: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function transport(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
}

/** Sends raw bytes over SMTP; resolves with the message id from the 250 reply. */
async function sendRaw(raw: Buffer, envelope: { from: string; to: string[] }): Promise<string> {
  const info = await transport(stack.ports.smtp).sendMail({ envelope, raw });
  const id = /^250 Ok ([a-z0-9]+)$/.exec(info.response)?.[1];
  if (!id) throw new Error(`unexpected reply ${info.response}`);
  return id;
}

function s3(): S3Client {
  return new S3Client({
    endpoint: stack.endpoints.s3,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
  });
}

async function storedRawMail(messageId: string): Promise<Buffer> {
  const client = s3();
  try {
    const object = await client.send(
      new GetObjectCommand({ Bucket: 'bowout-raw-mail', Key: `inbound/${messageId}` }),
    );
    return Buffer.from((await object.Body?.transformToByteArray()) ?? []);
  } finally {
    client.destroy();
  }
}

function eventFor(messageId: string): SESEvent | undefined {
  return events.find((event) => event.Records[0]?.ses.mail.messageId === messageId);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'bowout-stack-'));
  stack = await startStack(FREE_PORTS);
});

afterAll(async () => {
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('inbound SMTP', () => {
  it('stores mail for cancel@ byte for byte and hands the handler exactly one SES receipt event', async () => {
    const messageId = await sendRaw(invite, { from: 'recruiter@acme.example', to: [`cancel@${DOMAIN}`] });
    expect(messageId).toMatch(/^[a-z0-9]{20,}$/);
    expect((await storedRawMail(messageId)).equals(invite)).toBe(true);

    // Accepted (250) means handed to the handler: once the stack is idle, every invocation has run.
    await stack.lambda.idle();
    const event = eventFor(messageId);
    expect(event).toBeDefined();
    if (!event) return;
    expect(events.filter((candidate) => candidate.Records[0]?.ses.mail.messageId === messageId)).toHaveLength(
      1,
    );

    expect(event.Records).toHaveLength(1);
    const record = event.Records[0];
    expect(record).toMatchObject({ eventSource: 'aws:ses', eventVersion: '1.0' });
    expect(record?.ses.mail).toMatchObject({
      source: 'recruiter@acme.example',
      messageId,
      destination: [`cancel@${DOMAIN}`],
      headersTruncated: false,
      commonHeaders: {
        returnPath: 'recruiter@acme.example',
        from: ['"Doe, Jane" <recruiter@acme.example>'],
        to: [`Sam <cancel@${DOMAIN}>`],
        subject: 'Interview on Friday – Café',
        messageId: '<invite-1@acme.example>',
        date: 'Wed, 7 Oct 2026 12:34:56 -0700',
      },
    });
    expect(record?.ses.mail.headers.map((header) => header.name)).toEqual([
      'From',
      'To',
      'Subject',
      'Date',
      'Message-ID',
      'MIME-Version',
      'Content-Type',
      'Content-Transfer-Encoding',
    ]);
    expect(Date.parse(record?.ses.mail.timestamp ?? '')).toBeGreaterThan(Date.now() - 60_000);
    const receipt = record?.ses.receipt;
    expect(receipt?.recipients).toEqual([`cancel@${DOMAIN}`]);
    for (const verdict of [
      'spamVerdict',
      'virusVerdict',
      'spfVerdict',
      'dkimVerdict',
      'dmarcVerdict',
    ] as const) {
      expect(receipt?.[verdict]).toEqual({ status: 'PASS' });
    }
    expect(receipt?.action).toEqual({
      type: 'Lambda',
      functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:inbound-mail',
      invocationType: 'Event',
    });
  });

  it('lists every recipient of one message in a single event', async () => {
    const to = [`cancel@${DOMAIN}`, `reply+token@${DOMAIN}`];
    const messageId = await sendRaw(invite, { from: 'recruiter@acme.example', to });
    await stack.lambda.idle();
    const event = eventFor(messageId);
    expect(event?.Records[0]?.ses.mail.destination).toEqual(to);
    expect(event?.Records[0]?.ses.receipt.recipients).toEqual(to);
  });

  it('accepts the null sender of a bounce and reports an empty source', async () => {
    const messageId = await sendRaw(invite, { from: '', to: [`cancel@${DOMAIN}`] });
    await stack.lambda.idle();
    expect(eventFor(messageId)?.Records[0]?.ses.mail.source).toBe('');
  });

  it('refuses recipients at other domains with 550', async () => {
    const sending = transport(stack.ports.smtp).sendMail({
      envelope: { from: 'recruiter@acme.example', to: ['someone@elsewhere.example'] },
      raw: invite,
    });
    await expect(sending).rejects.toMatchObject({ responseCode: 550 });
  });

  it('refuses a message over the size limit with 552 and keeps nothing of it', async () => {
    const before = events.length;
    const big = Buffer.concat([invite, Buffer.alloc(SIZE_LIMIT, 'a')]);
    const sending = transport(stack.ports.smtp).sendMail({
      envelope: { from: 'recruiter@acme.example', to: [`cancel@${DOMAIN}`] },
      raw: big,
    });
    await expect(sending).rejects.toMatchObject({ responseCode: 552 });
    await stack.lambda.idle();
    expect(events.length).toBe(before);
  });

  it('answers 451 when the mail cannot be stored, so the sender tries again later', async () => {
    const smtp = await startSmtpInbound({
      host: '127.0.0.1',
      port: 0,
      domain: DOMAIN,
      log: silentLog,
      receive: (_mail: ReceivedMail) => Promise.reject(new Error('S3 is down')),
    });
    try {
      const sending = transport(smtp.port).sendMail({
        envelope: { from: 'recruiter@acme.example', to: [`cancel@${DOMAIN}`] },
        raw: invite,
      });
      await expect(sending).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      await smtp.stop();
    }
  });
});

describe('the outbox', () => {
  it('writes the exact raw bytes of a sent message after the SES stand-in accepted it', async () => {
    // Imported only now: the shared clients read the stack's endpoints when first loaded.
    const { sesClient } = await import('../../functions/adapters/aws-clients.js');
    const raw = Buffer.from(
      `From: Bowout <send@${DOMAIN}>\r\nTo: sam@mail.example\r\nSubject: Outbox check ${Date.now()}\r\n\r\nHello\r\n`,
    );
    const sent = await sesClient.send(
      new SendEmailCommand({ Content: { Raw: { Data: new Uint8Array(raw) } } }),
    );
    expect(sent.MessageId).toBeTruthy();

    const files = (await readdir(stack.outboxDir)).filter((name) => name.endsWith('.eml')).sort();
    const newest = files.at(-1) ?? '';
    expect(newest).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-.+\.eml$/);
    expect(newest).toContain(sent.MessageId?.replace(/[^A-Za-z0-9-]/g, ''));
    expect((await readFile(join(stack.outboxDir, newest))).equals(raw)).toBe(true);

    const store = (await (await fetch(`${stack.endpoints.ses}/store`)).json()) as {
      emails: { messageId: string; subject: string }[];
    };
    expect(store.emails.find((email) => email.messageId === sent.MessageId)?.subject).toMatch(
      /^Outbox check/,
    );
  });

  it('names files so that sorting them gives the order they were sent in', async () => {
    const { sesClient } = await import('../../functions/adapters/aws-clients.js');
    const subjects = ['first', 'second', 'third'];
    for (const subject of subjects) {
      const raw = Buffer.from(
        `From: send@${DOMAIN}\r\nTo: sam@mail.example\r\nSubject: ${subject}\r\n\r\nx\r\n`,
      );
      await sesClient.send(new SendEmailCommand({ Content: { Raw: { Data: new Uint8Array(raw) } } }));
    }
    const newest = (await readdir(stack.outboxDir))
      .filter((name) => name.endsWith('.eml'))
      .sort()
      .slice(-3);
    const contents = await Promise.all(newest.map((name) => readFile(join(stack.outboxDir, name), 'utf8')));
    expect(contents.map((text) => /Subject: (\w+)/.exec(text)?.[1])).toEqual(subjects);
  });
});

describe('the Lambda Invoke API', () => {
  it('runs the inbound handler for an ingested message with the given verdicts and returns its result', async () => {
    const outcome = await ingestMail(stack.settings, invite, { verdicts: { spf: 'FAIL', dmarc: 'FAIL' } });
    expect(outcome).toEqual({
      messageId: outcome.messageId,
      ok: true,
      result: { recorded: outcome.messageId },
    });
    expect((await storedRawMail(outcome.messageId)).equals(invite)).toBe(true);
    const event = eventFor(outcome.messageId)?.Records[0]?.ses;
    expect(event?.mail.source).toBe('recruiter@acme.example');
    expect(event?.receipt.recipients).toEqual([`cancel@${DOMAIN}`]);
    expect(event?.receipt.spfVerdict).toEqual({ status: 'FAIL' });
    expect(event?.receipt.dkimVerdict).toEqual({ status: 'PASS' });
    expect(event?.receipt.dmarcVerdict).toEqual({ status: 'FAIL' });
    expect(event?.receipt.dmarcPolicy).toBe('reject');
  });

  it('carries an event from the ingest builder as it is, synchronously or as an asynchronous event', async () => {
    const event = buildIngestEvent({
      raw: invite,
      domain: DOMAIN,
      messageId: 'builtbyhandforthistest0000000000000000000',
      receivedAt: new Date(),
      from: 'other@acme.example',
      verdicts: { virus: 'FAIL' },
    });
    const url = `${stack.endpoints.lambda}/2015-03-31/functions/inbound-mail/invocations`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'X-Amz-Invocation-Type': 'RequestResponse' },
      body: JSON.stringify(event),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ recorded: 'builtbyhandforthistest0000000000000000000' });
    expect(events.at(-1)).toEqual(event);

    const queued = await fetch(url, {
      method: 'POST',
      headers: { 'X-Amz-Invocation-Type': 'Event' },
      body: JSON.stringify(event),
    });
    expect(queued.status).toBe(202);
    await stack.lambda.idle();
    expect(
      events.filter((seen) => seen.Records[0]?.ses.mail.messageId === event.Records[0]?.ses.mail.messageId),
    ).toHaveLength(2);
  });

  it('retries a failing asynchronous invocation twice, and reports a synchronous failure as a function error', async () => {
    let calls = 0;
    stack.lambda.register({
      name: 'always-fails',
      handler: async () => {
        calls += 1;
        throw new TypeError('broken on purpose');
      },
    });
    const url = `${stack.endpoints.lambda}/2015-03-31/functions/always-fails/invocations`;
    const queued = await fetch(url, {
      method: 'POST',
      headers: { 'X-Amz-Invocation-Type': 'Event' },
      body: '{}',
    });
    expect(queued.status).toBe(202);
    await stack.lambda.idle();
    expect(calls).toBe(3);

    const direct = await fetch(url, { method: 'POST', body: '{}' });
    expect(direct.status).toBe(200);
    expect(direct.headers.get('X-Amz-Function-Error')).toBe('Unhandled');
    expect(await direct.json()).toMatchObject({ errorType: 'TypeError', errorMessage: 'broken on purpose' });
    expect(calls).toBe(4);
  });

  it('answers 404 for an unknown function and 400 for a body that is not JSON', async () => {
    const base = `${stack.endpoints.lambda}/2015-03-31/functions`;
    const unknown = await fetch(`${base}/no-such-function/invocations`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('x-amzn-ErrorType')).toBe('ResourceNotFoundException');
    const garbled = await fetch(`${base}/inbound-mail/invocations`, { method: 'POST', body: '{not json' });
    expect(garbled.status).toBe(400);
  });

  it('tells ingest plainly when no stack is running', async () => {
    const unused = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const settings = { ...stack.settings, ports: { ...stack.settings.ports, lambda: unused } };
    await expect(ingestMail(settings, invite)).rejects.toThrow(StackNotRunningError);
  });
});

describe('the command line', () => {
  const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
  const portsEnv = () => ({
    ...process.env,
    BOWOUT_DATA_DIR: dataDir,
    BOWOUT_S3_PORT: String(stack.ports.s3),
    BOWOUT_LAMBDA_PORT: String(stack.ports.lambda),
  });

  it('ingests a file into the running stack and prints one line with the message id and outcome', async () => {
    const file = join(dataDir, 'invite.eml');
    await writeFile(file, invite);
    const run = promisify(execFile);
    const { stdout } = await run(tsx, ['bin/bowout.ts', 'ingest', file, '--verdict', 'dkim=FAIL'], {
      env: portsEnv(),
    });
    const [line, ...rest] = stdout.trimEnd().split('\n');
    expect(rest).toEqual([]);
    const messageId = /^([a-z0-9]{40}) {2}ok {2}/.exec(line ?? '')?.[1] ?? '';
    expect(eventFor(messageId)?.Records[0]?.ses.receipt.dkimVerdict).toEqual({ status: 'FAIL' });
  });

  it('exits with 2 and one line of usage for a bad verdict', async () => {
    const run = promisify(execFile);
    const failure = await run(tsx, ['bin/bowout.ts', 'ingest', 'x.eml', '--verdict', 'spf=SOMETIMES'], {
      env: portsEnv(),
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('starts the stack, prints one line with "ready", and stops cleanly on SIGTERM', async () => {
    const child = spawn(tsx, ['bin/bowout.ts', 'start'], {
      env: { ...process.env, ...FREE_PORTS, BOWOUT_DATA_DIR: join(dataDir, 'cli') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Loading every handler takes seconds, and many more on a busy machine.
    await waitFor(() => (output.includes('ready') ? true : undefined), 'ready', 75_000);
    expect(output.split('\n').filter((line) => line.includes('ready'))).toHaveLength(1);
    // The banner names the console, on the loopback address.
    expect(output).toMatch(/Console +http:\/\/127\.0\.0\.1:\d+\//);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 90_000);
});

describe('state', () => {
  // Last: it restarts the stack (on the same ports, which the shared SDK clients are bound to).
  it('creates the table and bucket, waits for running handlers on stop, and keeps state across a restart', async () => {
    const dynamo = () =>
      new DynamoDBClient({
        endpoint: stack.endpoints.dynamodb,
        region: LOCAL_REGION,
        credentials: LOCAL_CREDENTIALS,
      });
    const table = await dynamo().send(new DescribeTableCommand({ TableName: 'bowout' }));
    expect(table.Table?.KeySchema?.map((key) => key.AttributeName)).toEqual(['pk', 'sk']);
    await s3().send(new HeadBucketCommand({ Bucket: 'bowout-raw-mail' }));
    await dynamo().send(
      new PutItemCommand({ TableName: 'bowout', Item: { pk: { S: 'test' }, sk: { S: 'restart' } } }),
    );
    const messageId = await sendRaw(invite, { from: 'recruiter@acme.example', to: [`cancel@${DOMAIN}`] });

    // A second stack on the same folder would corrupt it.
    await expect(startStack(FREE_PORTS)).rejects.toThrow(DataDirInUseError);

    // A handler still running when the stack is told to stop is waited for.
    let slowFinished = false;
    stack.lambda.register({
      name: 'slow',
      handler: async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        slowFinished = true;
      },
    });
    const url = `${stack.endpoints.lambda}/2015-03-31/functions/slow/invocations`;
    const queued = await fetch(url, {
      method: 'POST',
      headers: { 'X-Amz-Invocation-Type': 'Event' },
      body: '{}',
    });
    expect(queued.status).toBe(202);

    const { ports } = stack;
    await stack.stop();
    expect(slowFinished).toBe(true);
    stack = await startStack({
      BOWOUT_SMTP_PORT: String(ports.smtp),
      BOWOUT_SES_PORT: String(ports.ses),
      BOWOUT_S3_PORT: String(ports.s3),
      BOWOUT_DYNAMODB_PORT: String(ports.dynamodb),
      BOWOUT_LAMBDA_PORT: String(ports.lambda),
    });

    const item = await dynamo().send(
      new GetItemCommand({ TableName: 'bowout', Key: { pk: { S: 'test' }, sk: { S: 'restart' } } }),
    );
    expect(item.Item).toBeDefined();
    expect((await storedRawMail(messageId)).equals(invite)).toBe(true);
  });
});
