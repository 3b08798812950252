import { DateTime } from 'luxon';
import type { ParsedMail } from '../mail/parse-mail.js';
import type { InterviewTime, InviteFacts } from '../model.js';
import { forgetRemembered, type WhoSources } from './evidence.js';
import { findOriginal, type OriginalMessage } from './find-original.js';
import { findInterviewTime } from './find-time.js';
import { isMassMail } from './mass-mail.js';
import { originalKey } from './original-key.js';
import { isOwnMail } from './own-mail.js';
import { type CalendarFacts, readCalendars } from './read-calendar.js';
import { readStyle } from './read-style.js';
import { readWho } from './read-who.js';
import { sameClock, senderPlaceZone, topLevelDomain, type ZoneHints } from './time-zone.js';
import { isRegionZone, zoneOf } from './zones.js';

/**
 * Why a message is no invite: no forwarded message or calendar in it, mass mail (a newsletter, a job
 * alert), or Bowout's own mail forwarded back (the caller answers that one differently).
 */
export type NotInviteReason = 'no-original' | 'mass-mail' | 'own-mail';

export interface UnderstoodInvite {
  facts: InviteFacts;
  /** Whether this looks like an interview invite at all (a forward with a contact or a time). */
  isInvite: boolean;
  /** When it is none, why. */
  notInviteReason?: NotInviteReason;
  /** The user's own words above the forward. */
  note: string;
  /** Names the original across forwards of it (original-key.ts): a repeated forward finds its case. */
  originalKey: string;
  /** Where each fact about who came from, with the candidates it was chosen from (for --explain). */
  sources?: WhoSources;
}

// Schedulers that show the candidate's own clock beside the organizer's calendar say so.
const YOUR_CLOCK =
  /\byour (?:own |local )?time ?zone\b|\b(?:shown|listed|displayed) in your\b|\byour (?:local )?time\b|ihrer zeitzone|votre fuseau|su zona horaria|seu fuso|tuo fuso|uw tijdzone|din tidszon|twojej strefie/i;

const PHONE = /(?:phone|tel|call|mobile|cell)[^\n\d+]{0,20}(\+?\d[\d\s().-]{6,18}\d)/i;

/**
 * Understanding an invite is an ordered list of small steps, each reading one kind of evidence:
 *   1. find the original message inside the forward (attached message, then inline block);
 *   2. read its calendar parts (organizer, start and end with their zone, UID/SEQUENCE);
 *   3. decide whether this is an invite at all (newsletters and job alerts are not);
 *   4. find the interview time in the text, relative to the original's date, when no calendar gave one;
 *   5. find the contact: a person who will read the reply, never a no-reply address or the user;
 *   6. find the company, then the role (each from scored candidates, kept in `sources`);
 *   7. say what is missing, and which facts found were not stated plainly (`uncertain`);
 *   8. read how the employer wrote (language, register, stage) for a letter that answers in kind.
 */
export function understandInvite(
  mail: ParsedMail,
  options: { userAddress: string; ownDomain: string },
): UnderstoodInvite {
  // Every step may use the readers' per-mail memory (evidence.ts): this mail starts with none of another's.
  forgetRemembered();
  const original = findOriginal(mail, { ownDomain: options.ownDomain }); // 1
  const senderOffset = original.dateOffsetMinutes ?? mail.dateOffsetMinutes;
  const { calendar, cancelled } = readCalendars(original.calendars, senderOffset); // 2
  const subject = original.subject || calendar?.summary || '';
  const refusal = isOwnMail(mail, original, options.ownDomain)
    ? 'own-mail'
    : notAnInviteReason(original, calendar, subject);
  if (refusal) return notAnInvite(subject, original.note, refusal, originalKey(original)); // 3

  // An event its calendar cancelled has no time left to cancel.
  const interview = cancelled
    ? { start: null, end: null, timezone: null, certain: false }
    : interviewTime(original, calendar, mail, senderOffset, subject); // 4
  const { contact, role, sources } = readWho(mail, original, calendar, subject, options); // 5, 6

  const missing: string[] = []; // 7
  if (!contact.email) missing.push('employer.email');
  if (!contact.name) missing.push('employer.name');
  if (!contact.company) missing.push('employer.company');
  if (!role) missing.push('role');
  if (!interview.start) missing.push('interview.start');
  const uncertain: string[] = [];
  for (const [key, reading] of [
    ['employer.email', sources.email],
    ['employer.name', sources.name],
    ['employer.company', sources.company],
    ['role', sources.role],
  ] as const) {
    if (reading.value && !reading.certain) uncertain.push(key);
  }
  if (interview.start && !interview.certain) uncertain.push('interview.start');

  return {
    facts: {
      employer: contact,
      role,
      interview,
      missing,
      uncertain,
      originalSubject: subject || null,
      originalMessageId: original.messageId,
      originalReferences: original.references,
      calendarEvent: calendar?.uid ? { uid: calendar.uid, sequence: calendar.sequence } : null,
      phone: original.body.match(PHONE)?.[1]?.trim() ?? null,
      style: readStyle({ subject, body: original.body }, contact.name), // 8
    },
    isInvite: true,
    note: original.note,
    originalKey: originalKey(original),
    sources,
  };
}

/**
 * Step 4: the interview time. A calendar's own time wins; the text is read when there is no calendar,
 * and also when the calendar only says UTC or gives a floating time: the zone the text states ("10am
 * EDT") names the zone the invite was written in, and a floating calendar time takes its zone from it.
 * When the text writes the calendar's instant in another clock ("Times are shown in your time zone
 * (Pacific Time)"), the mail's words name the zone; a region's zone (a Windows zone id) takes the name of
 * the sender's city when that keeps the same clock.
 */
