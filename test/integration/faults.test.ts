import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynamoCaseStore } from '../../functions/adapters/dynamo-case-store.js';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.js';
import { S3RawMailStore } from '../../functions/adapters/s3-raw-mail-store.js';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import { cryptoRandomness } from '../../functions/adapters/system.js';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { MailNotSentError, MessageBusyError } from '../../functions/domain/errors.js';
import { caseIdFor, hashToken, replyToken } from '../../functions/domain/ids.js';
import type { InboundDeps } from '../../functions/domain/ports.js';
import {
  Crash,
  DYNAMO_THROTTLING,
  type Fault,
  injectFaults,
  mortal,
  S3_ACCESS_DENIED,
  S3_INTERNAL_ERROR,
  SES_INTERNAL_AFTER_SENDING,
  SES_REJECTED,
  SES_THROTTLING,
} from '../support/faults.js';
import { fixture, received, replyMail } from '../support/mail.js';
import { FixedClock } from '../support/memory-ports.js';
import { BUCKET, startStandIns, TABLE } from '../support/standins.js';

/**
 * Faults: the real adapters (DynamoCaseStore, S3RawMailStore, SesMailer) on the production SDK
 * clients of functions/adapters/aws-clients.ts (maxAttempts 5, adaptive retries), pointed at the
 * stand-ins. What the stand-ins cannot do (throttle, reject) is injected below the SDK's retry layer by
 * test/support/faults.ts, so the SDK's own retries are what is tested. Crashes are simulated by
 * wrapping the ports: the "process" dies at a chosen call and nothing of it runs afterwards.
 */

const EMPLOYER = 'priya.natarajan@northwind-analytics.com';
const START = new Date('2026-12-01T18:00:00Z');
/** Past both leases (message and dispatch, 120 s each): what a platform retry after a crash sees. */
const AFTER_LEASES_MS = 121_000;

let standIns: Awaited<ReturnType<typeof startStandIns>>;
let clients: typeof import('../../functions/adapters/aws-clients.js');
let dynamoFaults: ReturnType<typeof injectFaults>;
let sesFaults: ReturnType<typeof injectFaults>;
let s3Faults: ReturnType<typeof injectFaults>;

beforeAll(async () => {
  standIns = await startStandIns();
  Object.assign(process.env, standIns.handlerEnvironment());
  clients = await import('../../functions/adapters/aws-clients.js');
  dynamoFaults = injectFaults(clients.dynamoDocumentClient);
  sesFaults = injectFaults(clients.sesClient);
  s3Faults = injectFaults(clients.s3Client);
});
afterAll(async () => {
  await standIns?.stop();
});
beforeEach(() => {
  dynamoFaults.clear();
  sesFaults.clear();
  s3Faults.clear();
});

let serial = 0;

