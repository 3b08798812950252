import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { IANAZone } from 'luxon';
import { SWEEP_FUNCTION } from '../function-names.js';
import { describeError, type Log } from '../log.js';
import { listenOn } from '../ports.js';
import { scheduledEvent } from '../scheduled-event.js';
import { httpEndpoint } from '../settings.js';
import type { LocalStack } from '../stack.js';
import { MailArchive } from './archive.js';
import { ConsoleMailer, checkUser, InputError, type Sent } from './mail-out.js';
import { findSample, renderSample, SAMPLES } from './samples.js';
import { StateFeed } from './state-feed.js';
import { replyToken } from './threads.js';

/**
 * The console `npm start` serves: one page to forward an invite, read each case as a thread, reply with
 * commands and run the reminder sweep as if at another time. It drives the stack only through its real
 * paths (SMTP in, the Lambda runtime for sweeps) and reads it through its outbox and stores.
 *
 * Safe by construction: it listens on the stack's (loopback) address; every response carries a strict
 * Content-Security-Policy; requests must name this server as their Host (no DNS rebinding), and changes
 * are JSON POSTs from this origin only (no other site can make the browser send them).
 */

export interface ConsoleOptions {
  stack: LocalStack;
  port: number;
  log: Log;
}

export interface ConsoleServer {
  port: number;
  url: string;
  stop(): Promise<void>;
}

/**
 * No script but the page's own file, nothing from outside this server. Inline styles are allowed because
 * a srcdoc frame inherits this policy and mail is styled inline; the page itself builds every element
 * from mail with textContent, so no markup of a mail's reaches it. Each frame adds a stricter policy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
  '/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

/** A forwarded .eml travels base64-encoded in JSON; SES's own limit is 40 MB. */
const MAX_BODY_BYTES = 56 * 1024 * 1024;
const MAX_REPLY_CHARS = 20_000;

class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? ''))
    throw new HttpError(415, 'send JSON (Content-Type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'the request is larger than 56 MB');
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpError(400, 'the request is not a JSON object');
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export async function startConsole(options: ConsoleOptions): Promise<ConsoleServer> {
  const { stack, log } = options;
  const { settings } = stack;
  const publicDir = new URL('./public/', import.meta.url);

  const archive = new MailArchive({
    domain: settings.domain,
    outboxDir: stack.outboxDir,
    endpoints: stack.endpoints,
    bucket: settings.bucket,
    rawMailPrefix: settings.rawMailPrefix,
    tableName: settings.tableName,
  });
  const feed = new StateFeed(archive, log);
  const mailer = new ConsoleMailer({ host: settings.host, port: stack.ports.smtp }, settings.domain);
  let allowedHosts = new Set<string>();

  /** Sends one message to the stack, remembering when, and tells the open pages to look. */
  async function sending(send: () => Promise<Sent>): Promise<Sent> {
    const startedAt = new Date();
    const sent = await send();
    archive.noteSent(sent.messageId, startedAt);
    feed.poke();
    return sent;
  }

  const api: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    async '/api/forward'(body) {
      const user = checkUser(body.user);
      let raw: Buffer;
      if (typeof body.sample === 'string') {
        const sample = findSample(body.sample);
        if (!sample) throw new InputError('There is no such sample.');
        const zone = text(body.zone) && IANAZone.isValidZone(text(body.zone)) ? text(body.zone) : 'UTC';
        raw = Buffer.from(
          await renderSample(sample, { domain: settings.domain, user: { ...user, zone }, now: new Date() }),
          'utf8',
        );
      } else if (typeof body.eml === 'string') {
        raw = body.encoding === 'base64' ? Buffer.from(body.eml, 'base64') : Buffer.from(body.eml, 'utf8');
        if (raw.toString('latin1').trim() === '') throw new InputError('The message is empty.');
      } else {
        throw new InputError('Choose a sample invite, or drop or paste a message.');
      }
      return sending(() => mailer.forward(raw, user));
    },

    async '/api/reply'(body) {
      const user = checkUser(body.user);
      const to = text(body.to).trim();
      if (!replyToken(to, settings.domain))
        throw new InputError("That is not one of Bowout's reply addresses.");
      const reply = text(body.text).replace(/\r\n?/g, '\n').trim();
      if (!reply) throw new InputError('Write a command, such as SEND.');
      if (reply.length > MAX_REPLY_CHARS) throw new InputError('The reply is longer than 20,000 characters.');
      return sending(() =>
        mailer.reply(
          user,
          { address: to, subject: text(body.subject), messageId: text(body.inReplyTo) || null },
          reply,
        ),
      );
    },

    async '/api/sweep'(body) {
      const at = new Date(text(body.at));
      if (!/^\d{4}-\d{2}-\d{2}T/.test(text(body.at)) || Number.isNaN(at.getTime()))
        throw new InputError('Choose the date and time to sweep at.');
      const invocation = await stack.lambda.invoke(
        SWEEP_FUNCTION,
        JSON.stringify(scheduledEvent(at, 'bowout.console')),
      );
      feed.poke();
      if (!invocation.ok) throw new HttpError(502, `the sweep failed: ${invocation.error.errorType}`);
      return { at: at.toISOString(), result: invocation.result };
    },
  };

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // A page on another site that resolves its own name to this machine must not reach the console.
    if (!allowedHosts.has((request.headers.host ?? '').toLowerCase()))
      throw new HttpError(421, 'this console answers only at its own address');
    const path = new URL(request.url ?? '/', 'http://console.invalid').pathname;
    if (request.method === 'GET' || request.method === 'HEAD') {
      const asset = STATIC_FILES[path];
      if (asset) return send(response, 200, asset.type, await readFile(new URL(asset.file, publicDir)));
      if (path === '/api/samples') {
        const list = SAMPLES.map(({ id, title, description }) => ({ id, title, description }));
        return sendJson(response, 200, { domain: settings.domain, samples: list });
      }
      if (path === '/api/state') return sendJson(response, 200, await archive.state());
      if (path === '/api/events') {
        response.writeHead(200, {
          ...SECURITY_HEADERS,
          'Content-Type': 'text/event-stream; charset=utf-8',
          Connection: 'keep-alive',
        });
        return feed.subscribe(response);
      }
    }
    const handle = api[path];
    if (!handle) throw new HttpError(404, 'not found');
    if (request.method !== 'POST') throw new HttpError(405, 'use POST');
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedHosts.has(origin.replace(/^http:\/\//, '').toLowerCase()))
      throw new HttpError(403, 'requests from other sites are refused');
    sendJson(response, 200, await handle(await readJson(request)));
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.end();
        return;
      }
      if (error instanceof HttpError || error instanceof InputError) {
        sendJson(response, error instanceof HttpError ? error.status : 400, { error: error.message });
        return;
      }
      log(`console  ${request.method} ${request.url?.split('?')[0]} failed: ${describeError(error)}`);
      sendJson(response, 500, { error: 'Something went wrong; the terminal running npm start says what.' });
    });
  });
  const port = await listenOn(server, options.port, settings.host);
  const url = `${httpEndpoint(settings.host, port)}/`;
  const hostNames = settings.host.includes(':') ? [`[${settings.host}]`] : [settings.host];
  if (['127.0.0.1', '::1'].includes(settings.host)) hostNames.push('localhost');
  allowedHosts = new Set(hostNames.map((name) => `${name}:${port}`.toLowerCase()));

  return {
    port,
    url,
    async stop() {
      feed.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      mailer.close();
      archive.close();
    },
  };
}
