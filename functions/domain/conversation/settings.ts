import { DateTime } from 'luxon';
import { ZONE_ABBREVIATIONS, ZONE_CITIES, ZONE_PHRASES } from '../invite/zone-words.js';
import { isRegionZone, zoneOf } from '../invite/zones.js';
import { writeCancellation } from '../letters/cancellation.js';
import { LETTER_LANGUAGES } from '../letters/language.js';
import { notices, settingsNotices } from '../letters/notices.js';
import { headerSafe } from '../mail/sanitize.js';
import type { LetterLanguage } from '../model.js';
import { planUnsentNudges } from '../nudges/plan.js';
import type { CommandOutcome, SettingsOutcome } from '../outcomes.js';
import type { CommandContext, UserCommandContext } from './command-context.js';
import { changeDraft } from './draft-changes.js';
import { findLink } from './no-relay.js';

/** STOP: no more nudges for this case, whatever state it is in. */
export async function stopCase(context: CommandContext): Promise<SettingsOutcome> {
  const { caseRecord, deps, tell } = context;
  await deps.cases.updateCase(
    caseRecord.caseId,
    { states: ['DRAFTED', 'SENDING', 'SENT', 'DISCARDED'] },
    { nudgesStopped: true },
  );
  await tell(notices.stopped());
  return 'stopped';
}

/** STOP ALL: no more nudges for any of the user's cases (a setting of the user's, not of a case). */
export async function stopAll(context: UserCommandContext): Promise<SettingsOutcome> {
  const { userEmail, deps, tell } = context;
  await deps.settings.stopAllNudges(userEmail, deps.clock.now());
  await tell(notices.stoppedAll());
  return 'stopped-all';
}

/** IANA names by their lower-case form, and by their city ("los angeles" for America/Los_Angeles). */
const IANA_ZONES: ReadonlyMap<string, string> = (() => {
  const zones = new Map<string, string>();
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    zones.set(zone.toLowerCase(), zone);
    const city = zone.split('/').at(-1)?.replace(/_/g, ' ').toLowerCase();
    if (city && isRegionZone(zone) && !zones.has(city)) zones.set(city, zone);
  }
  return zones;
})();

/**
 * The zone a user means by ZONE: an IANA name ("America/Los_Angeles", any case), a city ("Los Angeles",
 * "Munich", "Bengaluru"), a named clock ("Pacific Time", "CET"), or a fixed offset ("UTC+2"). Null when
 * it names none of them.
 */
export function resolveZone(asked: string): string | null {
  const text = asked
    .trim()
    .replace(/[.!]+$/, '')
    .replace(/\s+/g, ' ');
  const lower = text.toLowerCase();
  const named =
    IANA_ZONES.get(lower) ??
    IANA_ZONES.get(lower.replace(/ /g, '_')) ??
    ZONE_CITIES[lower] ??
    ZONE_PHRASES.get(lower) ??
    ZONE_PHRASES.get(`${lower} time`) ??
    ZONE_ABBREVIATIONS[text.toUpperCase()] ??
    IANA_ZONES.get(lower.replace(/ time$/, ''));
  if (named) return named;
  if (lower === 'utc' || lower === 'gmt') return 'UTC';
  const offset = /^(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d{2})?$/i.test(text)
    ? zoneOf(text.replace(/\s/g, '').toUpperCase().replace('GMT', 'UTC'))
    : null;
  return offset ? offset.name : null;
}

/**
 * ZONE: the user's zone for every case, open ones included: times in drafts and reminders follow it,
 * and an open draft's automatic reminders are planned again for its waking hours (the reminders planned
 * before no longer match the plan, so the sweep closes them as superseded).
 */
