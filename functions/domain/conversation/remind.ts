import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { formatInZone, zoneOf } from '../invite/zones.js';
import { notices } from '../letters/notices.js';
import { planCustomNudge } from '../nudges/plan.js';
import type { RemindOutcome } from '../outcomes.js';
import type { CommandContext } from './command-context.js';

const SNOOZE = /^\s*(in\s+)?(\d+|an?|one|two|three)\s*(minutes?|mins?|hours?|hrs?|days?|weeks?)\b/i;

/**
 * REMIND <when>: "2 days", "Monday 9am", "tomorrow", read in the user's own zone. `named` when the
 * user named a time of day (kept as they said it); otherwise it is a snooze or a day. A weekday that is
 * today means next week's ("REMIND Monday 9am" on a Monday morning is a week away): nobody names today
 * by its weekday.
 */
export function parseRemindTime(
  when: string,
  context: { now: Date; zone: string },
): { at: Date; named: boolean } | null {
  const { now } = context;
  const luxonZone = zoneOf(context.zone) ?? 'UTC';
  const offset = DateTime.fromJSDate(now, { zone: luxonZone }).offset;
  const bare = when.replace(/^me\s+/i, '').trim();
  // chrono reads "in 2 days" but not a bare "2 days", which users write as a snooze.
  const text = /^\d/.test(bare) ? `in ${bare}` : bare;
  const result = chrono.en.casual.parse(text, { instant: now, timezone: offset }, { forwardDate: true })[0];
  if (!result) return null;
  let at = DateTime.fromJSDate(result.start.date(), { zone: luxonZone });
  const today = DateTime.fromJSDate(now, { zone: luxonZone });
  if (result.start.isCertain('weekday') && !result.start.isCertain('day') && at.hasSame(today, 'day'))
    at = at.plus({ weeks: 1 });
  // "REMIND Monday" means Monday morning, not the current time of day on Monday; a snooze
  // ("2 days", "in 3 hours") keeps the time of day.
  if (!SNOOZE.test(text) && !result.start.isCertain('hour'))
    at = at.set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
  return at.toMillis() > now.getTime() ? { at: at.toJSDate(), named: result.start.isCertain('hour') } : null;
}

/**
 * REMIND: a reminder at the time the user asked, for a case still open (DRAFTED, or SENT for replies).
 * It replaces the case's automatic "not sent yet" reminders and any earlier REMIND (the sweep closes
 * those as superseded: nudges/plan.ts's replacedByLaterPlan), so one REMIND gives one reminder. A
 * time after the interview is accepted, with a warning: the employer should hear before the interview.
 */
export async function remind(context: CommandContext, when: string): Promise<RemindOutcome> {
  const { caseRecord, deps, tell } = context;
  const now = deps.clock.now();
  const parsed = parseRemindTime(when, { now, zone: caseRecord.user.timezone });
  if (!parsed) {
    await context.tellRefusal(notices.remindUnclear());
    return 'remind-unclear';
  }
  const nudge = planCustomNudge(caseRecord, parsed.at, parsed.named);
  const updated = await deps.cases.updateCase(
    caseRecord.caseId,
    { states: ['DRAFTED', 'SENT'] },
    { remindAt: nudge.dueAt, nudgesStopped: false },
  );
  if (!updated) {
    await context.tellRefusal(notices.nothingToRemind(caseRecord));
    return 'remind-closed';
  }
  await deps.nudges.schedule([nudge], now);
  const zone = zoneOf(caseRecord.user.timezone) ?? 'UTC';
  const local = DateTime.fromISO(nudge.dueAt, { zone }).toFormat("cccc d LLLL 'at' HH:mm");
  const start = caseRecord.facts.interview.start;
  const afterInterview =
    updated.state === 'DRAFTED' &&
    updated.purpose === 'cancellation' &&
    start !== null &&
    Date.parse(nudge.dueAt) > Date.parse(start);
  // The same reminder again changes nothing: answered within the budget ("Remind me: back Monday").
  const answer = caseRecord.remindAt === nudge.dueAt ? context.tellRefusal : tell;
  await answer(
    notices.reminderSet(local, {
      replacesAutomatic: updated.state === 'DRAFTED' && updated.purpose === 'cancellation',
      interview: afterInterview && start ? formatInZone(start, caseRecord.user.timezone) : null,
    }),
  );
  return afterInterview ? 'remind-after-interview' : 'remind-set';
}