/** One world per test: its own user (quotas are per user and day), clock and log. */
function world() {
  const n = ++serial;
  const user = `user${n}.faults@gmail.com`;
  const clock = new FixedClock(START);
  const stores = dynamoStores({ db: clients.dynamoDocumentClient, tableName: TABLE, clock });
  const store = stores.cases as DynamoCaseStore;
  const logs: { level: string; message: string; attributes?: Record<string, unknown> }[] = [];
  const deps: InboundDeps = {
    rawMail: new S3RawMailStore(clients.s3Client, { bucket: BUCKET, prefix: 'inbound/' }),
    ...stores,
    mailer: new SesMailer(clients.sesClient, { loopToken: 'bowout.localhost' }),
    clock,
    random: cryptoRandomness,
    log: {
      info: (message, attributes) => logs.push({ level: 'info', message, attributes }),
      warn: (message, attributes) => logs.push({ level: 'warn', message, attributes }),
    },
    config: { domain: 'bowout.localhost', senderAddress: 'send@bowout.localhost' },
  };
  const id = (name: string) => `t${n}-${name}`;
  const store_ = async (messageId: string, raw: string | Buffer) => {
    await standIns.clients.s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `inbound/${messageId}`, Body: raw }),
    );
  };
  const sent = async () => {
    const all = await standIns.sentMail();
    return {
      toUser: all.filter((m) => m.destination.to.includes(user)),
      toEmployer: all.filter((m) => m.destination.to.includes(EMPLOYER) && m.destination.cc.includes(user)),
    };
  };
  return {
    user,
    clock,
    store,
    deps,
    logs,
    id,
    sent,
    /** Stores the gmail-inline invite, forwarded by this test's user, and runs the forward → draft path on it. */
    async forward(messageId = id('fwd'), using: InboundDeps = deps) {
      await store_(
        messageId,
        fixture('invites/gmail-inline.eml').toString('utf8').replaceAll('alex.rivera@gmail.com', user),
      );
      return processInboundMail(received(messageId, { envelopeFrom: user }), using);
    },
    /** Stores a reply with `body` to `token` and runs it, or runs an already stored one again. */
    async reply(messageId: string, token: string, body = 'SEND', using: InboundDeps = deps) {
      await store_(messageId, replyMail({ from: user, to: token, body }));
      return processInboundMail(received(messageId, { envelopeFrom: user, recipients: [token] }), using);
    },
    rerun(messageId: string, recipients: string[], using: InboundDeps = deps) {
      return processInboundMail(received(messageId, { envelopeFrom: user, recipients }), using);
    },
    async token() {
      const drafts = (await sent()).toUser.filter((m) => m.subject.startsWith('Your cancellation draft'));
      return ((drafts.at(-1) as unknown as { replyTo?: string[] })?.replyTo ?? [])[0] ?? '';
    },
    /** The raw mail as SES stored it, still there after a failure (for the retry, or a look). */
    async rawKept(messageId: string) {
      const object = await standIns.clients.s3.send(
        new GetObjectCommand({ Bucket: BUCKET, Key: `inbound/${messageId}` }),
      );
      return ((await object.Body?.transformToByteArray())?.byteLength ?? 0) > 0;
    },
    async messageMarker(messageId: string) {
      const { Item } = await standIns.clients.documents.send(
        new GetCommand({
          TableName: TABLE,
          Key: { pk: `MSG#${messageId}`, sk: 'MSG' },
          ConsistentRead: true,
        }),
      );
      return Item ?? null;
    },
  };
}

const isSendEmail = (r: { operation: string }) => r.operation === 'POST /v2/email/outbound-emails';
const toEmployer = (r: { operation: string; body: string }) => isSendEmail(r) && r.body.includes(EMPLOYER);

