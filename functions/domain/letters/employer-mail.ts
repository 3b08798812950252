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
export function calendarDecline(value: Case, now: Date): OutgoingAttachment | null {
  const event = value.facts.calendarEvent;
  const organizer = value.facts.employer.email;
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
    ...(value.facts.interview.start ? [`DTSTART:${icsUtc(new Date(value.facts.interview.start))}`] : []),
    `ORGANIZER:mailto:${organizer}`,
    `ATTENDEE;PARTSTAT=DECLINED${value.user.name ? `;CN="${headerSafe(value.user.name, 80).replace(/"/g, '')}"` : ''}:mailto:${value.user.email}`,
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
export function composeCancellationMail(value: Case, senderAddress: string, now: Date): OutgoingMail {
  const employer = value.facts.employer.email;
  if (!employer) throw new Error('composeCancellationMail needs the employer address');
  const original = value.facts.originalMessageId;
  const references = [...value.facts.originalReferences, ...(original ? [original] : [])].slice(-10);
  const decline = calendarDecline(value, now);
  // "Nair, Priya" (a directory's order) writes as Priya Nair, as she signs the letter.
  const signed = signatureName(value.user.name);
  const userName = signed ? headerSafe(signed, 80) : value.user.email.split('@')[0];
  return {
    from: { name: `${userName} via Bowout`, address: senderAddress },
    to: [employer],
    cc: [value.user.email],
    replyTo: [value.user.email],
    subject: headerSafe(value.draft.subject, 200),
    text: value.draft.body,
    html: null,
    inReplyTo: original,
    references,
    attachments: decline ? [decline] : [],
    headers: {},
    // The user's own letter, sent at their word: not automatic mail.
    personal: true,
  };
}
