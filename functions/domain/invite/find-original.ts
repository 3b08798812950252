import EmailForwardParser from 'email-forward-parser';
import type { MailboxRef, ParsedMail } from '../mail/parse-mail.js';
import { isPlausibleAddress, normaliseAddress } from '../mail/sanitize.js';

/** The invite as it was before the user forwarded it, however it was forwarded. */
export interface OriginalMessage {
  via: 'attachment' | 'inline' | 'none';
  from: MailboxRef | null;
  replyTo: MailboxRef[];
  subject: string;
  /** ISO instant the original was sent, when known; the reference for "tomorrow" and friends. */
  date: string | null;
  dateOffsetMinutes: number | null;
  messageId: string | null;
  references: string[];
  body: string;
  calendars: string[];
  /** The user's own words above the forwarded part (a reason, a note). */
  note: string;
}

const forwardParser = new EmailForwardParser();
const FORWARD_PREFIX = /^\s*((fwd?|fw|tr|wg|rv|enc|i|vs|doorst|pd|vl|rif)\s*:\s*|\[fwd?:?\s*)+/i;

export function stripSubjectPrefixes(subject: string): string {
  let current = subject.trim();
  for (let i = 0; i < 5; i++) {
    const next = current
      .replace(FORWARD_PREFIX, '')
      .replace(/^\s*(re|aw|sv|antw)\s*:\s*/i, '')
      .replace(/\]$/, '')
      .trim();
    if (next === current) break;
    current = next;
  }
  return current;
}

function fromInnerMail(outer: ParsedMail, inner: ParsedMail): OriginalMessage {
  // Nested forwards: the deepest attached message is the original invite.
  const deepest = inner.attached[0] ? fromInnerMail(inner, inner.attached[0]) : null;
  if (deepest) return { ...deepest, note: outer.text.trim() };
  return {
    via: 'attachment',
    from: inner.from,
    replyTo: inner.replyTo,
    subject: stripSubjectPrefixes(inner.subject),
    date: inner.date,
    dateOffsetMinutes: inner.dateOffsetMinutes,
    messageId: inner.messageId,
    references: inner.references,
    body: inner.text,
    calendars: [...inner.calendars, ...outer.calendars],
    note: outer.text.trim(),
  };
}

/** The user's note, without the client's "Original Message" rule that some parsers leave in it. */
function withoutSeparators(note: string): string {
  return note
    .split('\n')
    .filter((line) => !/^\s*(-{3,}|_{5,}|-+\s*(original message|forwarded message)\s*-*)\s*$/i.test(line))
    .join('\n')
    .trim();
}

function parseLooseDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const parsed = new Date(value.replace(/\s+at\s+/i, ' '));
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}

function fromInlineForward(mail: ParsedMail): OriginalMessage | null {
  const result = forwardParser.read(mail.text, mail.subject);
  if (!result.forwarded) return null;
  const address = result.email.from.address ? normaliseAddress(result.email.from.address) : null;
  const from = isPlausibleAddress(address) ? { name: result.email.from.name?.trim() || null, address } : null;
  return {
    via: 'inline',
    from,
    replyTo: [],
    subject: stripSubjectPrefixes(result.email.subject ?? mail.subject),
    date: parseLooseDate(result.email.date),
    dateOffsetMinutes: null,
    messageId: null,
    references: [],
    body: result.email.body ?? '',
    calendars: mail.calendars,
    note: withoutSeparators(result.message ?? ''),
  };
}

/** Step 1: find the original invite inside the forward: an attached message first, then an inline block. */
export function findOriginal(mail: ParsedMail): OriginalMessage {
  const attached = mail.attached[0];
  if (attached) return fromInnerMail(mail, attached);
  const inline = fromInlineForward(mail);
  if (inline) return inline;
  return {
    via: 'none',
    from: null,
    replyTo: [],
    subject: stripSubjectPrefixes(mail.subject),
    date: null,
    dateOffsetMinutes: null,
    messageId: null,
    references: [],
    body: mail.text,
    calendars: mail.calendars,
    note: '',
  };
}
