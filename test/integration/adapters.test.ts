import { PutObjectCommand } from '@aws-sdk/client-s3';
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoCaseStore } from '../../functions/adapters/dynamo-case-store.js';
import { DynamoMessageLedger } from '../../functions/adapters/dynamo-message-ledger.js';
import { S3RawMailStore } from '../../functions/adapters/s3-raw-mail-store.js';
import { composeMime, SesMailer } from '../../functions/adapters/ses-mailer.js';
import { openCase } from '../../functions/domain/case.js';
import { RawMailNotFoundError } from '../../functions/domain/errors.js';
import type { Case } from '../../functions/domain/model.js';
import type { OutgoingMail } from '../../functions/domain/ports.js';
import { inviteFacts } from '../support/facts.js';
import { FixedClock } from '../support/memory-ports.js';
import { BUCKET, startStandIns, TABLE } from '../support/standins.js';

let standIns: Awaited<ReturnType<typeof startStandIns>>;
beforeAll(async () => {
  standIns = await startStandIns();
});
afterAll(async () => {
  await standIns?.stop();
});

const mail = (overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
  from: { name: 'Alex Rivera via Bowout', address: 'send@bowout.localhost' },
  to: ['priya@northwind.example'],
  cc: ['alex@gmail.example'],
  replyTo: ['alex@gmail.example'],
  subject: 'Re: Interview',
  text: 'Dear Priya,\n\nThank you.',
  html: null,
  inReplyTo: '<invite-1@northwind.example>',
  references: ['<app-1@northwind.example>', '<invite-1@northwind.example>'],
  attachments: [],
  headers: {},
  ...overrides,
});

function sampleCase(caseId: string): Case {
  return openCase({
    caseId,
    user: { email: 'alex@gmail.example', name: 'Alex', timezone: 'UTC' },
    facts: inviteFacts({ employerName: 'Priya' }),
    sourceMessageId: 'm1',
    now: new Date('2026-12-01T00:00:00.000Z'),
  });
}

describe('the S3 raw mail store', () => {
  it('returns the exact bytes SES stored under the prefix', async () => {
    const bytes = new Uint8Array([0x46, 0x72, 0x6f, 0x6d, 0x3a, 0xff, 0x00, 0x0d, 0x0a]);
    await standIns.clients.s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'inbound/abc123', Body: bytes }),
    );
    const store = new S3RawMailStore(standIns.clients.s3, { bucket: BUCKET, prefix: 'inbound/' });
    expect(await store.getRawMail('abc123')).toEqual(bytes);
  });

  it('reports a missing object as RawMailNotFoundError', async () => {
    const store = new S3RawMailStore(standIns.clients.s3, { bucket: BUCKET, prefix: 'inbound/' });
    await expect(store.getRawMail('does-not-exist')).rejects.toBeInstanceOf(RawMailNotFoundError);
    await expect(store.getRawMail('../escape')).rejects.toBeInstanceOf(RawMailNotFoundError);
  });
});

describe('the SES mailer', () => {
  it('sends raw MIME with threading, loop and Auto-Submitted headers to exactly the given recipients', async () => {
    const mailer = new SesMailer(standIns.clients.ses, { loopToken: 'bowout.localhost' });
    const { messageId } = await mailer.send(mail());
    const stored = (await standIns.sentMail()).find((m) => m.messageId === messageId);
    expect(stored?.destination.to).toEqual(['priya@northwind.example']);
    expect(stored?.destination.cc).toEqual(['alex@gmail.example']);
    const parsed = await PostalMime.parse(await composeMime(mail(), 'bowout.localhost'));
    const header = (key: string) => parsed.headers.find((h) => h.key === key)?.value;
    expect(header('auto-submitted')).toBe('auto-replied');
    expect(header('x-bowout-loop')).toBe('bowout.localhost');
    expect(parsed.inReplyTo).toBe('<invite-1@northwind.example>');
    expect(parsed.references).toBe('<app-1@northwind.example> <invite-1@northwind.example>');
  });

  it('writes no Auto-Submitted header on a personal message the user asked for, and keeps the loop header', async () => {
    const parsed = await PostalMime.parse(await composeMime(mail({ personal: true }), 'bowout.localhost'));
    const header = (key: string) => parsed.headers.find((h) => h.key === key)?.value;
    expect(header('auto-submitted')).toBeUndefined();
    expect(header('x-bowout-loop')).toBe('bowout.localhost');
  });

  it('gives every message its own Message-ID at the sender domain', async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(async () => (await PostalMime.parse(await composeMime(mail(), 'l'))).messageId),
    );
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^<[0-9a-f-]{36}@bowout\.localhost>$/);
  });

  it('cannot be made to write an extra header through a decoded subject or name', async () => {
    const raw = new TextDecoder().decode(
      await composeMime(
        mail({
          subject: 'Hi\r\nBcc: victim@example.com',
          from: { name: 'Eve\nBcc: x@y.z', address: 'send@bowout.localhost' },
        }),
        'l',
      ),
    );
    expect(raw).not.toMatch(/^Bcc:/im);
  });

  it('attaches a calendar decline as a text/calendar REPLY part', async () => {
    const raw = new TextDecoder().decode(
      await composeMime(
        mail({
          attachments: [
            {
              filename: 'decline.ics',
              contentType: 'text/calendar',
              content: 'BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR',
              inline: true,
            },
          ],
        }),
        'l',
      ),
    );
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REPLY/i);
  });
});