describe('throttling', () => {
  it('DynamoDB and SES throttling is retried by the SDK, then the forward gets exactly one draft', async () => {
    const w = world();
    dynamoFaults.fail(
      (r) => r.operation.endsWith('.PutItem') && r.body.includes('"MSG#'),
      DYNAMO_THROTTLING,
      2,
    );
    sesFaults.fail(isSendEmail, SES_THROTTLING, 2);
    expect(await w.forward()).toBe('drafted');
    expect((await w.sent()).toUser).toHaveLength(1);
    // The claim was tried three times (two throttled), the draft send three times (two throttled).
    expect(
      dynamoFaults.attempts
        .filter((a) => a.body.includes('"MSG#') && a.operation.endsWith('.PutItem'))
        .map((a) => a.fault),
    ).toEqual(['ThrottlingException', 'ThrottlingException', null]);
    expect(sesFaults.attempts.map((a) => a.fault)).toEqual([
      'TooManyRequestsException',
      'TooManyRequestsException',
      null,
    ]);
  }, 30_000);

  it('SES throttling on the cancellation is retried, then the employer gets exactly one', async () => {
    const w = world();
    expect(await w.forward()).toBe('drafted');
    const token = await w.token();
    sesFaults.fail(toEmployer, SES_THROTTLING, 2);
    expect(await w.reply(w.id('send'), token)).toBe('sent');
    expect((await w.sent()).toEmployer).toHaveLength(1);
    expect((await w.store.getCase(caseIdFor(w.id('fwd'))))?.state).toBe('SENT');
  }, 30_000);

  it('SES throttling beyond the retries fails the invocation with nothing sent and everything retryable; the retry sends once', async () => {
    const w = world();
    expect(await w.forward()).toBe('drafted');
    const token = await w.token();
    sesFaults.fail(toEmployer, SES_THROTTLING);
    const error = await w.reply(w.id('send'), token).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailNotSentError);
    expect((error as MailNotSentError).retryable).toBe(true);
    // Five attempts (maxAttempts 5), all refused: nothing went out.
    expect(sesFaults.attempts.filter(toEmployer)).toHaveLength(5);
    expect((await w.sent()).toEmployer).toHaveLength(0);
    const value = await w.store.getCase(caseIdFor(w.id('fwd')));
    expect(value).toMatchObject({ state: 'DRAFTED', sendAttemptId: null, sendLeaseUntil: null });
    // The message claim is released, so the platform's retry is processed, not taken for a duplicate.
    expect(await w.messageMarker(w.id('send'))).toBeNull();
    expect(await w.rawKept(w.id('send'))).toBe(true);

    sesFaults.clear();
    expect(await w.rerun(w.id('send'), [token])).toBe('sent');
    expect((await w.sent()).toEmployer).toHaveLength(1);
    expect(await w.rerun(w.id('send'), [token])).toBe('duplicate');
    expect((await w.sent()).toEmployer).toHaveLength(1);
  }, 60_000);

  it('DynamoDB throttling beyond the retries on the case write fails the forward before any mail; the retry drafts once', async () => {
    const w = world();
    dynamoFaults.fail(
      (r) => r.operation.endsWith('.PutItem') && r.body.includes('"CASE#'),
      DYNAMO_THROTTLING,
    );
    const error = await w.forward().catch((e: unknown) => e);
    expect((error as Error).name).toBe('ThrottlingException');
    expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBe(400);
    expect((await w.sent()).toUser).toHaveLength(0);
    expect(await w.store.getCase(caseIdFor(w.id('fwd')))).toBeNull();
    expect(await w.messageMarker(w.id('fwd'))).toBeNull();
    expect(await w.rawKept(w.id('fwd'))).toBe(true);

    dynamoFaults.clear();
    expect(await w.rerun(w.id('fwd'), ['cancel@bowout.localhost'])).toBe('drafted');
    expect((await w.sent()).toUser).toHaveLength(1);
  }, 60_000);

  it('DynamoDB throttling beyond the retries on the user index entry leaves no case outside its user index (FORGET would miss it); the retry drafts once', async () => {
    const w = world();
    // The entry naming the case under its user, in whatever request carries it.
    dynamoFaults.fail(
      (r) => /\.(PutItem|BatchWriteItem)$/.test(r.operation) && /"sk":\{"S":"CASE#/.test(r.body),
      DYNAMO_THROTTLING,
    );
    const error = await w.forward().catch((e: unknown) => e);
    expect((error as Error).name).toBe('ThrottlingException');
    expect((await w.sent()).toUser).toHaveLength(0);
    const caseId = caseIdFor(w.id('fwd'));
    expect(await w.store.getCase(caseId)).toBeNull();

    dynamoFaults.clear();
    expect(await w.rerun(w.id('fwd'), ['cancel@bowout.localhost'])).toBe('drafted');
    expect((await w.sent()).toUser).toHaveLength(1);
    expect(await w.store.caseIdsOfUser(w.user)).toEqual([caseId]);
    const token = replyToken({ recipient: await w.token(), domain: 'bowout.localhost' }) ?? '';
    expect(await w.store.findCaseIdByToken(hashToken(token))).toBe(caseId);
  }, 60_000);
});

