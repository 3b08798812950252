import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleServer, startConsole } from '../../local/console/server.js';
import type { ConsoleState, Thread } from '../../local/console/threads.js';
import { silentLog } from '../../local/log.js';
import { startTemporaryStack, type TemporaryStack } from '../support/temporary-stack.js';

/**
 * The console's HTTP API on a temporary stack, without a browser: forward, reply and sweep go through the
 * stack's real paths, and the state the page renders groups the resulting mail into one thread per forward.
 */

const USER = { name: 'Alex Rivera', address: 'alex.rivera@example.com' };
const DAY = 86_400_000;

let temporary: TemporaryStack;
let console_: ConsoleServer;
let base: string;

beforeAll(async () => {
  temporary = await startTemporaryStack({ name: 'console' });
  console_ = await startConsole({ stack: temporary.stack, port: 0, log: silentLog });
  base = console_.url.replace(/\/$/, '');
});

afterAll(async () => {
  await console_?.stop();
  await temporary?.stop();
});

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function state(): Promise<ConsoleState> {
  return (await (await fetch(`${base}/api/state`)).json()) as ConsoleState;
}

/** Polls the state until `pick` finds something in it. */
async function waitFor<T>(pick: (value: ConsoleState) => T | undefined, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = pick(await state());
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const threadOf = (value: ConsoleState, id: string) => value.threads.find((thread) => thread.id === id);
const kinds = (thread: Thread | undefined) => thread?.items.map((item) => item.kind) ?? [];

/** A raw HTTP request, for headers fetch will not let a caller set. */
function rawRequest(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body = '',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: console_.port, path, method, headers },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('the page', () => {
  it('is served on the loopback address with a strict Content-Security-Policy and no inline script', async () => {
    expect(console_.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(console_.url);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/console.js"></script>');
    expect(html.match(/<script\b[^>]*>[^<]+<\/script>/)).toBeNull();
    expect(html).not.toMatch(/\bstyle="/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('loads nothing from outside the machine in its script and style sheet', async () => {
    for (const asset of ['/console.js', '/console.css']) {
      const text = await (await fetch(`${base}${asset}`)).text();
      expect(text.length).toBeGreaterThan(1000);
      expect(text).not.toMatch(/https?:\/\/|@import|url\(/);
    }
  });

  it('lists the sample invites by title', async () => {
    const answer = (await (await fetch(`${base}/api/samples`)).json()) as {
      domain: string;
      samples: { id: string; title: string }[];
    };
    expect(answer.domain).toBe('bowout.localhost');
    expect(answer.samples.map((sample) => sample.id)).toContain('gmail-pacific');
    for (const sample of answer.samples) expect(sample.title.length).toBeGreaterThan(10);
  });

  it('answers only requests addressed to itself, and takes changes only as JSON from its own origin', async () => {
    const forward = JSON.stringify({ user: USER, sample: 'gmail-pacific' });
    // A site whose name resolves to this machine (DNS rebinding) names itself in Host.
    expect((await rawRequest('/api/state', { Host: `attacker.example:${console_.port}` })).status).toBe(421);
    expect(
      (
        await rawRequest(
          '/api/forward',
          {
            Host: `127.0.0.1:${console_.port}`,
            Origin: 'http://attacker.example',
            'Content-Type': 'application/json',
          },
          'POST',
          forward,
        )
      ).status,
    ).toBe(403);
    // A plain form post from another site cannot set a JSON content type without asking first.
    expect(
      (
        await rawRequest(
          '/api/forward',
          { Host: `127.0.0.1:${console_.port}`, 'Content-Type': 'text/plain' },
          'POST',
          forward,
        )
      ).status,
    ).toBe(415);
    expect((await rawRequest('/api/forward', { Host: `localhost:${console_.port}` })).status).toBe(405);
    expect((await rawRequest('/nowhere', { Host: `localhost:${console_.port}` })).status).toBe(404);
  });

  it('sends the state as a server-sent event when a page connects', async () => {
    const controller = new AbortController();
    const response = await fetch(`${base}/api/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body?.getReader();
    let text = '';
    while (reader && !text.includes('event: state\ndata: ')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toContain('event: state\ndata: {"domain":"bowout.localhost"');
  });
});

describe('a case, forwarded and driven from the console', () => {
  let threadId = '';

  it('forwards a sample over SMTP and shows the forward and the draft as one thread', async () => {
    const { status, json } = await post('/api/forward', {
      user: USER,
      zone: 'Europe/Berlin',
      sample: 'gmail-pacific',
    });
    expect(status).toBe(200);
    threadId = String(json.messageId);
    expect(threadId).toMatch(/^[a-z0-9]{40}$/);
    const thread = await waitFor((value) => {
      const found = threadOf(value, threadId);
      return found?.replyTarget ? found : undefined;
    }, 'the draft');
    expect(thread.user).toBe(USER.address);
    expect(kinds(thread)).toEqual(['forward', 'to-user']);
    expect(thread.cases).toHaveLength(1);
    expect(thread.cases[0]).toMatchObject({
      state: 'DRAFTED',
      facts: {
        employer: { email: 'priya.natarajan@northwind-analytics.com', company: 'Northwind Analytics' },
      },
    });
    const [forward, draft] = thread.items;
    expect(forward?.mail.from).toEqual(USER);
    expect(draft?.mail.to).toEqual([USER.address]);
    expect(draft?.mail.html).toContain('Dear Priya');
    expect(draft?.mail.text).toContain('SEND');
    expect(thread.replyTarget?.address).toMatch(/^reply\+[a-z2-7]{32}@bowout\.localhost$/);
    expect(thread.replyTarget?.address).toBe(draft?.mail.replyTo[0]);
  });

  it('replies REASON from the user and shows the updated draft in the same thread', async () => {
    const target = threadOf(await state(), threadId)?.replyTarget;
    const { status } = await post('/api/reply', {
      user: USER,
      to: target?.address,
      subject: target?.subject,
      inReplyTo: target?.messageId,
      text: 'REASON I have accepted another offer',
    });
    expect(status).toBe(200);
    const thread = await waitFor((value) => {
      const found = threadOf(value, threadId);
      return found && found.items.length >= 4 ? found : undefined;
    }, 'the updated draft');
    expect(kinds(thread)).toEqual(['forward', 'to-user', 'command', 'to-user']);
    expect(thread.items[2]?.mail.text.trim()).toBe('REASON I have accepted another offer');
    expect(thread.cases[0]?.draft.body).toContain('accepted another offer');
    expect(thread.replyTarget?.address).toBe(thread.items[3]?.mail.replyTo[0]);
  });

  it('replies SEND and shows the cancellation to the employer in the thread, with no internal id in it', async () => {
    const target = threadOf(await state(), threadId)?.replyTarget;
    await post('/api/reply', { user: USER, to: target?.address, subject: target?.subject, text: 'SEND' });
    const thread = await waitFor((value) => {
      const found = threadOf(value, threadId);
      return found?.cases[0]?.state === 'SENT' && kinds(found).includes('to-employer') ? found : undefined;
    }, 'the cancellation');
    const cancellation = thread.items.find((item) => item.kind === 'to-employer');
    expect(cancellation?.mail.to).toEqual(['priya.natarajan@northwind-analytics.com']);
    expect(cancellation?.mail.cc).toEqual([USER.address]);
    const raw = (await temporary.outbox()).find((message) =>
      message.file.includes(cancellation?.sesMessageId ?? '-'),
    )?.raw;
    expect(raw).toContain('Dear Priya');
    for (const internal of [threadId, thread.cases[0]?.caseId ?? '-', 'reply+']) {
      expect(raw).not.toContain(internal);
    }
  });

  it('runs the sweep as if a week had passed, and shows the reflection nudge in the thread', async () => {
    const at = new Date(Date.now() + 8 * DAY).toISOString();
    const { status, json } = await post('/api/sweep', { at });
    expect(status).toBe(200);
    expect(json).toMatchObject({ at, result: { sent: 1 } });
    const thread = await waitFor((value) => {
      const found = threadOf(value, threadId);
      return found?.items.some((item) => /reflect/i.test(item.mail.subject)) ? found : undefined;
    }, 'the reflection nudge');
    expect(thread.items.at(-1)?.kind).toBe('to-user');
    expect(thread.replyTarget?.subject).toMatch(/reflect/i);
  });

  it('refuses a sweep without a time, and a reply to an address that is not a reply address', async () => {
    expect((await post('/api/sweep', { at: 'next week' })).status).toBe(400);
    const stranger = await post('/api/reply', { user: USER, to: 'cancel@bowout.localhost', text: 'SEND' });
    expect(stranger.status).toBe(400);
    expect(String(stranger.json.error)).toMatch(/reply address/);
    const empty = await post('/api/reply', {
      user: USER,
      to: threadOf(await state(), threadId)?.replyTarget?.address,
      text: '  ',
    });
    expect(empty.status).toBe(400);
    expect(
      (await post('/api/forward', { user: { address: 'not an address' }, sample: 'gmail-pacific' })).status,
    ).toBe(400);
    expect((await post('/api/forward', { user: USER, sample: 'no-such-sample' })).status).toBe(400);
  });
});

describe('forwards that open no case', () => {
  it("files Bowout's answer to a newsletter under that forward", async () => {
    const { json } = await post('/api/forward', { user: USER, sample: 'newsletter' });
    const thread = await waitFor((value) => {
      const found = threadOf(value, String(json.messageId));
      return kinds(found).includes('to-user') ? found : undefined;
    }, 'the answer to the newsletter');
    expect(thread.cases).toEqual([]);
    expect(thread.replyTarget).toBeNull();
    expect(thread.items[1]?.mail.subject).toMatch(/couldn't find an interview invite/i);
  });

  it('forwards a pasted message as the chosen user, whatever its own From said', async () => {
    const pasted = [
      'From: Someone Else <someone@elsewhere.example>',
      'Subject: Fwd: Interview invitation',
      '',
      '---------- Forwarded message ---------',
      'From: Dana Reyes <dana.reyes@fabrikam.com>',
      'Subject: Interview invitation: Product Analyst',
      '',
      'Hi, we would like to invite you to an interview for the Product Analyst role at Fabrikam',
      'on Monday, January 11, 2038 at 10:00 AM Eastern Time.',
      '',
      'Dana Reyes, Fabrikam',
    ].join('\n');
    const { status, json } = await post('/api/forward', {
      user: { name: 'Sam Lee', address: 'Sam.Lee@Example.com' },
      eml: pasted,
      encoding: 'utf8',
    });
    expect(status).toBe(200);
    const thread = await waitFor((value) => {
      const found = threadOf(value, String(json.messageId));
      return found?.cases.length ? found : undefined;
    }, 'the pasted forward');
    expect(thread.items[0]?.mail.from).toEqual({ name: 'Sam Lee', address: 'sam.lee@example.com' });
    expect(thread.cases[0]?.facts.employer.email).toBe('dana.reyes@fabrikam.com');
  });

  it('forwards a file sent as base64, bytes unchanged', async () => {
    const raw = Buffer.from(
      'Subject: Fwd: cafe\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nCaf\xe9\r\n',
      'latin1',
    );
    const { status, json } = await post('/api/forward', {
      user: USER,
      eml: raw.toString('base64'),
      encoding: 'base64',
    });
    expect(status).toBe(200);
    const thread = await waitFor((value) => threadOf(value, String(json.messageId)), 'the file forward');
    expect(thread.items[0]?.mail.subject).toBe('Fwd: cafe');
    expect(thread.items[0]?.mail.text.trim()).toBe('Café');
  });
});

describe('npm start', () => {
  it('refuses a console port that is taken before starting anything, and names the variable to change', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    const child = spawn('node_modules/.bin/tsx', ['bin/bowout.ts', 'start'], {
      env: {
        ...process.env,
        ...Object.fromEntries(
          ['SMTP', 'SES', 'S3', 'DYNAMODB', 'LAMBDA'].map((name) => [`BOWOUT_${name}_PORT`, '0']),
        ),
        BOWOUT_WEB_PORT: String(port),
        BOWOUT_DATA_DIR: `${temporary.dataDir}/taken`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    // Starting tsx from a cold cache on a busy machine takes a while; a stack that started anyway is stopped.
    const stray = setTimeout(() => child.kill('SIGTERM'), 80_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(stray);
    holder.close();
    expect(code).toBe(1);
    expect(errors.trim()).toBe(
      `port ${port} on 127.0.0.1 (web) is in use by another program: stop it or set BOWOUT_WEB_PORT`,
    );
  }, 90_000);
});
