import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoStores } from '../../functions/adapters/dynamo-stores.js';
import { S3RawMailStore } from '../../functions/adapters/s3-raw-mail-store.js';
import { openCase } from '../../functions/domain/case.js';
import type { RawMailStore, Stores } from '../../functions/domain/ports.js';
import { inviteFacts } from '../support/facts.js';
import {
  FixedClock,
  MemoryCaseStore,
  MemoryMessageLedger,
  MemoryNudgeStore,
  MemoryQuotaCounter,
  MemoryRawMail,
  MemoryUserSettings,
} from '../support/memory-ports.js';
import { BUCKET, startStandIns, TABLE } from '../support/standins.js';

/**
 * What the user's own data needs of every store (settings, the per-user index of cases and tokens,
 * filed messages, answered subjects, FORGET), run against the DynamoDB and S3 adapters on their
 * stand-ins and against the in-memory twins the domain tests use, so the two cannot drift.
 */

let standIns: Awaited<ReturnType<typeof startStandIns>>;
beforeAll(async () => {
  standIns = await startStandIns();
});
afterAll(async () => {
  await standIns?.stop();
});

interface World {
  stores: Stores;
  rawMail: RawMailStore;
  putRaw(id: string): Promise<void>;
}

const NOW = new Date('2026-12-01T18:00:00.000Z');
let run = 0;

const implementations: [string, () => World][] = [
  [
    'in memory',
    () => {
      const clock = new FixedClock(NOW);
      const rawMail = new MemoryRawMail();
      return {
        stores: {
          messages: new MemoryMessageLedger(),
          cases: new MemoryCaseStore(clock),
          quotas: new MemoryQuotaCounter(),
          settings: new MemoryUserSettings(clock),
          nudges: new MemoryNudgeStore(),
        },
        rawMail,
        putRaw: async (id) => {
          rawMail.objects.set(id, new Uint8Array([1, 2, 3]));
        },
      };
    },
  ],
  [
    'on DynamoDB and S3',
    () => ({
      stores: dynamoStores({ db: standIns.clients.documents, tableName: TABLE, clock: new FixedClock(NOW) }),
      rawMail: new S3RawMailStore(standIns.clients.s3, { bucket: BUCKET, prefix: 'inbound/' }),
      putRaw: async (id) => {
        await standIns.clients.s3.send(
          new PutObjectCommand({ Bucket: BUCKET, Key: `inbound/${id}`, Body: 'x' }),
        );
      },
    }),
  ],
];