describe('throttling of the SENT write beyond the retries, after the employer got the cancellation', () => {
  /**
   * Regression: the invocation failed as it should (claim released, case SENDING), but Lambda's first
   * retry came about a minute later, inside the 120 s dispatch lease; dispatch() answered
   * 'send-in-progress', that became the message's final outcome, and the case stayed SENDING for good
   * (the user never asked, no reflection or stay-in-touch nudges). Now the attempt id names the delivery
   * that made it, and that delivery's own retry within the lease is sent back (MessageBusyError) until
   * the lease has run out and the user can be asked.
   */
  it("leaves the case retryable until the user has been asked, over Lambda's retries (+1 min, +3 min)", async () => {
    const w = world();
    expect(await w.forward()).toBe('drafted');
    const token = await w.token();
    // The SENT write fails as the SDK fails it once its retries are spent (shown above with injected
    // throttling; thrown directly here to spare the backoff): a ThrottlingException with HTTP 400.
    const spent = Object.assign(Object.create(w.store) as DynamoCaseStore, {
      updateCase: (...args: Parameters<DynamoCaseStore['updateCase']>) => {
        if (args[2].state === 'SENT')
          return Promise.reject(
            Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
              name: 'ThrottlingException',
              $metadata: { httpStatusCode: 400 },
            }),
          );
        return w.store.updateCase(...args);
      },
    });
    await expect(w.reply(w.id('send'), token, 'SEND', { ...w.deps, cases: spent })).rejects.toMatchObject({
      name: 'ThrottlingException',
    });
    expect((await w.sent()).toEmployer).toHaveLength(1);
    expect(await w.messageMarker(w.id('send'))).toBeNull();

    const outcomes: string[] = [];
    for (const delayMs of [60_000, 180_000]) {
      w.clock.current = new Date(START.getTime() + delayMs);
      const outcome = await w
        .rerun(w.id('send'), [token])
        .catch((e: unknown) => `threw ${(e as Error).name}`);
      outcomes.push(outcome);
      if (!outcome.startsWith('threw')) break;
    }
    expect((await w.sent()).toEmployer).toHaveLength(1);
    // Today: outcomes is ['send-in-progress'] and no question ever reaches the user.
    expect(outcomes.at(-1)).toBe('send-uncertain');
    expect((await w.sent()).toUser.filter((m) => m.subject === 'Did your cancellation go out?')).toHaveLength(
      1,
    );
  }, 40_000);
});

describe('SES rejecting the cancellation', () => {
  it('is not retried, tells the user once, and hands the case back to DRAFTED', async () => {
    const w = world();
    expect(await w.forward()).toBe('drafted');
    const token = await w.token();
    sesFaults.fail(toEmployer, SES_REJECTED);
    expect(await w.reply(w.id('send'), token)).toBe('send-refused');
    // One attempt: a rejected message is not retried by the SDK, nor by the platform (the invocation succeeds).
    expect(sesFaults.attempts.filter(toEmployer)).toHaveLength(1);
    const notices = (await w.sent()).toUser.filter(
      (m) => m.subject === 'Your cancellation could not be sent',
    );
    expect(notices).toHaveLength(1);
    expect((await w.sent()).toEmployer).toHaveLength(0);
    expect(await w.store.getCase(caseIdFor(w.id('fwd')))).toMatchObject({
      state: 'DRAFTED',
      sendAttemptId: null,
    });
    expect((await w.messageMarker(w.id('send')))?.outcome).toBe('send-refused');
    // A replay of the same delivery is a duplicate: no second notice.
    expect(await w.rerun(w.id('send'), [token])).toBe('duplicate');
    expect(
      (await w.sent()).toUser.filter((m) => m.subject === 'Your cancellation could not be sent'),
    ).toHaveLength(1);
  }, 30_000);
});

