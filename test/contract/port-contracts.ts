import { describe, expect, it } from 'vitest';
import { openCase } from '../../functions/domain/case.js';
import { ConflictError, RawMailNotFoundError } from '../../functions/domain/errors.js';
import type { Suppression } from '../../functions/domain/feedback/read-feedback.js';
import type { Case } from '../../functions/domain/model.js';
import type {
  CaseStore,
  Mailer,
  MessageLedger,
  NudgeRef,
  NudgeStore,
  OutgoingMail,
  QuotaCounter,
  RawMailStore,
  SuppressionList,
  SweepCheckpoint,
  UserSettings,
} from '../../functions/domain/ports.js';
import { DAY_MS, RETENTION_DAYS } from '../../functions/domain/retention.js';
import { inviteFacts } from '../support/facts.js';
import { FixedClock } from '../support/memory-ports.js';

/**
 * One contract per port: what the domain relies on, run against the in-memory twin (test/unit) and the
 * adapter on the stand-ins (test/integration), so the two cannot drift. Each test gets fresh ports on
 * its own clock; the adapters' factories give each test an empty table.
 */
interface PortFactories {
  messages(clock: FixedClock): Promise<MessageLedger>;
  cases(clock: FixedClock): Promise<CaseStore>;
  quotas(clock: FixedClock): Promise<QuotaCounter>;
  settings(clock: FixedClock): Promise<UserSettings>;
  nudges(clock: FixedClock): Promise<NudgeStore>;
  checkpoint(clock: FixedClock): Promise<SweepCheckpoint>;
  suppressions(clock: FixedClock): Promise<SuppressionList>;
  /** The store, and how the platform puts a message in it (SES's S3 action). */
  rawMail(): Promise<{ store: RawMailStore; put(sesMessageId: string, raw: Uint8Array): Promise<void> }>;
  /** The mailer, and the envelope recipients of a message it sent. */
  mailer(): Promise<{
    mailer: Mailer;
    recipients(messageId: string): Promise<{ to: string[]; cc: string[] }>;
  }>;
}

const START = new Date('2026-12-01T12:00:00.000Z');
const at = (days: number) => new Date(START.getTime() + days * DAY_MS);

function sampleCase(caseId: string): Case {
  return openCase({
    caseId,
    user: { email: 'alex@gmail.example', name: 'Alex', timezone: 'UTC' },
    facts: inviteFacts({ employerName: 'Priya' }),
    sourceMessageId: 'm1',
    now: START,
  });
}

const suppression = (address: string, reason: Suppression['reason'] = 'bounce'): Suppression => ({
  address,
  reason,
  sesMessageId: '0102019a1b2c3d4e-5f60718a-9b0c-4d1e-8f20-3a4b5c6d7e8f-000000',
  reportedAt: '2026-12-01T18:00:02.669Z',
});

async function allDue(
  store: NudgeStore,
  day: string,
  now: Date,
): Promise<{ refs: NudgeRef[]; read: number }> {
  const refs: NudgeRef[] = [];
  let read = 0;
  for await (const page of store.findDue(day, now, (count) => {
    read += count;
  }))
    refs.push(...page);
  return { refs, read };
}

