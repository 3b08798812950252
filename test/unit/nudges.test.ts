import { describe, expect, it } from 'vitest';
import { openCase } from '../../functions/domain/case.js';
import {
  planCustomNudge,
  planSentNudges,
  planUnsentNudges,
  shouldSend,
  withinWakingHours,
} from '../../functions/domain/nudges/plan.js';
import { inviteFacts } from '../support/facts.js';

const facts = (start: string | null) =>
  inviteFacts({ interview: { start, timezone: 'America/Los_Angeles', certain: true } });

// The user writes from UTC-8 (Pacific, winter); drafts at 10:00 their time.
const DRAFTED = new Date('2026-12-01T18:00:00Z');
const caseFor = (start: string | null) =>
  openCase({
    caseId: 'c1',
    user: { email: 'a@b.example', name: 'Alex', timezone: 'UTC-8' },
    facts: facts(start),
    sourceMessageId: 'm',
    now: DRAFTED,
  });

describe('waking hours', () => {
  it.each([
    ['2026-12-02T18:00:00Z', '2026-12-02T18:00:00.000Z'], // 10:00 local: kept
    ['2026-12-02T05:00:00Z', '2026-12-02T16:00:00.000Z'], // 21:00 local: next 08:00
    ['2026-12-02T12:00:00Z', '2026-12-02T16:00:00.000Z'], // 04:00 local: 08:00 the same day
    ['2026-12-02T16:00:00Z', '2026-12-02T16:00:00.000Z'], // 08:00 sharp: kept
    ['2026-12-03T04:00:00Z', '2026-12-03T16:00:00.000Z'], // 20:00 sharp: next morning
  ])('moves %s to %s in UTC-8', (at, expected) => {
    expect(withinWakingHours(new Date(at), 'UTC-8').toISOString()).toBe(expected);
  });

  it('follows daylight saving in an IANA zone', () => {
    // 06:30 in New York in July (UTC-4) moves to 08:00 UTC-4.
    expect(withinWakingHours(new Date('2026-07-10T10:30:00Z'), 'America/New_York').toISOString()).toBe(
      '2026-07-10T12:00:00.000Z',
    );
  });
});

describe('nudges for an unsent draft', () => {
  it('reminds a day after the draft when the interview is far off, and urgently a day before it', () => {
    const nudges = planUnsentNudges(caseFor('2026-12-10T22:00:00Z'), DRAFTED);
    expect(nudges).toEqual([
      { caseId: 'c1', kind: 'not-sent', dueAt: '2026-12-02T18:00:00.000Z' },
      { caseId: 'c1', kind: 'not-sent-urgent', dueAt: '2026-12-09T22:00:00.000Z' },
    ]);
  });

  it('reminds two days before the interview when that comes before a day after the draft', () => {
    const [first] = planUnsentNudges(caseFor('2026-12-04T02:00:00Z'), new Date('2026-12-01T18:00:00Z'));
    // Two days before is 2026-12-02T02:00Z = 18:00 local on 1 December: within waking hours.
    expect(first).toEqual({ caseId: 'c1', kind: 'not-sent', dueAt: '2026-12-02T02:00:00.000Z' });
  });

  it('sends only the urgent one, at its exact time even at night, when the interview is two days away', () => {
    const nudges = planUnsentNudges(caseFor('2026-12-03T12:00:00Z'), DRAFTED);
    expect(nudges.map((n) => n.kind)).toEqual(['not-sent-urgent']);
    expect(nudges[0]?.dueAt).toBe('2026-12-02T12:00:00.000Z');
  });

  it('plans a halfway nudge when the interview is less than a day away', () => {
    const nudges = planUnsentNudges(caseFor('2026-12-02T06:00:00Z'), DRAFTED);
    expect(nudges).toEqual([{ caseId: 'c1', kind: 'not-sent-urgent', dueAt: '2026-12-02T00:00:00.000Z' }]);
  });

  it('plans nothing when the interview is within the hour, nor after it', () => {
    expect(planUnsentNudges(caseFor('2026-12-01T18:45:00Z'), DRAFTED)).toEqual([]);
    expect(planUnsentNudges(caseFor('2026-11-30T18:00:00Z'), DRAFTED)).toEqual([]);
  });

  it('reminds once, a day later, when the interview time is unknown', () => {
    expect(planUnsentNudges(caseFor(null), DRAFTED)).toEqual([
      { caseId: 'c1', kind: 'not-sent', dueAt: '2026-12-02T18:00:00.000Z' },
    ]);
  });
});

describe('nudges after sending', () => {
  it('asks for a reflection a week later and offers to stay in touch three months later, in waking hours', () => {
    const sentAt = new Date('2026-12-02T07:00:00Z'); // 23:00 local
    expect(planSentNudges(caseFor('2026-12-10T22:00:00Z'), sentAt)).toEqual([
      { caseId: 'c1', kind: 'reflection', dueAt: '2026-12-09T16:00:00.000Z' },
      { caseId: 'c1', kind: 'stay-in-touch', dueAt: '2027-03-03T16:00:00.000Z' },
    ]);
  });

  it('keeps a reminder time the user named, and moves a snooze into waking hours', () => {
    const value = caseFor(null);
    expect(planCustomNudge(value, new Date('2026-12-03T06:00:00Z'), true).dueAt).toBe(
      '2026-12-03T06:00:00.000Z',
    );
    expect(planCustomNudge(value, new Date('2026-12-03T06:00:00Z'), false).dueAt).toBe(
      '2026-12-03T16:00:00.000Z',
    );
  });
});

describe('whether a due nudge still goes out', () => {
  const now = new Date('2026-12-05T18:00:00Z');
  const drafted = caseFor('2026-12-10T22:00:00Z');

  it('sends an unsent-draft nudge only while the case is DRAFTED and the interview ahead', () => {
    expect(shouldSend('not-sent', drafted, false, now)).toEqual({ send: true });
    expect(shouldSend('not-sent', { ...drafted, state: 'SENT' }, false, now)).toEqual({
      send: false,
      reason: 'case-sent',
    });
    expect(shouldSend('not-sent-urgent', { ...drafted, state: 'DISCARDED' }, false, now)).toEqual({
      send: false,
      reason: 'case-discarded',
    });
    expect(shouldSend('not-sent', drafted, false, new Date('2026-12-11T00:00:00Z'))).toEqual({
      send: false,
      reason: 'interview-passed',
    });
  });

  it('sends reflection and stay-in-touch only after the cancellation went out', () => {
    expect(shouldSend('reflection', { ...drafted, state: 'SENT' }, false, now)).toEqual({ send: true });
    expect(shouldSend('stay-in-touch', drafted, false, now)).toEqual({ send: false, reason: 'case-drafted' });
  });

  it('sends nothing after STOP, STOP ALL, or once the case is gone', () => {
    expect(shouldSend('not-sent', { ...drafted, nudgesStopped: true }, false, now)).toEqual({
      send: false,
      reason: 'stopped',
    });
    expect(shouldSend('reflection', { ...drafted, state: 'SENT' }, true, now)).toEqual({
      send: false,
      reason: 'stopped',
    });
    expect(shouldSend('custom', null, false, now)).toEqual({ send: false, reason: 'case-gone' });
  });
});