describe('SES failing in a way that proves nothing about the cancellation', () => {
  /** SES took the cancellation, then the answer said otherwise: what matters is what happens next. */
  async function sendThrough(fault: Parameters<typeof sesFaults.fail>[1]) {
    const w = world();
    expect(await w.forward()).toBe('drafted');
    const token = await w.token();
    sesFaults.fail(toEmployer, fault, 1);
    const error = await w.reply(w.id('send'), token).catch((e: unknown) => e);
    return { w, token, error };
  }

  it.each([
    ['a 500 from SES', SES_INTERNAL_AFTER_SENDING, 'InternalFailure'],
    [
      'a connection cut after the request went out',
      { network: 'ECONNRESET' as const, afterDelivery: true },
      'Error',
    ],
  ])(
    '%s is not a refusal: no retry, the case stays SENDING, the user is asked, the employer gets one',
    async (_what, fault, name) => {
      const { w, token, error } = await sendThrough(fault);
      expect(error).not.toBeInstanceOf(MailNotSentError);
      expect((error as Error).name).toBe(name);
      // One attempt: neither the SDK nor Bowout sends again what SES may have taken.
      expect(sesFaults.attempts.filter(toEmployer)).toHaveLength(1);
      expect((await w.sent()).toEmployer).toHaveLength(1);
      expect((await w.store.getCase(caseIdFor(w.id('fwd'))))?.state).toBe('SENDING');
      // The platform's retry of that delivery within the lease is sent back to come later...
      await expect(w.rerun(w.id('send'), [token])).rejects.toBeInstanceOf(MessageBusyError);
      // ...and after the lease it asks the user instead of sending again; a plain SEND asks no more.
      w.clock.current = new Date(START.getTime() + AFTER_LEASES_MS);
      expect(await w.rerun(w.id('send'), [token])).toBe('send-uncertain');
      expect(await w.reply(w.id('send2'), token)).toBe('send-uncertain');
      expect((await w.sent()).toEmployer).toHaveLength(1);
      expect(
        (await w.sent()).toUser.filter((m) => m.subject === 'Did your cancellation go out?'),
      ).toHaveLength(1);
    },
    30_000,
  );

  it('a connection SES never accepted is retried by the SDK, and the employer gets exactly one', async () => {
    const { w, error } = await sendThrough({ network: 'ECONNREFUSED' });
    expect(error).toBe('sent');
    expect(sesFaults.attempts.filter(toEmployer).map((a) => a.fault)).toEqual(['ECONNREFUSED', null]);
    expect((await w.sent()).toEmployer).toHaveLength(1);
  }, 30_000);
});

describe('raw mail missing from S3', () => {
  it('is terminal: recorded as done, logged, no mail, and a redelivery stays quiet', async () => {
    const w = world();
    expect(await w.rerun(w.id('gone'), ['cancel@bowout.localhost'])).toBe('raw-mail-missing');
    expect(s3Faults.attempts).toHaveLength(1);
    expect(await w.messageMarker(w.id('gone'))).toMatchObject({
      status: 'done',
      outcome: 'raw-mail-missing',
    });
    expect(w.logs).toContainEqual({
      level: 'warn',
      message: 'raw mail missing',
      attributes: { sesMessageId: w.id('gone'), outcome: 'raw-mail-missing' },
    });
    expect((await w.sent()).toUser).toHaveLength(0);
    expect(await w.rerun(w.id('gone'), ['cancel@bowout.localhost'])).toBe('duplicate');
  }, 30_000);
});