describe('the DynamoDB case store', () => {
  const clock = new FixedClock(new Date('2026-12-01T12:00:00Z'));
  const store = () => new DynamoCaseStore({ db: standIns.clients.documents, tableName: TABLE, clock });

  it('lets one invocation claim a message, reports duplicates as done and live claims as busy', async () => {
    const cases = new DynamoMessageLedger({ db: standIns.clients.documents, tableName: TABLE, clock });
    const now = clock.now();
    expect(await cases.claimMessage('msg-1', now, 60)).toBe('claimed');
    expect(await cases.claimMessage('msg-1', now, 60)).toBe('busy');
    // A crashed holder's lease runs out, and the retry may take over.
    expect(await cases.claimMessage('msg-1', new Date(now.getTime() + 61_000), 60)).toBe('claimed');
    await cases.completeMessage('msg-1', 'drafted', now);
    expect(await cases.claimMessage('msg-1', now, 60)).toBe('done');
    expect(await cases.claimMessage('msg-2', now, 60)).toBe('claimed');
    await cases.releaseMessage('msg-2');
    expect(await cases.claimMessage('msg-2', now, 60)).toBe('claimed');
  });

  it('creates a case with its token once, finds it by the token hash, and refuses a second create', async () => {
    const cases = store();
    expect(await cases.createCase(sampleCase('case-1'), 'hash-1')).toBe(true);
    expect(await cases.createCase(sampleCase('case-1'), 'hash-1b')).toBe(false);
    expect(await cases.findCaseIdByToken('hash-1')).toBe('case-1');
    expect(await cases.findCaseIdByToken('hash-1b')).toBeNull();
    expect((await cases.getCase('case-1'))?.facts.employer.email).toBe('priya@northwind.example');
  });

  it('moves a case to SENDING for exactly one of many concurrent claims', async () => {
    const cases = store();
    await cases.createCase(sampleCase('case-2'), 'hash-2');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        cases.updateCase('case-2', { states: ['DRAFTED'] }, { state: 'SENDING', sendAttemptId: `a${i}` }),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const winner = results.find((r) => r !== null);
    expect(
      await cases.updateCase('case-2', { states: ['SENDING'], attemptId: 'someone-else' }, { state: 'SENT' }),
    ).toBeNull();
    expect(
      (
        await cases.updateCase(
          'case-2',
          { states: ['SENDING'], attemptId: winner?.sendAttemptId ?? '' },
          { state: 'SENT' },
        )
      )?.state,
    ).toBe('SENT');
  });

  it('applies an update only while a field is still unset', async () => {
    const cases = store();
    await cases.createCase(sampleCase('case-3'), 'hash-3');
    const first = await cases.updateCase(
      'case-3',
      { states: ['DRAFTED'], unset: ['alreadySentNoticeAt'] },
      { alreadySentNoticeAt: 'now' },
    );
    const second = await cases.updateCase(
      'case-3',
      { states: ['DRAFTED'], unset: ['alreadySentNoticeAt'] },
      { alreadySentNoticeAt: 'later' },
    );
    expect(first?.alreadySentNoticeAt).toBe('now');
    expect(second).toBeNull();
  });

  it('reads items whose TTL has passed as absent, before DynamoDB gets round to deleting them', async () => {
    await store().createCase(sampleCase('case-4'), 'hash-4');
    const later = new DynamoCaseStore({
      db: standIns.clients.documents,
      tableName: TABLE,
      clock: new FixedClock(new Date('2027-12-01T12:00:00Z')),
    });
    expect(await later.getCase('case-4')).toBeNull();
    expect(await later.findCaseIdByToken('hash-4')).toBeNull();
  });
});