describe.each(implementations)('the user’s data %s', (_name, make) => {
  // Each test its own user, so the shared table needs no cleaning.
  const user = () => `user-${++run}@example.com`;
  const caseOf = (email: string, caseId: string, createdAt = NOW) =>
    openCase({
      caseId,
      user: { email, name: 'Alex', timezone: 'UTC' },
      facts: inviteFacts(),
      sourceMessageId: `src-${caseId}`,
      now: createdAt,
    });

  it('keeps settings, changes only what is given, and records the first day once', async () => {
    const { stores } = make();
    const email = user();
    expect(await stores.settings.getSettings(email)).toEqual({
      zone: null,
      signature: null,
      language: null,
      nudgesStopped: false,
      firstSeenAt: null,
    });
    await stores.settings.updateSettings(email, { zone: 'Europe/Berlin' }, NOW);
    await stores.settings.updateSettings(email, { signature: 'Alex R.', language: 'de' }, NOW);
    await stores.settings.stopAllNudges(email, NOW);
    expect(await stores.settings.noteFirstSeen(email, NOW)).toBe(NOW.toISOString());
    expect(await stores.settings.noteFirstSeen(email, new Date('2026-12-05T00:00:00Z'))).toBe(
      NOW.toISOString(),
    );
    expect(await stores.settings.getSettings(` ${email.toUpperCase()} `)).toEqual({
      zone: 'Europe/Berlin',
      signature: 'Alex R.',
      language: 'de',
      nudgesStopped: true,
      firstSeenAt: NOW.toISOString(),
    });
  });

  it('lists a user’s cases newest first, and binds tokens to a user', async () => {
    const { stores } = make();
    const email = user();
    const older = `c${run}a`;
    const newer = `c${run}b`;
    await stores.cases.createCase(caseOf(email, older, new Date('2026-11-01T00:00:00Z')), `h${run}a`);
    await stores.cases.createCase(caseOf(email, newer), `h${run}b`);
    await stores.cases.createCase(caseOf(user(), `c${run}c`), `h${run}c`);
    expect((await stores.cases.casesOfUser(email)).map((c) => c.caseId)).toEqual([newer, older]);
    expect((await stores.cases.caseIdsOfUser(email)).sort()).toEqual([older, newer].sort());
    await stores.cases.addUserToken({ userEmail: email, tokenHash: `u${run}` });
    expect(await stores.cases.findUserByToken(`u${run}`)).toBe(email);
    expect(await stores.cases.findCaseIdByToken(`u${run}`)).toBeNull();
    expect(await stores.cases.findUserByToken(`h${run}a`)).toBeNull();
  });

  it('marks a subject answered once per user', async () => {
    const { stores } = make();
    const email = user();
    expect(await stores.quotas.firstAnswerTo({ userEmail: email, subjectKey: 'k', now: NOW })).toBe(true);
    expect(await stores.quotas.firstAnswerTo({ userEmail: email, subjectKey: 'k', now: NOW })).toBe(false);
    expect(await stores.quotas.firstAnswerTo({ userEmail: user(), subjectKey: 'k', now: NOW })).toBe(true);
    const later = new Date(NOW.getTime() + 31 * 86_400_000);
    expect(await stores.quotas.firstAnswerTo({ userEmail: email, subjectKey: 'k', now: later })).toBe(true);
  });

  it('FORGET deletes every item of the user, retires their tokens for good, and leaves other users alone', async () => {
    const { stores, rawMail, putRaw } = make();
    const email = user();
    const other = user();
    const caseId = `c${run}x`;
    await stores.cases.createCase(caseOf(email, caseId), `t${run}1`);
    await stores.cases.addToken({ caseId, tokenHash: `t${run}2` });
    await stores.cases.addUserToken({ userEmail: email, tokenHash: `t${run}3` });
    await stores.cases.createCase(caseOf(other, `c${run}y`), `t${run}4`);
    await stores.nudges.schedule([{ caseId, kind: 'not-sent', dueAt: '2026-12-02T18:00:00.000Z' }], NOW);
    await stores.nudges.schedule([{ caseId, kind: 'custom', dueAt: '2026-12-03T18:00:00.000Z' }], NOW);
    await stores.settings.updateSettings(email, { zone: 'UTC' }, NOW);
    await stores.quotas.consumeQuota({ userEmail: email, kind: 'draft', limit: 20, now: NOW });
    await stores.quotas.consumeQuota({ userEmail: email, kind: 'answer', limit: 5, now: NOW });
    await stores.quotas.firstAnswerTo({ userEmail: email, subjectKey: 's', now: NOW });
    for (const id of [`m${run}1`, `m${run}2`]) {
      await putRaw(id);
      await stores.messages.fileUnderUser(id, email, NOW);
    }
    expect((await stores.messages.messagesOfUser(email)).sort()).toEqual([`m${run}1`, `m${run}2`]);

    expect(await stores.nudges.forgetCase(caseId)).toBe(2);
    expect(await stores.cases.forgetUser(email)).toEqual({ cases: 1, tokens: 3 });
    expect(await stores.settings.forgetUser(email)).toBe(1);
    expect(await stores.quotas.forgetUser(email, NOW)).toBe(3);
    expect(await rawMail.deleteRawMail([`m${run}1`, `m${run}2`, 'never-there'])).toBe(2);
    expect(await stores.messages.forgetUser(email)).toBe(2);

    expect(await stores.cases.getCase(caseId)).toBeNull();
    expect(await stores.cases.casesOfUser(email)).toEqual([]);
    expect(await stores.cases.findCaseIdByToken(`t${run}1`)).toBeNull();
    expect(await stores.cases.findUserByToken(`t${run}3`)).toBeNull();
    // A retired token can never be bound again.
    await expect(stores.cases.addToken({ caseId: 'c-new', tokenHash: `t${run}2` })).rejects.toThrow();
    expect((await stores.settings.getSettings(email)).zone).toBeNull();
    expect(await stores.quotas.firstAnswerTo({ userEmail: email, subjectKey: 's', now: NOW })).toBe(true);
    expect(await stores.messages.messagesOfUser(email)).toEqual([]);
    await expect(rawMail.getRawMail(`m${run}1`)).rejects.toThrow();
    // Repeating it (a retried FORGET) finds nothing more and fails on nothing.
    expect(await stores.cases.forgetUser(email)).toEqual({ cases: 0, tokens: 0 });
    // The other user keeps everything.
    expect((await stores.cases.casesOfUser(other)).map((c) => c.caseId)).toEqual([`c${run}y`]);
    expect(await stores.cases.findCaseIdByToken(`t${run}4`)).toBe(`c${run}y`);
  });
});