describe('raw mail S3 will not read', () => {
  // Only a 404 NoSuchKey (which S3 answers when the role may list the prefix) means the mail is gone; a 403 or
  // a 5xx says nothing about the mail, so the invocation fails and Lambda retries it.
  it.each([
    ['AccessDenied (403), not retried by the SDK', S3_ACCESS_DENIED, 1],
    ['InternalError (500), after the SDK retried it', S3_INTERNAL_ERROR, 5],
  ] as [string, Fault, number][])(
    'is not taken for missing on %s: the invocation fails, nothing is recorded, the retry drafts',
    async (_, fault, attempts) => {
      const w = world();
      const messageId = w.id('unreadable');
      const getRawMail = (request: { operation: string }) =>
        request.operation === `GET /${BUCKET}/inbound/${messageId}`;
      s3Faults.fail(getRawMail, fault, attempts);
      await expect(w.forward(messageId)).rejects.toMatchObject({
        name: fault.code,
        $metadata: { httpStatusCode: fault.status },
      });
      expect(s3Faults.attempts.filter((a) => a.fault === fault.code)).toHaveLength(attempts);
      // Released, not recorded as raw-mail-missing: the platform's retry may take it.
      expect(await w.messageMarker(messageId)).toBeNull();
      expect(w.logs.filter((l) => l.attributes?.outcome === 'raw-mail-missing')).toEqual([]);
      expect(await w.rawKept(messageId)).toBe(true);
      expect(await w.rerun(messageId, ['cancel@bowout.localhost'])).toBe('drafted');
    },
    30_000,
  );
});

/** The deps of one invocation that dies where `when` says. */
function dying(deps: InboundDeps, when: Parameters<typeof mortal>[2]): InboundDeps {
  const life = { dead: false };
  return {
    ...deps,
    rawMail: mortal(deps.rawMail, life, when),
    messages: mortal(deps.messages, life, when),
    cases: mortal(deps.cases, life, when),
    quotas: mortal(deps.quotas, life, when),
    settings: mortal(deps.settings, life, when),
    nudges: mortal(deps.nudges, life, when),
    mailer: mortal(deps.mailer, life, when),
  };
}

describe('the handler dying during forward → draft, then retried by the platform', () => {
  const steps: { step: string; when: Parameters<typeof mortal>[2]; retried: string; drafts: number }[] = [
    {
      step: 'after the claim',
      when: (m) => (m === 'claimMessage' ? 'after' : null),
      retried: 'drafted',
      drafts: 1,
    },
    {
      step: 'after the case write',
      when: (m) => (m === 'createCase' ? 'after' : null),
      retried: 'drafted',
      drafts: 1,
    },
    // Sent, but not recorded as sent: the retry cannot know, and mails the draft again with a fresh token
    // (conversation/forward.ts says so). At-least-once towards the user only; both tokens drive the one case.
    {
      step: 'after the draft send',
      when: (m) => (m === 'send' ? 'after' : null),
      retried: 'drafted',
      drafts: 2,
    },
    {
      step: 'after the draft is recorded, before the completion',
      when: (m) => (m === 'completeMessage' ? 'before' : null),
      retried: 'duplicate-draft',
      drafts: 1,
    },
  ];
  it.each(steps)(
    '$step: one case, drafts mailed: $drafts, one dispatch',
    async ({ when, retried, drafts }) => {
      const w = world();
      await expect(w.forward(w.id('fwd'), dying(w.deps, when))).rejects.toBeInstanceOf(Crash);
      // Within the lease a redelivery is refused as busy (the platform retries it later)...
      await expect(w.rerun(w.id('fwd'), ['cancel@bowout.localhost'])).rejects.toBeInstanceOf(
        MessageBusyError,
      );
      // ...and after it, processed.
      w.clock.current = new Date(START.getTime() + AFTER_LEASES_MS);
      expect(await w.rerun(w.id('fwd'), ['cancel@bowout.localhost'])).toBe(retried);
      expect(await w.rerun(w.id('fwd'), ['cancel@bowout.localhost'])).toBe('duplicate');
      const mailed = (await w.sent()).toUser.filter((m) => m.subject.startsWith('Your cancellation draft'));
      expect(mailed).toHaveLength(drafts);
      const value = await w.store.getCase(caseIdFor(w.id('fwd')));
      expect(value?.state).toBe('DRAFTED');
      expect(value?.draftMailedAt).not.toBeNull();

      // Every token mailed leads to the one case; SEND on each gives one cancellation in all.
      const tokens = mailed.map((m) => (m as unknown as { replyTo: string[] }).replyTo[0] ?? '');
      const outcomes = [];
      for (const [i, token] of tokens.entries()) outcomes.push(await w.reply(w.id(`send${i}`), token));
      expect(outcomes[0]).toBe('sent');
      expect(outcomes.slice(1).every((o) => o === 'already-sent')).toBe(true);
      expect((await w.sent()).toEmployer).toHaveLength(1);
    },
    30_000,
  );
});

