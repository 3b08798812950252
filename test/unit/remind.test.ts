import { describe, expect, it } from 'vitest';
import { parseRemindTime } from '../../functions/domain/conversation/remind.js';
import { sweepNudges } from '../../functions/domain/nudges/sweep.js';
import { conversation, type World } from '../support/conversation.js';

const HOUR = 3_600_000;

/** Sweeps every hour for `days` days from the world's clock; the subjects of the nudges sent. */
async function sweepHourly(world: World, days: number): Promise<{ at: string; subject: string }[]> {
  const sent: { at: string; subject: string }[] = [];
  const start = world.clock.now().getTime();
  for (let hour = 1; hour <= days * 24; hour++) {
    const now = new Date(start + hour * HOUR);
    world.clock.current = now;
    const before = world.mailer.sent.length;
    await sweepNudges(now, { ...world.deps, checkpoint: world.checkpoint });
    for (const mail of world.mailer.sent.slice(before))
      sent.push({ at: now.toISOString(), subject: mail.subject });
  }
  return sent;
}

// The Gmail invite: drafted Tuesday 1 December 2026 10:00 in the user's zone (UTC-8), interview
// Tuesday 8 December 14:00 Pacific.
describe('REMIND', () => {
  it('replaces the automatic reminder instead of adding to it', async () => {
    const world = conversation();
    const { replyTo } = await world.forward();
    expect(await world.reply(replyTo, 'REMIND 2 days')).toBe('remind-set');
    expect(world.mailer.sent.at(-1)?.text).toContain('instead of the automatic reminders for this draft');
    const nudges = await sweepHourly(world, 6);
    expect(nudges).toEqual([{ at: '2026-12-03T18:00:00.000Z', subject: 'Reminder: Northwind Analytics' }]);
  });

  it('REMIND tomorrow gives exactly one reminder', async () => {
    const world = conversation();
    const { replyTo } = await world.forward();
    await world.reply(replyTo, 'REMIND tomorrow');
    expect(await sweepHourly(world, 7)).toHaveLength(1);
  });

  it('a second REMIND replaces the first', async () => {
    const world = conversation();
    const { replyTo } = await world.forward();
    await world.reply(replyTo, 'REMIND tomorrow');
    await world.reply(replyTo, 'REMIND Friday');
    const nudges = await sweepHourly(world, 6);
    expect(nudges.map((n) => n.at)).toEqual(['2026-12-04T17:00:00.000Z']);
  });

  it('reads a weekday that is today as next week’s: REMIND Monday 9am on a Monday morning', () => {
    // Monday 7 December 2026, 07:30 in UTC-8.
    const monday = new Date('2026-12-07T15:30:00Z');
    expect(parseRemindTime('Monday 9am', { now: monday, zone: 'UTC-8' })?.at.toISOString()).toBe(
      '2026-12-14T17:00:00.000Z',
    );
    expect(parseRemindTime('Monday', { now: monday, zone: 'UTC-8' })?.at.toISOString()).toBe(
      '2026-12-14T17:00:00.000Z',
    );
    expect(parseRemindTime('Tuesday 9am', { now: monday, zone: 'UTC-8' })?.at.toISOString()).toBe(
      '2026-12-08T17:00:00.000Z',
    );
  });

  it('accepts REMIND Monday 9am sent on a Monday morning', async () => {
    const world = conversation(new Date('2026-12-07T15:30:00Z'));
    const { replyTo } = await world.forward();
    expect(await world.reply(replyTo, 'REMIND Monday 9am')).toBe('remind-after-interview');
    expect(world.mailer.sent.at(-1)?.text).toContain('Monday 14 December at 09:00');
  });

  it('accepts a time after the interview with a warning, and sends no reminder then for an unsent draft', async () => {
    const world = conversation();
    const { replyTo } = await world.forward();
    expect(await world.reply(replyTo, 'REMIND 10 days')).toBe('remind-after-interview');
    const answer = world.mailer.sent.at(-1)?.text ?? '';
    expect(answer).toContain("I'll remind you on Friday 11 December");
    expect(answer).toContain('this is after your interview (Tuesday 8 December 2026, 14:00');
    expect(answer).toContain('Reply SEND');
    expect(await sweepHourly(world, 12)).toEqual([]);
  });
});