export async function setZone(context: UserCommandContext, asked: string): Promise<SettingsOutcome> {
  const { userEmail, deps, tell } = context;
  const zone = resolveZone(asked);
  if (!zone) {
    await context.tellRefusal(settingsNotices.zoneUnclear(headerSafe(asked, 60)));
    return 'zone-unclear';
  }
  const now = deps.clock.now();
  // The same zone again changes nothing: answered within the budget.
  const answer = (await deps.settings.getSettings(userEmail)).zone === zone ? context.tellRefusal : tell;
  await deps.settings.updateSettings(userEmail, { zone }, now);
  let updatedDrafts = 0;
  for (const caseRecord of await deps.cases.casesOfUser(userEmail)) {
    const plannedAt = caseRecord.nudgesPlannedAt ?? caseRecord.createdAt;
    const updated = await deps.cases.updateCase(
      caseRecord.caseId,
      { states: [caseRecord.state] },
      {
        user: { ...caseRecord.user, timezone: zone, zoneFrom: 'setting' },
        nudgesPlannedAt: plannedAt,
        updatedAt: now.toISOString(),
      },
    );
    if (updated?.state !== 'DRAFTED') continue;
    updatedDrafts += 1;
    if (!updated.nudgesStopped)
      await deps.nudges.schedule(planUnsentNudges(updated, new Date(plannedAt)), now);
  }
  const localNow = DateTime.fromJSDate(now, { zone: zoneOf(zone) ?? 'UTC' }).toFormat('cccc HH:mm');
  await answer(settingsNotices.zoneSet(zone, localNow, updatedDrafts));
  return 'zone-set';
}

const MAX_NAME_CHARS = 80;

/**
 * NAME: how letters are signed and how employers see the sender ("<name> via Bowout"). Never a link or
 * an address (conversation/no-relay.ts). Open drafts are signed anew unless the user wrote them.
 */
export async function setName(context: UserCommandContext, asked: string): Promise<SettingsOutcome> {
  const { userEmail, deps, tell } = context;
  const name = headerSafe(asked, 500);
  const found = findLink(name, null);
  const problem = name.includes('@')
    ? 'address'
    : found
      ? found.kind
      : name.length > MAX_NAME_CHARS
        ? 'too-long'
        : null;
  if (problem) {
    await context.tellRefusal(settingsNotices.nameRefused(problem));
    return 'name-refused';
  }
  const now = deps.clock.now();
  const answer = (await deps.settings.getSettings(userEmail)).signature === name ? context.tellRefusal : tell;
  await deps.settings.updateSettings(userEmail, { signature: name }, now);
  let updatedDrafts = 0;
  for (const caseRecord of await deps.cases.casesOfUser(userEmail)) {
    if (caseRecord.state !== 'DRAFTED') continue;
    const inputs = { ...caseRecord.inputs, signature: name };
    const updated = await deps.cases.updateCase(
      caseRecord.caseId,
      { states: ['DRAFTED'] },
      {
        user: { ...caseRecord.user, name },
        inputs,
        draft: inputs.edited
          ? caseRecord.draft
          : writeCancellation(caseRecord.facts, inputs, { caseId: caseRecord.caseId, now }),
        updatedAt: now.toISOString(),
      },
    );
    if (updated && !inputs.edited) updatedDrafts += 1;
  }
  await answer(settingsNotices.nameSet(name, updatedDrafts));
  return 'name-set';
}

/**
 * LANG at a case's address: that letter is written again in the language (conversation/draft-changes.ts),
 * and the language becomes the user's default. A letter that can no longer change (sent, discarded, or
 * the user's own text) leaves LANG a setting alone.
 */
export async function changeLanguage(
  context: CommandContext,
  language: LetterLanguage,
): Promise<CommandOutcome> {
  const { caseRecord, userEmail, deps } = context;
  if (caseRecord.state !== 'DRAFTED' || caseRecord.inputs.edited) return setLanguage(context, language);
  await deps.settings.updateSettings(userEmail, { language }, deps.clock.now());
  return changeDraft(context, { kind: 'LANG', language });
}

/** LANG as a setting: the user's default language of letters, for invites whose language is unclear. */
export async function setLanguage(
  context: UserCommandContext,
  language: LetterLanguage,
): Promise<SettingsOutcome> {
  const { userEmail, deps, tell } = context;
  const answer = (await deps.settings.letterLanguage(userEmail)) === language ? context.tellRefusal : tell;
  await deps.settings.updateSettings(userEmail, { language }, deps.clock.now());
  await answer(settingsNotices.languageSet(LETTER_LANGUAGES[language].english, language));
  return 'language-set';
}