function interviewTime(
  original: OriginalMessage,
  calendar: CalendarFacts | null,
  mail: ParsedMail,
  senderOffset: number | null,
  subject: string,
): InterviewTime {
  const fromCalendar = calendar?.start
    ? { start: calendar.start, end: calendar.end, timezone: calendar.timezone, certain: calendar.certain }
    : null;
  const hints: ZoneHints = {
    tld: topLevelDomain(original.from?.address ?? null),
    senderOffsetMinutes: senderOffset,
    otherTlds: [...original.replyTo.map((mailbox) => mailbox.address), calendar?.organizer?.address ?? null]
      .map(topLevelDomain)
      .filter((tld): tld is string => tld !== null),
  };
  // A calendar's zoned time needs no text, unless the text shows times in the candidate's own clock.
  if (
    fromCalendar?.certain &&
    fromCalendar.timezone !== 'UTC' &&
    !YOUR_CLOCK.test(original.body.slice(0, 20_000))
  )
    return refinedRegion(fromCalendar, calendar, hints, original.body);
  const fromText = findInterviewTime(original.body, original.date ?? mail.date, senderOffset, {
    senderAddress: original.from?.address ?? null,
    subject,
    otherAddresses: [
      ...original.replyTo.map((mailbox) => mailbox.address),
      calendar?.organizer?.address ?? null,
    ],
  });
  if (!fromCalendar) return fromText ?? { start: null, end: null, timezone: null, certain: false };
  // The calendar's instant in UTC, and the text's time at the sender's clock is that very instant: the
  // sender's zone is the clock the mail speaks in (the instant stays the calendar's, and so does certainty).
  if (
    fromCalendar.timezone === 'UTC' &&
    fromText?.timezone &&
    fromText.start === fromCalendar.start &&
    fromText.timezone !== 'UTC'
  )
    return { ...fromCalendar, timezone: fromText.timezone };
  if (fromText?.certain && fromText.timezone && fromText.start === fromCalendar.start) {
    // The same instant, written in a named zone: the calendar's UTC was only its encoding, and another
    // clock is the one the mail speaks to the candidate in.
    const instant = Date.parse(fromCalendar.start);
    if (
      fromCalendar.timezone === 'UTC' ||
      !fromCalendar.timezone ||
      !sameClock(fromText.timezone, fromCalendar.timezone, instant)
    )
      return { ...fromCalendar, timezone: fromText.timezone };
  }
  if (fromCalendar.certain) return refinedRegion(fromCalendar, calendar, hints, original.body);
  // A floating calendar time is the text's wall-clock time in the text's zone.
  if (fromText?.certain && fromText.timezone)
    return { ...fromText, end: fromText.end ?? shiftEnd(fromCalendar, fromText.start) };
  if (fromCalendar.start && fromCalendar.timezone && !isRegionZone(fromCalendar.timezone)) {
    // A floating time read on the sender's clock: name the zone after where the sender is, when it keeps that clock.
    const instant = Date.parse(fromCalendar.start);
    const offset = DateTime.fromMillis(instant, { zone: zoneOf(fromCalendar.timezone) ?? 'UTC' }).offset;
    const place = senderPlaceZone(instant, offset, hints, original.body, null);
    return place ? { ...fromCalendar, timezone: place } : fromCalendar;
  }
  return fromCalendar;
}

/** A calendar zone that is a region's (a Windows zone id), named after the sender's city when it keeps that clock. */
function refinedRegion(
  time: InterviewTime,
  calendar: CalendarFacts | null,
  hints: ZoneHints,
  body: string,
): InterviewTime {
  if (!calendar?.regionZone || !time.timezone || !time.start) return time;
  const instant = Date.parse(time.start);
  const offset = DateTime.fromMillis(instant, { zone: zoneOf(time.timezone) ?? 'UTC' }).offset;
  const place = senderPlaceZone(instant, offset, hints, body, time.timezone);
  return place ? { ...time, timezone: place } : time;
}

/** The calendar's duration applied to a corrected start. */
function shiftEnd(calendar: InterviewTime, start: string | null): string | null {
  if (!calendar.start || !calendar.end || !start) return null;
  return new Date(Date.parse(start) + Date.parse(calendar.end) - Date.parse(calendar.start)).toISOString();
}

/**
 * Step 3: is there an invite to cancel? Bowout's own mail coming back is none. A calendar invitation
 * is one. Otherwise the forward must show its original sender and must not be mass mail (newsletters,
 * job alerts).
 */
function notAnInviteReason(
  original: OriginalMessage,
  calendar: CalendarFacts | null,
  subject: string,
): NotInviteReason | null {
  if (calendar !== null) return null;
  // A reply line that names its writer without an address ("Le … , Hélène Marchetti a écrit :") still
  // shows whose message the user answered.
  if (original.via === 'none' || (original.from === null && !original.fromName)) return 'no-original';
  // A forward that shows who sent it is taken as the invite the user says it is: the words of real
  // invites vary too much to demand any (and a wrong "not an invite" leaves the user with nothing).
  return isMassMail(subject, original.body.slice(0, 10_000)) ? 'mass-mail' : null;
}

function notAnInvite(subject: string, note: string, reason: NotInviteReason, key: string): UnderstoodInvite {
  return {
    facts: {
      employer: { name: null, email: null, company: null },
      role: null,
      interview: { start: null, end: null, timezone: null, certain: false },
      missing: ['employer.email', 'employer.name', 'employer.company', 'role', 'interview.start', 'invite'],
      uncertain: [],
      originalSubject: subject || null,
      originalMessageId: null,
      originalReferences: [],
      calendarEvent: null,
      phone: null,
    },
    isInvite: false,
    notInviteReason: reason,
    note,
    originalKey: key,
  };
}
