import type { ParsedMail } from '../mail/parse-mail.js';
import type { InviteFacts } from '../model.js';
import { findContact } from './find-contact.js';
import { findOriginal } from './find-original.js';
import { findCompany, findRole } from './find-role.js';
import { findInterviewTime } from './find-time.js';
import { readCalendar } from './read-calendar.js';

export interface UnderstoodInvite {
  facts: InviteFacts;
  /** Whether this looks like an interview invite at all (a forward with a contact or a time). */
  isInvite: boolean;
  /** The user's own words above the forward. */
  note: string;
}

const PHONE = /(?:phone|tel|call|mobile|cell)[^\n\d+]{0,20}(\+?\d[\d\s().-]{6,18}\d)/i;

/**
 * Understanding an invite is an ordered list of small steps, each reading one kind of evidence:
 *   1. find the original message inside the forward (attached message, then inline block);
 *   2. read its calendar parts (organizer, start and end with their zone, UID/SEQUENCE);
 *   3. find the interview time in the text, relative to the original's date, when no calendar gave one;
 *   4. find the contact: a person who will read the reply, never a no-reply address;
 *   5. find the role and company;
 *   6. decide what is missing and how certain the time is.
 */
export function understandInvite(
  mail: ParsedMail,
  options: { userAddress: string; ownDomain: string },
): UnderstoodInvite {
  const original = findOriginal(mail); // 1
  const senderOffset = original.dateOffsetMinutes ?? mail.dateOffsetMinutes;
  const calendar =
    original.calendars.map((ics) => readCalendar(ics, senderOffset)).find((c) => c !== null) ?? null; // 2
  const textTime = calendar?.start
    ? null
    : findInterviewTime(original.body, original.date ?? mail.date, senderOffset); // 3
  const interview = calendar?.start
    ? { start: calendar.start, end: calendar.end, timezone: calendar.timezone, certain: calendar.certain }
    : (textTime ?? { start: null, end: null, timezone: null, certain: false });
  const contact = findContact(original, calendar, options.userAddress, options.ownDomain); // 4
  const subject = original.subject || calendar?.summary || '';
  const role = findRole(subject, original.body, calendar?.summary ?? null); // 5
  contact.company = findCompany(subject, original.body, contact.email, {
    calendarSummary: calendar?.summary ?? null,
    senderName: original.from?.name ?? null,
  });

  const missing: string[] = []; // 6
  if (!contact.email) missing.push('employer.email');
  if (!contact.name) missing.push('employer.name');
  if (!contact.company) missing.push('employer.company');
  if (!role) missing.push('role');
  if (!interview.start) missing.push('interview.start');
  // Without a forwarded message or a calendar part there is no invite to cancel, whatever dates the text holds.
  // A "Fwd:" subject alone is no evidence: the forward must show its sender or a time.
  const isInvite =
    calendar !== null || (original.via !== 'none' && (original.from !== null || interview.start !== null));
  if (!isInvite) missing.push('invite');

  return {
    facts: {
      employer: contact,
      role,
      interview,
      missing,
      originalSubject: subject || null,
      originalMessageId: original.messageId,
      originalReferences: original.references,
      calendarEvent: calendar?.uid ? { uid: calendar.uid, sequence: calendar.sequence } : null,
      phone: original.body.match(PHONE)?.[1]?.trim() ?? null,
    },
    isInvite,
    note: original.note,
  };
}
