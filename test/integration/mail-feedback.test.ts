import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoSuppressionList, suppressionKey } from '../../functions/adapters/dynamo-suppression-list.js';
import type { Suppression } from '../../functions/domain/feedback/read-feedback.js';
import { RETENTION_DAYS } from '../../functions/domain/retention.js';
import { fixture } from '../support/mail.js';
import { FixedClock } from '../support/memory-ports.js';
import { sesEventFor } from '../support/ses-events.js';
import { BUCKET, startStandIns, TABLE } from '../support/standins.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

let standIns: Awaited<ReturnType<typeof startStandIns>>;
let feedbackHandler: Handler;
let inboundHandler: Handler;

const context = (functionName: string) =>
  ({
    functionName,
    awsRequestId: 'test-request',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    functionVersion: '$LATEST',
    getRemainingTimeInMillis: () => 30_000,
  }) as unknown as Context;

beforeAll(async () => {
  standIns = await startStandIns();
  // The environments the CDK stack gives the two functions, pointed at the stand-ins.
  Object.assign(process.env, { ...standIns.handlerEnvironment(), POWERTOOLS_LOG_LEVEL: 'WARN' });
  ({ handler: feedbackHandler } = (await import('../../functions/handlers/mail-feedback.js')) as unknown as {
    handler: Handler;
  });
  ({ handler: inboundHandler } = (await import('../../functions/handlers/inbound-mail.js')) as unknown as {
    handler: Handler;
  });
});
afterAll(async () => {
  await standIns?.stop();
});

const suppression = (address: string, reason: Suppression['reason'] = 'bounce'): Suppression => ({
  address,
  reason,
  sesMessageId: '0102019a1b2c3d4e-5f60718a-9b0c-4d1e-8f20-3a4b5c6d7e8f-000000',
  reportedAt: '2026-12-01T18:00:02.669Z',
});

describe('the DynamoDB suppression store', () => {
  const start = new Date('2026-12-01T18:00:00.000Z');

  it('keys and stores the entry by a hash: the address appears nowhere in the table', async () => {
    const store = new DynamoSuppressionList({
      db: standIns.clients.documents,
      tableName: TABLE,
      clock: new FixedClock(start),
    });
    await store.suppress([suppression('private.person@example.net', 'complaint')]);
    const key = suppressionKey('Private.Person@example.net');
    expect(key.pk).toMatch(/^SUPPRESS#[0-9a-f]{64}$/);
    const { Items = [] } = await standIns.clients.documents.send(new ScanCommand({ TableName: TABLE }));
    expect(JSON.stringify(Items)).not.toMatch(/private\.person|example\.net/i);
    const { Item } = await standIns.clients.documents.send(new GetCommand({ TableName: TABLE, Key: key }));
    expect(Item).toMatchObject({
      reason: 'complaint',
      suppressedSince: start.toISOString(),
      reportedAt: '2026-12-01T18:00:02.669Z',
      expiresAt: start.getTime() / 1000 + RETENTION_DAYS.suppression * 86_400,
    });
  });

  it('keeps the first suppression time when SES repeats itself, and extends the expiry', async () => {
    const clock = new FixedClock(start);
    const store = new DynamoSuppressionList({ db: standIns.clients.documents, tableName: TABLE, clock });
    await store.suppress([suppression('twice@example.org')]);
    clock.current = new Date('2027-01-01T00:00:00.000Z');
    await store.suppress([suppression('twice@example.org')]);
    const { Item } = await standIns.clients.documents.send(
      new GetCommand({ TableName: TABLE, Key: suppressionKey('twice@example.org') }),
    );
    expect(Item?.suppressedSince).toBe(start.toISOString());
    expect(Item?.lastFeedbackAt).toBe('2027-01-01T00:00:00.000Z');
    expect(Item?.expiresAt).toBe(clock.current.getTime() / 1000 + RETENTION_DAYS.suppression * 86_400);
  });
});

/** An SES bounce as the configuration set's EventBridge destination delivers it to the function. */
function bounceEvent(address: string, bounceType = 'Permanent') {
  return {
    version: '0',
    id: '5b0c6a4e-1f2d-4a7b-9c3e-2d1f0e9a8b7c',
    'detail-type': 'Email Bounced',
    source: 'aws.ses',
    account: '000000000000',
    time: '2026-12-01T18:00:03Z',
    region: 'us-east-1',
    resources: [],
    detail: {
      eventType: 'Bounce',
      bounce: {
        bounceType,
        bounceSubType: bounceType === 'Permanent' ? 'General' : 'MailboxFull',
        bouncedRecipients: [
          { emailAddress: address, action: 'failed', status: '5.1.1', diagnosticCode: 'smtp; 550 5.1.1' },
        ],
        timestamp: '2026-12-01T18:00:02.669Z',
        feedbackId: '0102019a1b2c3d52-1a2b3c4d-5e6f-4a1b-9c2d-3e4f5a6b7c8d-000000',
        reportingMTA: 'dsn; a8-70.smtp-out.amazonses.com',
      },
      mail: {
        timestamp: '2026-12-01T18:00:00.000Z',
        source: 'send@bowout.localhost',
        messageId: '0102019a1b2c3d4e-5f60718a-9b0c-4d1e-8f20-3a4b5c6d7e8f-000000',
        destination: [address],
        tags: { 'ses:configuration-set': ['bowout-sending'] },
      },
    },
  };
}

async function deliverUnreadable(messageId: string, sender: string) {
  await standIns.clients.s3.send(
    new PutObjectCommand({
      Bucket: BUCKET,
      Key: `inbound/${messageId}`,
      Body: fixture('invites/not-mime.eml'),
    }),
  );
  return inboundHandler(
    sesEventFor({ messageId, source: sender, recipients: ['cancel@bowout.localhost'] }),
    context('inbound-mail'),
  );
}

describe('the mail-feedback handler against the stand-ins', () => {
  it('suppresses a permanently bounced address, and the inbound handler then mails it nothing', async () => {
    const sender = 'bounced.user@example.com';
    expect(await feedbackHandler(bounceEvent('Bounced.User@example.com'), context('mail-feedback'))).toEqual({
      suppressed: 1,
      ignored: 0,
    });
    const store = new DynamoSuppressionList({
      db: standIns.clients.documents,
      tableName: TABLE,
      clock: new FixedClock(new Date()),
    });
    expect(await store.suppressedAmong([sender])).toEqual(new Set([sender]));

    const before = (await standIns.sentMail()).length;
    expect(await deliverUnreadable('unreadable-suppressed', sender)).toEqual({
      outcomes: ['unreadable-answered'],
    });
    expect((await standIns.sentMail()).length).toBe(before);

    // The same mail from an address that did not bounce is answered as usual.
    await deliverUnreadable('unreadable-alive', 'still.here@example.com');
    const sent = await standIns.sentMail();
    expect(sent.length).toBe(before + 1);
    expect(sent.at(-1)?.destination.to).toEqual(['still.here@example.com']);
  });

  it('does not suppress on a transient bounce', async () => {
    expect(
      await feedbackHandler(bounceEvent('full.mailbox@example.com', 'Transient'), context('mail-feedback')),
    ).toEqual({ suppressed: 0, ignored: 1 });
    const store = new DynamoSuppressionList({
      db: standIns.clients.documents,
      tableName: TABLE,
      clock: new FixedClock(new Date()),
    });
    expect(await store.suppressedAmong(['full.mailbox@example.com'])).toEqual(new Set());
  });
});