describe('the handler dying during SEND → dispatch, then retried by the platform', () => {
  const isSendingClaim = (m: string, args: unknown[]) =>
    m === 'updateCase' && (args[2] as { state?: string }).state === 'SENDING';
  const isSentWrite = (m: string, args: unknown[]) =>
    m === 'updateCase' && (args[2] as { state?: string }).state === 'SENT';
  const isCancellation = (m: string, args: unknown[]) =>
    m === 'send' && (args[0] as { to: string[] }).to.includes(EMPLOYER);

  async function crashDuringSend(when: Parameters<typeof mortal>[2]) {
    const w = world();
    expect(await w.forward()).toBe('drafted');
    const token = await w.token();
    await expect(w.reply(w.id('send'), token, 'SEND', dying(w.deps, when))).rejects.toBeInstanceOf(Crash);
    w.clock.current = new Date(START.getTime() + AFTER_LEASES_MS);
    return { w, token, retry: () => w.rerun(w.id('send'), [token]) };
  }

  it('after the SENDING claim: the retry does not resend blindly, it asks the user; SEND AGAIN sends once', async () => {
    const { w, token, retry } = await crashDuringSend((m, a) => (isSendingClaim(m, a) ? 'after' : null));
    expect((await w.store.getCase(caseIdFor(w.id('fwd'))))?.state).toBe('SENDING');
    expect(await retry()).toBe('send-uncertain');
    expect((await w.sent()).toEmployer).toHaveLength(0);
    expect((await w.sent()).toUser.filter((m) => m.subject === 'Did your cancellation go out?')).toHaveLength(
      1,
    );
    expect(await w.reply(w.id('again'), token, 'SEND AGAIN')).toBe('sent');
    expect((await w.sent()).toEmployer).toHaveLength(1);
  }, 30_000);

  it('after the SES send (before SENT is written): one cancellation, the user is asked once, a plain SEND does not resend', async () => {
    const { w, token, retry } = await crashDuringSend((m, a) => (isCancellation(m, a) ? 'after' : null));
    expect(await retry()).toBe('send-uncertain');
    expect((await w.sent()).toEmployer).toHaveLength(1);
    expect(await w.reply(w.id('send2'), token, 'SEND')).toBe('send-uncertain');
    expect((await w.sent()).toEmployer).toHaveLength(1);
    expect((await w.sent()).toUser.filter((m) => m.subject === 'Did your cancellation go out?')).toHaveLength(
      1,
    );
  }, 30_000);

  it('as SENT is being written: the same as after the send, nothing goes out twice', async () => {
    const { w, retry } = await crashDuringSend((m, a) => (isSentWrite(m, a) ? 'before' : null));
    expect(await retry()).toBe('send-uncertain');
    expect((await w.sent()).toEmployer).toHaveLength(1);
  }, 30_000);

  it('after SENT, before the message completion: the retry answers "already sent" and sends nothing', async () => {
    const { w, retry } = await crashDuringSend((m) => (m === 'completeMessage' ? 'before' : null));
    expect((await w.store.getCase(caseIdFor(w.id('fwd'))))?.state).toBe('SENT');
    expect(await retry()).toBe('already-sent');
    expect((await w.sent()).toEmployer).toHaveLength(1);
  }, 30_000);
});
