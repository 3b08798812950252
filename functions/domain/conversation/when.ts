import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { formatInZone, zoneOf } from '../invite/zones.js';
import { writeCancellation } from '../letters/cancellation.js';
import { settingsNotices } from '../letters/notices.js';
import { planUnsentNudges } from '../nudges/plan.js';
import type { WhenOutcome } from '../outcomes.js';
import type { CommandContext } from './command-context.js';
import { mailUpdatedDraft } from './draft-changes.js';
import { resolveZone } from './settings.js';

/** The languages a WHEN may be written in, English first. */
const PARSERS = [
  chrono.en.casual,
  chrono.en.GB,
  chrono.de.casual,
  chrono.fr.casual,
  chrono.es.casual,
  chrono.it.casual,
  chrono.nl.casual,
  chrono.pt.casual,
];

/** A zone named at the end ("14:00 Europe/Berlin", "3pm London time"), split off the date and time. */
function trailingZone(text: string): { rest: string; zone: string | null } {
  const words = text.trim().split(/\s+/);
  for (let count = Math.min(3, words.length - 1); count >= 1; count--) {
    const zone = resolveZone(words.slice(-count).join(' '));
    if (zone && !/^\d/.test(words.at(-count) ?? '')) return { rest: words.slice(0, -count).join(' '), zone };
  }
  return { rest: text, zone: null };
}

/**
 * The interview's corrected start from WHEN <date and time>, read in `zone` (the interview's, or the
 * user's when it has none) unless the text names its own. A time without a date keeps the interview's
 * date ("WHEN 3pm"); a date without a time is not enough. Null when no date and time can be read.
 */
export function parseInterviewTime(
  when: string,
  context: { now: Date; zone: string; currentStart: string | null },
): { start: Date; zone: string } | null {
  const named = trailingZone(when);
  const zoneName = named.zone ?? context.zone;
  const zone = zoneOf(zoneName) ?? zoneOf('UTC');
  if (!zone) return null;
  const reference = { instant: context.now, timezone: DateTime.fromJSDate(context.now, { zone }).offset };
  for (const parser of PARSERS) {
    const result = parser.parse(named.rest, reference, { forwardDate: true })[0];
    if (!result?.start.isCertain('hour')) continue;
    const { start } = result;
    if (start.isCertain('timezoneOffset')) return { start: start.date(), zone: zoneName };
    const dated =
      start.isCertain('day') ||
      start.isCertain('weekday') ||
      start.isCertain('month') ||
      !context.currentStart;
    const day = dated
      ? {
          year: start.get('year') ?? undefined,
          month: start.get('month') ?? undefined,
          day: start.get('day') ?? undefined,
        }
      : DateTime.fromISO(context.currentStart as string, { zone }).toObject();
    const local = DateTime.fromObject(
      {
        year: day.year,
        month: day.month,
        day: day.day,
        hour: start.get('hour') ?? 0,
        minute: start.get('minute') ?? 0,
      },
      { zone },
    );
    if (local.isValid) return { start: local.toJSDate(), zone: zoneName };
  }
  return null;
}

/**
 * WHEN: corrects a draft's interview time. The letter is written again (unless the user wrote it), the
 * user gets the updated draft, and the automatic reminders are planned again from now for the new time
 * (the old ones no longer match the plan and are closed as superseded). A REMIND still ahead stands.
 */
export async function correctInterviewTime(context: CommandContext, when: string): Promise<WhenOutcome> {
  const { caseRecord, deps } = context;
  if (caseRecord.state !== 'DRAFTED') {
    await context.tellRefusal(settingsNotices.whenClosed(caseRecord.state));
    return 'when-closed';
  }
  const now = deps.clock.now();
  const { interview } = caseRecord.facts;
  const parsed = parseInterviewTime(when, {
    now,
    zone: interview.timezone ?? caseRecord.user.timezone,
    currentStart: interview.start,
  });
  if (!parsed) {
    await context.tellRefusal(settingsNotices.whenUnclear());
    return 'when-unclear';
  }
  if (parsed.start.getTime() <= now.getTime()) {
    await context.tellRefusal(settingsNotices.whenPassed());
    return 'when-passed';
  }
  const duration =
    interview.start && interview.end ? Date.parse(interview.end) - Date.parse(interview.start) : null;
  const facts = structuredClone(caseRecord.facts);
  facts.interview = {
    start: parsed.start.toISOString(),
    end: duration !== null ? new Date(parsed.start.getTime() + duration).toISOString() : null,
    timezone: parsed.zone,
    certain: true,
  };
  facts.missing = facts.missing.filter((key) => key !== 'interview.start');
  const remindAhead = caseRecord.remindAt !== null && Date.parse(caseRecord.remindAt) > now.getTime();
  const updated = await deps.cases.updateCase(
    caseRecord.caseId,
    { states: ['DRAFTED'] },
    {
      facts,
      draft: caseRecord.inputs.edited
        ? caseRecord.draft
        : writeCancellation(facts, caseRecord.inputs, { caseId: caseRecord.caseId, now }),
      remindAt: remindAhead ? caseRecord.remindAt : null,
      nudgesPlannedAt: now.toISOString(),
      updatedAt: now.toISOString(),
    },
  );
  if (!updated) return 'when-closed';
  if (!updated.nudgesStopped) await deps.nudges.schedule(planUnsentNudges(updated, now), now);
  await mailUpdatedDraft(context, updated, [
    settingsNotices.interviewTimeCorrected(
      formatInZone(updated.facts.interview.start ?? '', updated.user.timezone),
    ),
    ...(updated.inputs.edited ? [settingsNotices.editedTextKeepsDate()] : []),
  ]);
  return 'when-set';
}
