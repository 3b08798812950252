import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoMessageLedger } from '../../functions/adapters/dynamo-message-ledger.js';
import { systemClock } from '../../functions/adapters/system.js';
import { InboundMailFailedError, MessageBusyError } from '../../functions/domain/errors.js';
import { captureOutput } from '../support/capture-output.js';
import { type InboundHandler, inboundContext, loadInboundHandler } from '../support/inbound-handler.js';
import { fixture } from '../support/mail.js';
import { sesEventFor } from '../support/ses-events.js';
import { BUCKET, startStandIns, TABLE } from '../support/standins.js';

/**
 * The inbound handler against the stand-ins when things go wrong at the same moment or in a way nobody
 * planned for: two invocations of one message, and the MIME parser itself throwing.
 */

/** A mail carrying this marker makes the parser throw, as a parser's own bug would, quoting an address. */
const PARSER_BUG = 'X-Trips-The-Parser: yes';
vi.mock('../../functions/domain/mail/parse-mail.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/domain/mail/parse-mail.js')>();
  return {
    ...actual,
    parseMail: async (raw: string | Uint8Array) => {
      const text = typeof raw === 'string' ? raw : new TextDecoder().decode(raw);
      if (text.includes(PARSER_BUG))
        throw new TypeError(
          'Cannot read properties of undefined (reading "priya.natarajan@northwind.example")',
        );
      return actual.parseMail(raw);
    },
  };
});

let standIns: Awaited<ReturnType<typeof startStandIns>>;
let handler: InboundHandler;
const context = inboundContext;

beforeAll(async () => {
  standIns = await startStandIns();
  handler = await loadInboundHandler(standIns, 'INFO');
});
afterAll(async () => {
  await standIns?.stop();
});

const USER = 'alex.rivera@gmail.com';
/** An email address (a file path's `node_modules/@scope` is none). */
const ADDRESS = /[\w.+-]+@[\w-]+\.[a-z]{2,}/i;
const invite = () =>
  Buffer.from(fixture('invites/gmail-inline.eml').toString('utf8').replaceAll('2026', '2036'));
const store = (messageId: string, raw: Buffer) =>
  standIns.clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `inbound/${messageId}`, Body: raw }));
const event = (messageId: string) =>
  sesEventFor({ messageId, source: USER, recipients: ['cancel@bowout.localhost'] });
const draftsTo = async (user: string) =>
  (await standIns.sentMail()).filter((m) => m.destination.to.includes(user));

describe('two invocations of the same message at the same moment', () => {
  it('let exactly one proceed; the other is sent back to be retried, and the retry is a no-op', async () => {
    await store('same-moment', invite());
    const before = (await draftsTo(USER)).length;
    const results = await Promise.allSettled([
      handler(event('same-moment'), context),
      handler(event('same-moment'), context),
    ]);
    const done = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(done.map((r) => r.value.outcomes)).toEqual([['drafted']]);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toBeInstanceOf(MessageBusyError);
    expect(await draftsTo(USER)).toHaveLength(before + 1);
    expect((await handler(event('same-moment'), context)).outcomes).toEqual(['duplicate']);
    expect(await draftsTo(USER)).toHaveLength(before + 1);
  });
});

describe('the MIME parser throwing a plain error', () => {
  it('fails the invocation for Lambda to retry, releases the message, keeps the raw mail, and logs no address', async () => {
    const raw = Buffer.from(
      invite().toString('utf8').replace('MIME-Version: 1.0', `${PARSER_BUG}\r\nMIME-Version: 1.0`),
    );
    await store('parser-bug', raw);
    const sentBefore = (await standIns.sentMail()).length;
    const output = captureOutput();
    const delivery = handler(event('parser-bug'), context).finally(() => output.restore());
    const error = await delivery.catch((e: unknown) => e);
    // What Lambda records for the failed invocation (and the failure queue keeps): no address in it.
    expect(error).toBeInstanceOf(InboundMailFailedError);
    expect(String((error as Error).message)).toBe('message parser-bug failed (TypeError)');
    expect((error as Error).stack).not.toMatch(ADDRESS);
    const lines = output
      .text()
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(lines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({
        level: 'WARN',
        sesMessageId: 'parser-bug',
        outcome: 'failed',
        error: 'TypeError',
      }),
    );
    expect(output.text()).not.toMatch(ADDRESS);
    expect(await standIns.sentMail()).toHaveLength(sentBefore);
    // Released: the platform's retry may claim it at once.
    const ledger = new DynamoMessageLedger({
      db: standIns.clients.documents,
      tableName: TABLE,
      clock: systemClock,
    });
    expect(await ledger.claimMessage('parser-bug', new Date(), 120)).toBe('claimed');
    const kept = await standIns.clients.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'inbound/parser-bug' }),
    );
    expect(Buffer.from((await kept.Body?.transformToByteArray()) ?? [])).toEqual(raw);
  });
});