export function describePortContracts(name: string, factories: () => PortFactories): void {
  const ports = () => factories();

  describe(`the message ledger (${name})`, () => {
    it('lets one invocation claim a message, reports duplicates as done and live claims as busy', async () => {
      const clock = new FixedClock(START);
      const messages = await ports().messages(clock);
      const now = clock.now();
      expect(await messages.claimMessage('msg-1', now, 60)).toBe('claimed');
      expect(await messages.claimMessage('msg-1', now, 60)).toBe('busy');
      // A crashed holder's lease runs out, and the retry may take over.
      expect(await messages.claimMessage('msg-1', new Date(now.getTime() + 61_000), 60)).toBe('claimed');
      await messages.completeMessage('msg-1', 'drafted', now);
      expect(await messages.claimMessage('msg-1', now, 60)).toBe('done');
      expect(await messages.claimMessage('msg-2', now, 60)).toBe('claimed');
      await messages.releaseMessage('msg-2');
      expect(await messages.claimMessage('msg-2', now, 60)).toBe('claimed');
    });

    it('keeps a lease until it has run out, to the millisecond', async () => {
      const messages = await ports().messages(new FixedClock(START));
      expect(await messages.claimMessage('msg-3', START, 60)).toBe('claimed');
      expect(await messages.claimMessage('msg-3', new Date(START.getTime() + 60_000), 60)).toBe('busy');
      expect(await messages.claimMessage('msg-3', new Date(START.getTime() + 60_001), 60)).toBe('claimed');
    });

    it('releases only a claim still being processed, never a done message', async () => {
      const messages = await ports().messages(new FixedClock(START));
      await messages.claimMessage('msg-4', START, 60);
      await messages.completeMessage('msg-4', 'not-an-invite', START);
      await messages.releaseMessage('msg-4');
      expect(await messages.claimMessage('msg-4', START, 60)).toBe('done');
      await messages.releaseMessage('never-claimed');
    });

    it('forgets a message after its retention, so the marker does not live forever', async () => {
      const messages = await ports().messages(new FixedClock(START));
      await messages.claimMessage('msg-5', START, 60);
      await messages.completeMessage('msg-5', 'drafted', START);
      expect(await messages.claimMessage('msg-5', at(RETENTION_DAYS.messageMarker - 1), 60)).toBe('done');
      expect(await messages.claimMessage('msg-5', at(RETENTION_DAYS.messageMarker + 1), 60)).toBe('claimed');
    });

    it('files messages under their sender, lists them, and forgets them for that sender only', async () => {
      const messages = await ports().messages(new FixedClock(START));
      await messages.fileUnderUser('msg-u1', 'Alex.Rivera@Gmail.com', START);
      await messages.fileUnderUser('msg-u2', ' alex.rivera@gmail.com', START);
      await messages.fileUnderUser('msg-u2', 'alex.rivera@gmail.com', START);
      await messages.fileUnderUser('msg-u3', 'sam@example.org', START);
      expect((await messages.messagesOfUser('alex.rivera@gmail.com')).sort()).toEqual(['msg-u1', 'msg-u2']);
      expect(await messages.forgetUser('alex.rivera@gmail.com')).toBe(2);
      expect(await messages.messagesOfUser('alex.rivera@gmail.com')).toEqual([]);
      expect(await messages.forgetUser('alex.rivera@gmail.com')).toBe(0);
      expect(await messages.messagesOfUser('sam@example.org')).toEqual(['msg-u3']);
    });
  });

  describe(`the case store (${name})`, () => {
    it('creates a case with its token once, finds it by the token hash, and refuses a second create', async () => {
      const cases = await ports().cases(new FixedClock(START));
      expect(await cases.createCase(sampleCase('case-1'), 'hash-1')).toBe(true);
      expect(await cases.createCase(sampleCase('case-1'), 'hash-1b')).toBe(false);
      expect(await cases.findCaseIdByToken('hash-1')).toBe('case-1');
      expect(await cases.findCaseIdByToken('hash-1b')).toBeNull();
      expect((await cases.getCase('case-1'))?.facts.employer.email).toBe('priya@northwind.example');
      expect(await cases.getCase('case-none')).toBeNull();
    });

    it('stores the case as given and hands out copies', async () => {
      const cases = await ports().cases(new FixedClock(START));
      const caseRecord = sampleCase('case-copy');
      await cases.createCase(caseRecord, 'hash-copy');
      const read = await cases.getCase('case-copy');
      expect(read).toEqual(caseRecord);
      if (read) read.state = 'SENT';
      expect((await cases.getCase('case-copy'))?.state).toBe('DRAFTED');
    });

    it('adds more tokens for a case, and refuses a token hash that exists already', async () => {
      const cases = await ports().cases(new FixedClock(START));
      await cases.createCase(sampleCase('case-t'), 'hash-t1');
      await cases.addToken({ caseId: 'case-t', tokenHash: 'hash-t2' });
      expect(await cases.findCaseIdByToken('hash-t1')).toBe('case-t');
      expect(await cases.findCaseIdByToken('hash-t2')).toBe('case-t');
      await expect(cases.addToken({ caseId: 'case-other', tokenHash: 'hash-t2' })).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect(await cases.findCaseIdByToken('hash-t2')).toBe('case-t');
    });

    it('moves a case to SENDING for exactly one of many concurrent claims', async () => {
      const cases = await ports().cases(new FixedClock(START));
      await cases.createCase(sampleCase('case-2'), 'hash-2');
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          cases.updateCase('case-2', { states: ['DRAFTED'] }, { state: 'SENDING', sendAttemptId: `a${i}` }),
        ),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      const winner = results.find((r) => r !== null);
      expect(
        await cases.updateCase(
          'case-2',
          { states: ['SENDING'], attemptId: 'someone-else' },
          { state: 'SENT' },
        ),
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
      const cases = await ports().cases(new FixedClock(START));
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

    it('updates nothing for a case that does not exist, or is in another state', async () => {
      const cases = await ports().cases(new FixedClock(START));
      expect(await cases.updateCase('case-none', { states: ['DRAFTED'] }, { state: 'SENT' })).toBeNull();
      await cases.createCase(sampleCase('case-5'), 'hash-5');
      expect(await cases.updateCase('case-5', { states: ['SENT'] }, { state: 'DISCARDED' })).toBeNull();
      expect((await cases.getCase('case-5'))?.state).toBe('DRAFTED');
    });

    it('reads cases and tokens whose retention has passed as absent, before they are deleted', async () => {
      const clock = new FixedClock(START);
      const cases = await ports().cases(clock);
      await cases.createCase(sampleCase('case-4'), 'hash-4');
      clock.current = at(RETENTION_DAYS.case - 1);
      expect(await cases.getCase('case-4')).not.toBeNull();
      expect(await cases.findCaseIdByToken('hash-4')).toBe('case-4');
      clock.current = at(RETENTION_DAYS.case + 1);
      expect(await cases.getCase('case-4')).toBeNull();
      expect(await cases.findCaseIdByToken('hash-4')).toBeNull();
    });

    it('lists a user’s cases newest first, and binds a token to a user instead of a case', async () => {
      const cases = await ports().cases(new FixedClock(START));
      const older = { ...sampleCase('case-u1'), createdAt: '2026-11-01T00:00:00.000Z' };
      const other = sampleCase('case-u3');
      other.user = { ...other.user, email: 'sam@example.org' };
      await cases.createCase(older, 'hash-u1');
      await cases.createCase(sampleCase('case-u2'), 'hash-u2');
      await cases.createCase(other, 'hash-u3');
      expect((await cases.casesOfUser('Alex@Gmail.example')).map((c) => c.caseId)).toEqual([
        'case-u2',
        'case-u1',
      ]);
      expect((await cases.caseIdsOfUser('alex@gmail.example')).sort()).toEqual(['case-u1', 'case-u2']);
      await cases.addUserToken({ userEmail: 'Alex@Gmail.example', tokenHash: 'hash-user' });
      expect(await cases.findUserByToken('hash-user')).toBe('alex@gmail.example');
      expect(await cases.findCaseIdByToken('hash-user')).toBeNull();
      expect(await cases.findUserByToken('hash-u1')).toBeNull();
      await expect(
        cases.addUserToken({ userEmail: 'sam@example.org', tokenHash: 'hash-u1' }),
      ).rejects.toThrow(ConflictError);
    });

    it('forgets a user’s cases and retires their tokens for good, leaving other users alone', async () => {
      const cases = await ports().cases(new FixedClock(START));
      const other = sampleCase('case-f2');
      other.user = { ...other.user, email: 'sam@example.org' };
      await cases.createCase(sampleCase('case-f1'), 'hash-f1');
      await cases.addToken({ caseId: 'case-f1', tokenHash: 'hash-f1b' });
      await cases.addUserToken({ userEmail: 'alex@gmail.example', tokenHash: 'hash-f1u' });
      await cases.createCase(other, 'hash-f2');
      expect(await cases.forgetUser('alex@gmail.example')).toEqual({ cases: 1, tokens: 3 });
      expect(await cases.getCase('case-f1')).toBeNull();
      expect(await cases.casesOfUser('alex@gmail.example')).toEqual([]);
      expect(await cases.findCaseIdByToken('hash-f1')).toBeNull();
      expect(await cases.findUserByToken('hash-f1u')).toBeNull();
      // A retired token is never bound again, to a case or to a user.
      await expect(cases.addToken({ caseId: 'case-new', tokenHash: 'hash-f1b' })).rejects.toThrow(
        ConflictError,
      );
      await expect(
        cases.addUserToken({ userEmail: 'sam@example.org', tokenHash: 'hash-f1u' }),
      ).rejects.toThrow(ConflictError);
      // A FORGET retried after a crash finds nothing more and fails on nothing.
      expect(await cases.forgetUser('alex@gmail.example')).toEqual({ cases: 0, tokens: 0 });
      expect(await cases.findCaseIdByToken('hash-f2')).toBe('case-f2');
    });
  });

  describe(`the originals filed per user (${name})`, () => {
    const filing = (caseId: string, userEmail = 'alex@gmail.example') => ({
      userEmail,
      originalKey: 'message-id:<invite-1@northwind.example>',
      caseId,
      filedAt: START.toISOString(),
    });

    it("files the first case for a user's original and hands that one back to every later filing", async () => {
      const cases = await ports().cases(new FixedClock(START));
      expect(await cases.fileOriginal(filing('case-a'))).toBeNull();
      expect(await cases.fileOriginal(filing('case-b'))).toEqual(filing('case-a'));
      expect((await cases.fileOriginal(filing('case-b', 'ALEX@Gmail.Example')))?.caseId).toBe('case-a');
      // The same case filed again (a retried attempt at the same message) finds its own earlier filing.
      expect((await cases.fileOriginal({ ...filing('case-a'), filedAt: at(1).toISOString() }))?.filedAt).toBe(
        START.toISOString(),
      );
    });

    it('files the same original of another user apart', async () => {
      const cases = await ports().cases(new FixedClock(START));
      await cases.fileOriginal(filing('case-a'));
      expect(await cases.fileOriginal(filing('case-z', 'sam@example.org'))).toBeNull();
    });

    it('lets exactly one of many concurrent filings of one original hold', async () => {
      const cases = await ports().cases(new FixedClock(START));
      const held = await Promise.all(
        Array.from(
          { length: 8 },
          async (_, i) => (await cases.fileOriginal(filing(`case-${i}`)))?.caseId ?? i,
        ),
      );
      const made = held.filter((h) => typeof h === 'number');
      expect(made).toHaveLength(1);
      expect(new Set(held)).toEqual(new Set([made[0], `case-${made[0]}`]));
    });

    it('refiles an original only while it is still filed under the case named', async () => {
      const cases = await ports().cases(new FixedClock(START));
      await cases.fileOriginal(filing('case-a'));
      expect(await cases.refileOriginal(filing('case-b'), 'case-x')).toBe(false);
      expect(await cases.refileOriginal(filing('case-b'), 'case-a')).toBe(true);
      expect((await cases.fileOriginal(filing('case-c')))?.caseId).toBe('case-b');
    });

    it('takes a filing back only while it names the case given', async () => {
      const cases = await ports().cases(new FixedClock(START));
      await cases.fileOriginal(filing('case-a'));
      await cases.releaseOriginal(filing('case-b'));
      expect((await cases.fileOriginal(filing('case-c')))?.caseId).toBe('case-a');
      await cases.releaseOriginal(filing('case-a'));
      expect(await cases.fileOriginal(filing('case-c'))).toBeNull();
    });

    it('forgets a filing after the retention of a case', async () => {
      const clock = new FixedClock(START);
      const cases = await ports().cases(clock);
      await cases.fileOriginal(filing('case-a'));
      clock.current = at(RETENTION_DAYS.case - 1);
      expect((await cases.fileOriginal(filing('case-b')))?.caseId).toBe('case-a');
      clock.current = at(RETENTION_DAYS.case + 1);
      expect(await cases.fileOriginal(filing('case-b'))).toBeNull();
    });
  });

  describe(`the quota counter (${name})`, () => {
    it('counts up to the limit, says so once, then refuses quietly', async () => {
      const quotas = await ports().quotas(new FixedClock(START));
      const request = { userEmail: 'alex.rivera@gmail.com', kind: 'send' as const, limit: 1, now: START };
      expect(await quotas.consumeQuota(request)).toBe('ok');
      expect(await quotas.consumeQuota(request)).toBe('limited-first');
      expect(await quotas.consumeQuota(request)).toBe('limited');
    });

    it('counts each kind, each UTC day and each user apart, whatever the letter case of the address', async () => {
      const quotas = await ports().quotas(new FixedClock(START));
      const request = { userEmail: 'Sam@Example.org', kind: 'draft' as const, limit: 2, now: START };
      expect(await quotas.consumeQuota(request)).toBe('ok');
      expect(await quotas.consumeQuota({ ...request, userEmail: ' sam@example.org' })).toBe('ok');
      expect(await quotas.consumeQuota(request)).toBe('limited-first');
      expect(await quotas.consumeQuota({ ...request, kind: 'send' })).toBe('ok');
      expect(await quotas.consumeQuota({ ...request, userEmail: 'kim@example.org' })).toBe('ok');
      expect(await quotas.consumeQuota({ ...request, now: new Date('2026-12-02T00:00:00.000Z') })).toBe('ok');
    });

    it('marks a subject answered once per user, until the mark lapses', async () => {
      const quotas = await ports().quotas(new FixedClock(START));
      const request = { userEmail: 'Alex.Rivera@gmail.com', subjectKey: 'k1', now: START };
      expect(await quotas.firstAnswerTo(request)).toBe(true);
      expect(await quotas.firstAnswerTo({ ...request, userEmail: 'alex.rivera@gmail.com ' })).toBe(false);
      expect(await quotas.firstAnswerTo({ ...request, subjectKey: 'k2' })).toBe(true);
      expect(await quotas.firstAnswerTo({ ...request, userEmail: 'sam@example.org' })).toBe(true);
      const lapsed = at(RETENTION_DAYS.answeredSubject + 1);
      expect(await quotas.firstAnswerTo({ ...request, now: lapsed })).toBe(true);
    });

    it('forgets a user’s counters and answered subjects, and only theirs', async () => {
      const quotas = await ports().quotas(new FixedClock(START));
      const alex = 'alex.rivera@gmail.com';
      await quotas.consumeQuota({ userEmail: alex, kind: 'draft', limit: 20, now: START });
      await quotas.consumeQuota({ userEmail: alex, kind: 'answer', limit: 5, now: START });
      await quotas.firstAnswerTo({ userEmail: alex, subjectKey: 's', now: START });
      await quotas.consumeQuota({ userEmail: 'sam@example.org', kind: 'send', limit: 1, now: START });
      expect(await quotas.forgetUser(alex, START)).toBe(3);
      expect(await quotas.firstAnswerTo({ userEmail: alex, subjectKey: 's', now: START })).toBe(true);
      expect(
        await quotas.consumeQuota({ userEmail: 'sam@example.org', kind: 'send', limit: 1, now: START }),
      ).toBe('limited-first');
    });
  });

  describe(`the user settings (${name})`, () => {
    it('remembers STOP ALL for the user, whatever the letter case, and for nobody else', async () => {
      const settings = await ports().settings(new FixedClock(START));
      expect(await settings.nudgesStoppedForUser('alex.rivera@gmail.com')).toBe(false);
      await settings.stopAllNudges('Alex.Rivera@Gmail.com', START);
      expect(await settings.nudgesStoppedForUser('alex.rivera@gmail.com')).toBe(true);
      expect(await settings.nudgesStoppedForUser('sam@example.org')).toBe(false);
    });

    it('lets the setting lapse after its retention', async () => {
      const clock = new FixedClock(START);
      const settings = await ports().settings(clock);
      await settings.stopAllNudges('sam@example.org', START);
      clock.current = at(RETENTION_DAYS.userSettings - 1);
      expect(await settings.nudgesStoppedForUser('sam@example.org')).toBe(true);
      clock.current = at(RETENTION_DAYS.userSettings + 1);
      expect(await settings.nudgesStoppedForUser('sam@example.org')).toBe(false);
    });

    it('keeps ZONE, NAME and LANG, changes only what is given, and records the first day once', async () => {
      const settings = await ports().settings(new FixedClock(START));
      expect(await settings.getSettings('alex@gmail.example')).toEqual({
        zone: null,
        signature: null,
        language: null,
        nudgesStopped: false,
        firstSeenAt: null,
      });
      await settings.updateSettings('alex@gmail.example', { zone: 'Europe/Berlin' }, START);
      await settings.updateSettings('Alex@Gmail.example', { signature: 'Alex R.', language: 'de' }, START);
      await settings.stopAllNudges('alex@gmail.example', START);
      expect(await settings.noteFirstSeen('alex@gmail.example', START)).toEqual({
        zone: 'Europe/Berlin',
        signature: 'Alex R.',
        language: 'de',
        nudgesStopped: true,
        firstSeenAt: START.toISOString(),
      });
      expect((await settings.noteFirstSeen('alex@gmail.example', at(3))).firstSeenAt).toBe(
        START.toISOString(),
      );
      expect(await settings.getSettings(' ALEX@gmail.example ')).toEqual({
        zone: 'Europe/Berlin',
        signature: 'Alex R.',
        language: 'de',
        nudgesStopped: true,
        firstSeenAt: START.toISOString(),
      });
      expect((await settings.getSettings('sam@example.org')).zone).toBeNull();
    });

    it('starts a user over after the retention: nothing of the lapsed settings comes back with a change', async () => {
      const clock = new FixedClock(START);
      const settings = await ports().settings(clock);
      await settings.updateSettings('alex@gmail.example', { zone: 'Europe/Berlin', language: 'de' }, START);
      await settings.stopAllNudges('alex@gmail.example', START);
      await settings.noteFirstSeen('alex@gmail.example', START);
      clock.current = at(RETENTION_DAYS.userSettings + 1);
      expect(await settings.noteFirstSeen('alex@gmail.example', clock.now())).toEqual({
        zone: null,
        signature: null,
        language: null,
        nudgesStopped: false,
        firstSeenAt: clock.now().toISOString(),
      });
      await settings.updateSettings('alex@gmail.example', { signature: 'Alex' }, clock.now());
      expect(await settings.getSettings('alex@gmail.example')).toMatchObject({
        zone: null,
        signature: 'Alex',
        firstSeenAt: clock.now().toISOString(),
      });
    });

    it('gives the letter language the user set with LANG, and none to a user who set none', async () => {
      const clock = new FixedClock(START);
      const settings = await ports().settings(clock);
      expect(await settings.letterLanguage('alex@gmail.example')).toBeNull();
      await settings.updateSettings('Alex@Gmail.example', { language: 'fr' }, START);
      expect(await settings.letterLanguage('alex@gmail.example')).toBe('fr');
      await settings.updateSettings('alex@gmail.example', { zone: 'Europe/Paris' }, START);
      expect(await settings.letterLanguage('alex@gmail.example')).toBe('fr');
      await settings.updateSettings('alex@gmail.example', { language: 'pt' }, START);
      expect(await settings.letterLanguage('alex@gmail.example')).toBe('pt');
      expect(await settings.letterLanguage('sam@example.org')).toBeNull();
      clock.current = at(RETENTION_DAYS.userSettings + 1);
      expect(await settings.letterLanguage('alex@gmail.example')).toBeNull();
    });

    it('forgets a user’s settings', async () => {
      const settings = await ports().settings(new FixedClock(START));
      await settings.updateSettings('alex@gmail.example', { zone: 'UTC' }, START);
      expect(await settings.forgetUser('alex@gmail.example')).toBe(1);
      expect(await settings.forgetUser('alex@gmail.example')).toBe(0);
      expect(await settings.getSettings('alex@gmail.example')).toMatchObject({
        zone: null,
        firstSeenAt: null,
      });
    });
  });

  describe(`the nudge store (${name})`, () => {
    const NOW = new Date('2026-12-05T12:00:00.000Z');
    const BEFORE = new Date('2026-11-20T12:00:00.000Z');

    it('finds exactly the due nudges filed under a day, across shards, and none from the future', async () => {
      const nudges = await ports().nudges(new FixedClock(BEFORE));
      const planned = Array.from({ length: 40 }, (_, i) => ({
        caseId: `case-a${i}`,
        kind: 'not-sent' as const,
        dueAt: new Date(NOW.getTime() + (i - 20) * 3 * 3_600_000).toISOString(),
      }));
      await nudges.schedule(planned, BEFORE);
      const days = ['2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05'];
      const found: NudgeRef[] = [];
      let read = 0;
      for (const day of days) {
        const due = await allDue(nudges, day, NOW);
        expect(due.refs.every((ref) => ref.dueAt.startsWith(day))).toBe(true);
        found.push(...due.refs);
        read += due.read;
      }
      const expected = planned.filter((n) => n.dueAt <= NOW.toISOString());
      expect(found.map((r) => r.caseId).sort()).toEqual(expected.map((n) => n.caseId).sort());
      expect(found.find((r) => r.caseId === 'case-a0')).toEqual(planned[0]);
      expect(read).toBe(expected.length);
    });

    it('finds a nudge however long ago it fell due', async () => {
      const nudges = await ports().nudges(new FixedClock(BEFORE));
      const nudge = { caseId: 'case-old', kind: 'reflection' as const, dueAt: '2026-11-21T09:00:00.000Z' };
      await nudges.schedule([nudge], BEFORE);
      const muchLater = new Date('2027-01-15T12:00:00.000Z');
      expect((await allDue(nudges, '2026-11-21', muchLater)).refs).toEqual([nudge]);
      expect(await nudges.claim(nudge, muchLater)).toBe(true);
    });

    it('files a nudge scheduled after its due day under the day it was scheduled', async () => {
      const nudges = await ports().nudges(new FixedClock(NOW));
      const late = { caseId: 'case-late', kind: 'not-sent' as const, dueAt: '2026-12-01T09:00:00.000Z' };
      await nudges.schedule([late], NOW);
      expect((await allDue(nudges, '2026-12-01', NOW)).refs).toEqual([]);
      expect((await allDue(nudges, '2026-12-05', NOW)).refs).toEqual([late]);
    });

    it('keeps one nudge when the same one is scheduled twice', async () => {
      const nudges = await ports().nudges(new FixedClock(BEFORE));
      const nudge = { caseId: 'case-b', kind: 'reflection' as const, dueAt: '2026-12-05T09:00:00.000Z' };
      await nudges.schedule([nudge], BEFORE);
      await nudges.schedule([nudge], BEFORE);
      expect((await allDue(nudges, '2026-12-05', NOW)).refs).toHaveLength(1);
    });

    it('lets exactly one of many concurrent claims take a nudge, and takes it out of the index', async () => {
      const nudges = await ports().nudges(new FixedClock(BEFORE));
      const ref = { caseId: 'case-c', kind: 'not-sent' as const, dueAt: '2026-12-05T10:00:00.000Z' };
      await nudges.schedule([ref], BEFORE);
      const claims = await Promise.all(Array.from({ length: 6 }, () => nudges.claim(ref, NOW)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect((await allDue(nudges, '2026-12-05', NOW)).refs).toEqual([]);
      await nudges.complete(ref, 'sent', NOW);
      expect(await nudges.claim(ref, NOW)).toBe(false);
      expect(
        await nudges.claim(
          { caseId: 'case-never', kind: 'not-sent', dueAt: '2026-12-05T08:00:00.000Z' },
          NOW,
        ),
      ).toBe(false);
    });

    it('files a released nudge again, under the day it was released, where the next sweep finds it', async () => {
      const nudges = await ports().nudges(new FixedClock(BEFORE));
      const ref = { caseId: 'case-d', kind: 'custom' as const, dueAt: '2026-12-03T11:00:00.000Z' };
      await nudges.schedule([ref], BEFORE);
      expect(await nudges.claim(ref, NOW)).toBe(true);
      await nudges.release(ref, NOW);
      expect((await allDue(nudges, '2026-12-03', NOW)).refs).toEqual([]);
      expect((await allDue(nudges, '2026-12-05', NOW)).refs).toEqual([ref]);
      expect(await nudges.claim(ref, NOW)).toBe(true);
    });

    it('refuses to release a nudge that is not being sent', async () => {
      const nudges = await ports().nudges(new FixedClock(BEFORE));
      const ref = { caseId: 'case-r', kind: 'custom' as const, dueAt: '2026-12-03T11:00:00.000Z' };
      await nudges.schedule([ref], BEFORE);
      await expect(nudges.release(ref, NOW)).rejects.toBeInstanceOf(ConflictError);
      expect(await nudges.claim(ref, NOW)).toBe(true);
      await nudges.complete(ref, 'skipped-stopped', NOW);
      await expect(nudges.release(ref, NOW)).rejects.toBeInstanceOf(ConflictError);
    });

    it('lets a pending nudge lapse only after its retention', async () => {
      const nudges = await ports().nudges(new FixedClock(BEFORE));
      const ref = { caseId: 'case-e', kind: 'stay-in-touch' as const, dueAt: '2026-12-01T08:00:00.000Z' };
      await nudges.schedule([ref], BEFORE);
      const lapsed = new Date(Date.parse(ref.dueAt) + (RETENTION_DAYS.pendingNudge + 1) * DAY_MS);
      expect(await nudges.claim(ref, lapsed)).toBe(false);
      const late = new Date(Date.parse(ref.dueAt) + (RETENTION_DAYS.pendingNudge - 1) * DAY_MS);
      expect(await nudges.claim(ref, late)).toBe(true);
    });

    it('forgets every nudge of a case, whatever its state, and no other case’s', async () => {
      const nudges = await ports().nudges(new FixedClock(BEFORE));
      await nudges.schedule(
        [
          { caseId: 'case-g1', kind: 'not-sent', dueAt: '2026-12-02T18:00:00.000Z' },
          { caseId: 'case-g1', kind: 'custom', dueAt: '2026-12-03T18:00:00.000Z' },
          { caseId: 'case-g2', kind: 'not-sent', dueAt: '2026-12-02T18:00:00.000Z' },
        ],
        BEFORE,
      );
      const ref = { caseId: 'case-g1', kind: 'not-sent' as const, dueAt: '2026-12-02T18:00:00.000Z' };
      expect(await nudges.claim(ref, NOW)).toBe(true);
      await nudges.complete(ref, 'sent', NOW);
      expect(await nudges.forgetCase('case-g1')).toBe(2);
      expect(await nudges.forgetCase('case-g1')).toBe(0);
      const due = await allDue(nudges, '2026-12-02', NOW);
      expect(due.refs.map((r) => r.caseId)).toEqual(['case-g2']);
    });
  });

  describe(`the sweep checkpoint (${name})`, () => {
    it('starts unset and only moves forward', async () => {
      const now = new Date('2026-12-05T12:00:00.000Z');
      const checkpoint = await ports().checkpoint(new FixedClock(now));
      expect(await checkpoint.read()).toBeNull();
      await checkpoint.advance('2026-12-03', now);
      expect(await checkpoint.read()).toBe('2026-12-03');
      await checkpoint.advance('2026-12-02', now);
      expect(await checkpoint.read()).toBe('2026-12-03');
      await checkpoint.advance('2026-12-05', now);
      expect(await checkpoint.read()).toBe('2026-12-05');
    });
  });

  describe(`the suppression list (${name})`, () => {
    it('finds a suppressed address in any letter case, and only that one', async () => {
      const list = await ports().suppressions(new FixedClock(START));
      await list.suppress([suppression('gone@Example.org')]);
      expect(
        await list.suppressedAmong(['GONE@example.org', 'alive@example.org', ' gone@example.org ']),
      ).toEqual(new Set(['gone@example.org']));
      expect(await list.suppressedAmong([])).toEqual(new Set());
    });

    it('lets a suppression lapse after a year, and a repeat of it extends the year', async () => {
      const clock = new FixedClock(START);
      const list = await ports().suppressions(clock);
      await list.suppress([suppression('lapsing@example.org'), suppression('repeated@example.org')]);
      clock.current = at(RETENTION_DAYS.suppression - 1);
      expect(await list.suppressedAmong(['lapsing@example.org'])).toEqual(new Set(['lapsing@example.org']));
      await list.suppress([suppression('repeated@example.org', 'complaint')]);
      clock.current = at(RETENTION_DAYS.suppression);
      expect(await list.suppressedAmong(['lapsing@example.org', 'repeated@example.org'])).toEqual(
        new Set(['repeated@example.org']),
      );
    });
  });

  describe(`the raw mail store (${name})`, () => {
    it('returns the exact bytes SES stored', async () => {
      const { store, put } = await ports().rawMail();
      const bytes = new Uint8Array([0x46, 0x72, 0x6f, 0x6d, 0x3a, 0xff, 0x00, 0x0d, 0x0a]);
      await put('abc123', bytes);
      expect(await store.getRawMail('abc123')).toEqual(bytes);
    });

    it('reports a missing message, or an id that is not one, as RawMailNotFoundError', async () => {
      const { store } = await ports().rawMail();
      await expect(store.getRawMail('does-not-exist')).rejects.toBeInstanceOf(RawMailNotFoundError);
      await expect(store.getRawMail('../escape')).rejects.toBeInstanceOf(RawMailNotFoundError);
    });

    it('deletes the messages asked for, and says how many were there', async () => {
      const { store, put } = await ports().rawMail();
      await put('del-1', new Uint8Array([1]));
      await put('del-2', new Uint8Array([2]));
      await put('keep-1', new Uint8Array([3]));
      expect(await store.deleteRawMail(['del-1', 'del-2', 'never-there'])).toBe(2);
      await expect(store.getRawMail('del-1')).rejects.toBeInstanceOf(RawMailNotFoundError);
      expect(await store.getRawMail('keep-1')).toEqual(new Uint8Array([3]));
      expect(await store.deleteRawMail([])).toBe(0);
    });
  });

  describe(`the mailer (${name})`, () => {
    const mail = (subject: string): OutgoingMail => ({
      from: { name: 'Alex Rivera via Bowout', address: 'send@bowout.localhost' },
      to: ['priya@northwind.example'],
      cc: ['alex@gmail.example'],
      replyTo: ['alex@gmail.example'],
      subject,
      text: 'Dear Priya,\n\nThank you.',
      html: null,
      inReplyTo: null,
      references: [],
      attachments: [],
      headers: {},
    });

    it('sends to exactly the given recipients and answers with a message id of its own per message', async () => {
      const { mailer, recipients } = await ports().mailer();
      const first = await mailer.send(mail('Re: Interview'));
      const second = await mailer.send(mail('Re: Interview'));
      expect(first.messageId).not.toBe('');
      expect(second.messageId).not.toBe(first.messageId);
      expect(await recipients(first.messageId)).toEqual({
        to: ['priya@northwind.example'],
        cc: ['alex@gmail.example'],
      });
    });
  });
}
