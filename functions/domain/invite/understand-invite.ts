import { DateTime } from 'luxon';
import type { ParsedMail } from '../mail/parse-mail.js';
import type { InterviewTime, InviteFacts } from '../model.js';
import { findContact } from './find-contact.js';
import { findOriginal, type OriginalMessage } from './find-original.js';
import { findCompany, findRole, withoutCompany } from './find-role.js';
import { findInterviewTime } from './find-time.js';
import { type CalendarFacts, readCalendars } from './read-calendar.js';
import { sameClock, senderPlaceZone, topLevelDomain, type ZoneHints } from './time-zone.js';
import { isRegionZone, zoneOf } from './zones.js';

export interface UnderstoodInvite {
  facts: InviteFacts;
  /** Whether this looks like an interview invite at all (a forward with a contact or a time). */
  isInvite: boolean;
  /** The user's own words above the forward. */
  note: string;
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
 *   5. find the contact: a person who will read the reply, never a no-reply address;
 *   6. find the company, then the role (without the company's name trailing it);
 *   7. say what is missing.
 */
export function understandInvite(
  mail: ParsedMail,
  options: { userAddress: string; ownDomain: string },
): UnderstoodInvite {
  const original = findOriginal(mail); // 1
  const senderOffset = original.dateOffsetMinutes ?? mail.dateOffsetMinutes;
  const { calendar, cancelled } = readCalendars(original.calendars, senderOffset); // 2
  const subject = original.subject || calendar?.summary || '';
  if (!looksLikeInvite(original, calendar, subject)) return notAnInvite(subject, original.note); // 3

  // An event its calendar cancelled has no time left to cancel.
  const interview = cancelled
    ? { start: null, end: null, timezone: null, certain: false }
    : interviewTime(original, calendar, mail, senderOffset, subject); // 4
  const contact = findContact(original, calendar, options.userAddress, options.ownDomain); // 5
  contact.company = findCompany(subject, original.body, contact.email, {
    calendarSummary: calendar?.summary ?? null,
    senderName: original.from?.name ?? null,
    // Neither the candidate nor the contact is the company ("Screen with Jamie Park").
    exclude: [mail.from?.name ?? null, contact.name],
  }); // 6
  const role = withoutCompany(
    findRole(subject, original.body, calendar?.summary ?? null, { userName: mail.from?.name ?? null }),
    contact.company,
  );

  const missing: string[] = []; // 7
  if (!contact.email) missing.push('employer.email');
  if (!contact.name) missing.push('employer.name');
  if (!contact.company) missing.push('employer.company');
  if (!role) missing.push('role');
  if (!interview.start) missing.push('interview.start');
  const uncertain: string[] = [];
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
    },
    isInvite: true,
    note: original.note,
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

// Mass mail that talks about interviews without being an invitation to one.
const BULK_MARKERS = [
  /unsubscribe|abmelden|se désabonner|darse de baja|afmelden|annulla l'iscrizione/i,
  /job alert|new jobs|jobs for you|recommended jobs/i,
  /newsletter/i,
  /webinar/i,
  /view (?:this email )?in (?:your )?browser/i,
  /you are receiving this/i,
  /manage (?:your )?(?:email )?preferences/i,
];

/**
 * Mass mail shows several of these marks, or one in its subject; a single footer line in a real
 * invite ("Follow us | Unsubscribe") is not enough to turn it away.
 */
function isMassMail(subject: string, body: string): boolean {
  if (BULK_MARKERS.some((marker) => marker.test(subject))) return true;
  return BULK_MARKERS.filter((marker) => marker.test(body)).length >= 2;
}

/**
 * Step 3: is there an invite to cancel? A calendar invitation is one. Otherwise the forward must
 * show its original sender and must not be mass mail (newsletters, job alerts).
 */
function looksLikeInvite(
  original: OriginalMessage,
  calendar: CalendarFacts | null,
  subject: string,
): boolean {
  if (calendar !== null) return true;
  if (original.via === 'none' || original.from === null) return false;
  // A forward that shows who sent it is taken as the invite the user says it is: the words of real
  // invites vary too much to demand any (and a wrong "not an invite" leaves the user with nothing).
  return !isMassMail(subject, original.body.slice(0, 10_000));
}

function notAnInvite(subject: string, note: string): UnderstoodInvite {
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
    note,
  };
}
