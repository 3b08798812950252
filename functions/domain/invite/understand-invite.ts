import { DateTime } from 'luxon';
import type { ParsedMail } from '../mail/parse-mail.js';
import type { InterviewTime, InviteFacts } from '../model.js';
import { findContact } from './find-contact.js';
import { findOriginal, type OriginalMessage } from './find-original.js';
import { findCompany, findRole, withoutCompany } from './find-role.js';
import { findInterviewTime } from './find-time.js';
import { originalKey } from './original-key.js';
import { type CalendarFacts, readCalendar } from './read-calendar.js';
import { readStyle } from './read-style.js';
import { cityZones, countryZones, topLevelDomain } from './time-zone.js';
import { isRegionZone, zoneOf } from './zones.js';

export interface UnderstoodInvite {
  facts: InviteFacts;
  /** Whether this looks like an interview invite at all (a forward with a contact or a time). */
  isInvite: boolean;
  /** The user's own words above the forward. */
  note: string;
  /** Names the original across forwards of it (original-key.ts): a repeated forward finds its case. */
  originalKey: string;
}

const PHONE = /(?:phone|tel|call|mobile|cell)[^\n\d+]{0,20}(\+?\d[\d\s().-]{6,18}\d)/i;

/**
 * Understanding an invite is an ordered list of small steps, each reading one kind of evidence:
 *   1. find the original message inside the forward (attached message, then inline block);
 *   2. read its calendar parts (organizer, start and end with their zone, UID/SEQUENCE);
 *   3. decide whether this is an invite at all (newsletters and job alerts are not);
 *   4. find the interview time in the text, relative to the original's date, when no calendar gave one;
 *   5. find the contact: a person who will read the reply, never a no-reply address;
 *   6. find the company, then the role (without the company's name trailing it);
 *   7. say what is missing;
 *   8. read how the employer wrote (language, register, stage) for a letter that answers in kind.
 */
export function understandInvite(
  mail: ParsedMail,
  options: { userAddress: string; ownDomain: string },
): UnderstoodInvite {
  const original = findOriginal(mail); // 1
  const senderOffset = original.dateOffsetMinutes ?? mail.dateOffsetMinutes;
  const calendar =
    original.calendars.map((ics) => readCalendar(ics, senderOffset)).find((c) => c !== null) ?? null; // 2
  const subject = original.subject || calendar?.summary || '';
  if (!looksLikeInvite(original, calendar, subject))
    return notAnInvite(subject, original.note, originalKey(original)); // 3

  const interview = interviewTime(original, calendar, mail, senderOffset, subject); // 4
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
      style: readStyle({ subject, body: original.body }, contact.name), // 8
    },
    isInvite: true,
    note: original.note,
    originalKey: originalKey(original),
  };
}

/**
 * Step 4: the interview time. A calendar's own time wins; the text is read when there is no calendar,
 * and also when the calendar only says UTC or gives a floating time: the zone the text states ("10am
 * EDT") names the zone the invite was written in, and a floating calendar time takes its zone from it.
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
  if (fromCalendar?.certain && fromCalendar.timezone !== 'UTC') return fromCalendar;
  const fromText = findInterviewTime(original.body, original.date ?? mail.date, senderOffset, {
    senderAddress: original.from?.address ?? null,
    subject,
  });
  if (!fromCalendar) return fromText ?? { start: null, end: null, timezone: null, certain: false };
  if (fromText?.certain && fromText.timezone) {
    // The same instant, written in a named zone: the calendar's UTC was only its encoding.
    if (fromText.start === fromCalendar.start) return { ...fromCalendar, timezone: fromText.timezone };
    // A floating calendar time is the text's wall-clock time in the text's zone.
    if (!fromCalendar.certain)
      return { ...fromText, end: fromText.end ?? shiftEnd(fromCalendar, fromText.start) };
  }
  if (!fromCalendar.certain && fromCalendar.start && fromCalendar.timezone) {
    // A floating time read on the sender's clock: name the zone after where the sender is, when it keeps that clock.
    return {
      ...fromCalendar,
      timezone: placeZone(fromCalendar.start, fromCalendar.timezone, original) ?? fromCalendar.timezone,
    };
  }
  return fromCalendar;
}

/** The IANA zone of the sender's country or of a city the text names, showing the same clock at `iso`. */
function placeZone(iso: string, zone: string, original: OriginalMessage): string | null {
  if (isRegionZone(zone)) return null;
  const instant = DateTime.fromISO(iso);
  const offset = instant.setZone(zoneOf(zone) ?? 'UTC').offset;
  if (!instant.isValid) return null;
  const tld = topLevelDomain(original.from?.address ?? null);
  const candidates = [...countryZones({ tld, senderOffsetMinutes: offset }), ...cityZones(original.body)];
  return candidates.find((name) => instant.setZone(zoneOf(name) ?? 'UTC').offset === offset) ?? null;
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

function notAnInvite(subject: string, note: string, key: string): UnderstoodInvite {
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
    originalKey: key,
  };
}
