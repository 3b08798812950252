import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoMessageLedger } from '../../functions/adapters/dynamo-message-ledger.js';
import { systemClock } from '../../functions/adapters/system.js';
import { MessageBusyError } from '../../functions/domain/errors.js';
import { BUSY_RETRY_OUTCOME } from '../../functions/log-outcomes.js';
import { captureOutput } from '../support/capture-output.js';
import { type InboundHandler, inboundContext, loadInboundHandler } from '../support/inbound-handler.js';
import { fixture, replyMail } from '../support/mail.js';
import { sesEventFor } from '../support/ses-events.js';
import { BUCKET, startStandIns, TABLE } from '../support/standins.js';

let standIns: Awaited<ReturnType<typeof startStandIns>>;
let handler: InboundHandler;
const context = inboundContext;

beforeAll(async () => {
  standIns = await startStandIns();
  handler = await loadInboundHandler(standIns);
});
afterAll(async () => {
  await standIns?.stop();
});

async function deliver(messageId: string, raw: string | Buffer, source: string, recipients: string[]) {
  await standIns.clients.s3.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: `inbound/${messageId}`, Body: raw }),
  );
  return handler(sesEventFor({ messageId, source, recipients }), context);
}

// The handler runs on the real clock: the invite is moved ten years ahead so that it stays in the future.
describe('the inbound handler against the stand-ins', () => {
  it('turns a forward into one draft, and two simultaneous SEND replies into one cancellation', async () => {
    const user = 'alex.rivera@gmail.com';
    expect(
      (
        await deliver(
          'fwd-1',
          Buffer.from(fixture('invites/gmail-inline.eml').toString('utf8').replaceAll('2026', '2036')),
          user,
          ['cancel@bowout.localhost'],
        )
      ).outcomes,
    ).toEqual(['drafted']);
    const draft = (await standIns.sentMail()).find((m) => m.destination.to.includes(user));
    const replyTo = (draft as unknown as { replyTo: string[] }).replyTo[0] ?? '';
    expect(replyTo).toMatch(/^reply\+[a-z2-7]{32}@bowout\.localhost$/);

    const send = (id: string) =>
      deliver(id, replyMail({ from: `Alex Rivera <${user}>`, to: replyTo, body: 'SEND' }), user, [replyTo]);
    const outcomes = (await Promise.all([send('send-1'), send('send-2')])).flatMap((r) => r.outcomes);
    expect(outcomes).toContain('sent');
    const toEmployer = (await standIns.sentMail()).filter((m) =>
      m.destination.to.includes('priya.natarajan@northwind-analytics.com'),
    );
    expect(toEmployer).toHaveLength(1);
    expect(toEmployer[0]?.from).toBe('"Alex Rivera via Bowout" <send@bowout.localhost>');
    expect(toEmployer[0]?.destination.cc).toEqual([user]);

    // A replay of the same SES delivery is recognised and sends nothing.
    expect(
      (await handler(sesEventFor({ messageId: 'send-1', source: user, recipients: [replyTo] }), context))
        .outcomes,
    ).toEqual(['duplicate']);
    expect(
      (await standIns.sentMail()).filter((m) =>
        m.destination.to.includes('priya.natarajan@northwind-analytics.com'),
      ),
    ).toHaveLength(1);
  });

  it('answers mail that is not MIME with a short note and keeps the raw mail', async () => {
    const { outcomes } = await deliver('junk-1', fixture('invites/not-mime.eml'), 'someone@example.org', [
      'cancel@bowout.localhost',
    ]);
    expect(outcomes).toEqual(['unreadable-answered']);
    const note = (await standIns.sentMail()).find((m) => m.destination.to.includes('someone@example.org'));
    expect(note?.subject).toMatch(/couldn't read/i);
    const kept = await standIns.clients.s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'inbound/junk-1' }),
    );
    expect(await kept.Body?.transformToByteArray()).toEqual(new Uint8Array(fixture('invites/not-mime.eml')));
  });

  it('fails a delivery whose message another invocation holds, logging the one line the errors alarm subtracts', async () => {
    const user = 'alex.rivera@gmail.com';
    await standIns.clients.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'inbound/busy-1',
        Body: fixture('invites/gmail-inline.eml'),
      }),
    );
    // Another invocation claimed the message a moment ago and is still working on it.
    const other = new DynamoMessageLedger({
      db: standIns.clients.documents,
      tableName: TABLE,
      clock: systemClock,
    });
    expect(await other.claimMessage('busy-1', new Date(), 120)).toBe('claimed');

    const sentBefore = (await standIns.sentMail()).length;
    const output = captureOutput();
    const delivery = handler(
      sesEventFor({ messageId: 'busy-1', source: user, recipients: ['cancel@bowout.localhost'] }),
      context,
    ).finally(() => output.restore());
    // Failing is what makes Lambda retry the event once the lease is over.
    await expect(delivery).rejects.toBeInstanceOf(MessageBusyError);
    const lines = output
      .text()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    // Top-level JSON field, as the metric filter `{ $.outcome = "busy-retry" }` reads it; at WARN, which the
    // test's POWERTOOLS_LOG_LEVEL still writes.
    expect(lines.filter((line) => line.outcome === BUSY_RETRY_OUTCOME)).toEqual([
      expect.objectContaining({ level: 'WARN', sesMessageId: 'busy-1', outcome: BUSY_RETRY_OUTCOME }),
    ]);
    // Nothing was drafted twice: the holder of the lease does the work.
    expect(await standIns.sentMail()).toHaveLength(sentBefore);
  });
});
