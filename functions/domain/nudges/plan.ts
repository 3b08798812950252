import { DateTime } from 'luxon';
import { zoneOf } from '../invite/zones.js';
import { hourIn } from '../letters/dates.js';
import type { Case, CaseState, Nudge, NudgeKind } from '../model.js';
import type { NudgeSkipReason } from '../outcomes.js';

/**
 * Follow-up nudges: which a case gets, when, and whether one is still worth sending when it falls due.
 * Pure: time is always an input. Wording lives in nudge-mail.ts.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Non-urgent nudges arrive between these hours, in the user's zone. */
const QUIET = { from: 20, to: 8 } as const;

/** Moves an instant outside 08:00–20:00 in `zone` to the next 08:00 there. */
export function withinWakingHours(at: Date, zone: string): Date {
  // Most instants are in waking hours already: one reading of the hour decides, no date arithmetic.
  const hour = hourIn(at, zone);
  if (hour >= QUIET.to && hour < QUIET.from) return at;
  const local = DateTime.fromJSDate(at, { zone: zoneOf(zone) ?? 'UTC' });
  if (!local.isValid) return at;
  if (local.hour >= QUIET.to && local.hour < QUIET.from) return at;
  const morning = local.hour < QUIET.to ? local : local.plus({ days: 1 });
  return morning.set({ hour: QUIET.to, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

/**
 * The nudges for a freshly drafted case: one reminder at whichever comes first of a day after the
 * draft and two days before the interview, and a last, urgent one a day before the interview. None
 * that would fall after the interview, none before the draft itself.
 */
export function planUnsentNudges(caseRecord: Case, draftedAt: Date): Nudge[] {
  const start = caseRecord.facts.interview.start ? Date.parse(caseRecord.facts.interview.start) : null;
  const drafted = draftedAt.getTime();
  const nudges: Nudge[] = [];
  const firstCandidate = start === null ? drafted + DAY : Math.min(drafted + DAY, start - 2 * DAY);
  const first = withinWakingHours(new Date(firstCandidate), caseRecord.user.timezone).getTime();
  const urgent = start === null ? null : start - DAY;
  // The first reminder only when it comes well before the urgent one (else the urgent one says it all).
  if (
    first > drafted + HOUR &&
    (urgent === null || first < urgent - 6 * HOUR) &&
    (start === null || first < start)
  ) {
    nudges.push({ caseId: caseRecord.caseId, kind: 'not-sent', dueAt: new Date(first).toISOString() });
  }
  if (start !== null) {
    // A day before, or halfway to the interview when that is sooner than a day away; never in the last hour.
    const at = urgent !== null && urgent > drafted + HOUR ? urgent : drafted + (start - drafted) / 2;
    if (at > drafted + 30 * 60_000 && at < start - HOUR) {
      nudges.push({ caseId: caseRecord.caseId, kind: 'not-sent-urgent', dueAt: new Date(at).toISOString() });
    }
  }
  return nudges;
}

/** After the cancellation went out: a reflection prompt a week later, and a "stay in touch" nudge at three months. */
export function planSentNudges(caseRecord: Case, sentAt: Date): Nudge[] {
  const zone = caseRecord.user.timezone;
  return [
    {
      caseId: caseRecord.caseId,
      kind: 'reflection',
      dueAt: withinWakingHours(new Date(sentAt.getTime() + 7 * DAY), zone).toISOString(),
    },
    {
      caseId: caseRecord.caseId,
      kind: 'stay-in-touch',
      dueAt: withinWakingHours(new Date(sentAt.getTime() + 91 * DAY), zone).toISOString(),
    },
  ];
}

/** REMIND <when>: a snooze keeps to waking hours; a time the user named is kept as they named it. */
export function planCustomNudge(caseRecord: Case, at: Date, timeWasNamed: boolean): Nudge {
  const dueAt = timeWasNamed ? at : withinWakingHours(at, caseRecord.user.timezone);
  return { caseId: caseRecord.caseId, kind: 'custom', dueAt: dueAt.toISOString() };
}

type NudgeDecision = { send: true } | { send: false; reason: NudgeSkipReason };

/** Why a nudge about a case in this state no longer goes out. */
const CASE_IN_STATE: Record<CaseState, NudgeSkipReason> = {
  DRAFTED: 'case-drafted',
  SENDING: 'case-sending',
  SENT: 'case-sent',
  DISCARDED: 'case-discarded',
};

/**
 * Re-checked on the stored case when a nudge falls due, or later (the index may be stale, a sweep may
 * have been down): nothing after a STOP or STOP ALL; a reminder to send the cancellation only while the
 * draft is unsent and the interview ahead, and not the first reminder once the urgent one's time has
 * come (that one says it all); the reflection and "stay in touch" notes only after the cancellation went
 * out, late if need be; a reminder the user asked for while the case is open, but not a reminder to
 * cancel an interview that has taken place.
 */
export function shouldSend(
  kind: NudgeKind,
  caseRecord: Case | null,
  userStopped: boolean,
  now: Date,
): NudgeDecision {
  if (!caseRecord) return { send: false, reason: 'case-gone' };
  if (caseRecord.nudgesStopped || userStopped) return { send: false, reason: 'stopped' };
  const start = caseRecord.facts.interview.start ? Date.parse(caseRecord.facts.interview.start) : null;
  const interviewPassed = caseRecord.purpose === 'cancellation' && start !== null && start <= now.getTime();
  switch (kind) {
    case 'not-sent':
    case 'not-sent-urgent':
      if (caseRecord.state !== 'DRAFTED') return { send: false, reason: CASE_IN_STATE[caseRecord.state] };
      if (interviewPassed) return { send: false, reason: 'interview-passed' };
      if (kind === 'not-sent' && start !== null && now.getTime() >= start - DAY)
        return { send: false, reason: 'superseded' };
      return { send: true };
    case 'reflection':
    case 'stay-in-touch':
      return caseRecord.state === 'SENT'
        ? { send: true }
        : { send: false, reason: CASE_IN_STATE[caseRecord.state] };
    case 'custom':
      if (caseRecord.state === 'SENT') return { send: true };
      if (caseRecord.state !== 'DRAFTED') return { send: false, reason: CASE_IN_STATE[caseRecord.state] };
      return interviewPassed ? { send: false, reason: 'interview-passed' } : { send: true };
  }
}

/**
 * Whether a due nudge was replaced by a later decision, whatever shouldSend says: the user's REMIND
 * replaces the automatic "not sent yet" reminders and any earlier REMIND (only the one at `remindAt`
 * stands); a WHEN or ZONE planned the automatic reminders again, and one not in the plan made from
 * `nudgesPlannedAt` is stale. A REMIND for an unsent cancellation that falls after the interview is not
 * sent (its answer said so). Null when the nudge stands.
 */
export function replacedByLaterPlan(
  ref: { kind: NudgeKind; dueAt: string },
  caseRecord: Case,
): NudgeSkipReason | null {
  switch (ref.kind) {
    case 'custom': {
      if (caseRecord.remindAt !== ref.dueAt) return 'superseded';
      const start = caseRecord.facts.interview.start;
      const afterInterview = start !== null && Date.parse(ref.dueAt) > Date.parse(start);
      return caseRecord.state === 'DRAFTED' && caseRecord.purpose === 'cancellation' && afterInterview
        ? 'interview-passed'
        : null;
    }
    case 'not-sent':
    case 'not-sent-urgent': {
      if (caseRecord.remindAt !== null) return 'superseded';
      if (caseRecord.nudgesPlannedAt === null) return null;
      const plan = planUnsentNudges(caseRecord, new Date(caseRecord.nudgesPlannedAt));
      return plan.some((nudge) => nudge.kind === ref.kind && nudge.dueAt === ref.dueAt) ? null : 'superseded';
    }
    default:
      return null;
  }
}
