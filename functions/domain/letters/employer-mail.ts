import { headerSafe } from '../mail/sanitize.js';
import type { Case } from '../model.js';
import type { OutgoingAttachment, OutgoingMail } from '../ports.js';
import { signatureName } from './names.js';

function icsText(value: string): string {
  return headerSafe(value, 200).replace(/[\\;,]/g, (c) => `\\${c}`);
}

function icsUtc(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** A calendar reply declining the invite, so the interviewer's calendar updates itself. */
export function calendarDecline(caseRecord: Case, now: Date): OutgoingAttachment | null {
  const event = caseRecord.facts.calendarEvent;
  const organizer = caseRecord.facts.employer.email;
  if (!event || !organizer) return null;
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Bowout//Cancellation//EN',
    'VERSION:2.0',
    'METHOD:REPLY',
    'BEGIN:VEVENT',
    `UID:${icsText(event.uid)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTAMP:${icsUtc(now)}`,
    ...(caseRecord.facts.interview.start
      ? [`DTSTART:${icsUtc(new Date(caseRecord.facts.interview.start))}`]
      : []),
    `ORGANIZER:mailto:${organizer}`,
    `ATTENDEE;PARTSTAT=DECLINED${caseRecord.user.name ? `;CN="${headerSafe(caseRecord.user.name, 80).replace(/"/g, '')}"` : ''}:mailto:${caseRecord.user.email}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return {
    filename: 'decline.ics',
    contentType: 'text/calendar; method=REPLY; charset=UTF-8',
    content: lines.join('\r\n'),
    inline: true,
  };
}

/**
 * The cancellation as the employer receives it: from "<User> via Bowout", replies and a copy going to
 * the user, threaded into the original conversation. Recipients come only from the stored case.
 */
export function composeCancellationMail(caseRecord: Case, senderAddress: string, now: Date): OutgoingMail {
  const employer = caseRecord.facts.employer.email;
  if (!employer) throw new Error('composeCancellationMail needs the employer address');
  const original = caseRecord.facts.originalMessageId;
  const references = [...caseRecord.facts.originalReferences, ...(original ? [original] : [])].slice(-10);
  const decline = calendarDecline(caseRecord, now);
  // "Nair, Priya" (a directory's order) writes as Priya Nair, as she signs the letter.
  const signed = signatureName(caseRecord.user.name);
  const userName = signed ? headerSafe(signed, 80) : caseRecord.user.email.split('@')[0];
  return {
    from: { name: `${userName} via Bowout`, address: senderAddress },
    to: [employer],
    cc: [caseRecord.user.email],
    replyTo: [caseRecord.user.email],
    subject: headerSafe(caseRecord.draft.subject, 200),
    text: caseRecord.draft.body,
    html: null,
    inReplyTo: original,
    references,
    attachments: decline ? [decline] : [],
    headers: {},
    // The user's own letter, sent at their word: not automatic mail.
    personal: true,
  };
}
