import PostalMime, { type Address, type Attachment, type Email } from 'postal-mime';
import { UnreadableMailError } from '../errors.js';
import { htmlToText } from './html-to-text.js';
import { isPlausibleAddress, normaliseAddress } from './sanitize.js';

/** One mailbox as Bowout uses it: a checked, lower-cased address and a decoded display name. */
export interface MailboxRef {
  name: string | null;
  address: string;
}

export interface HeaderField {
  key: string;
  value: string;
}

/** A parsed message, reduced to what Bowout reads. Forwarded attachments are parsed the same way. */
export interface ParsedMail {
  from: MailboxRef | null;
  replyTo: MailboxRef[];
  to: MailboxRef[];
  subject: string;
  messageId: string | null;
  references: string[];
  /** ISO instant of the Date header, when it parsed. */
  date: string | null;
  /** The Date header's own UTC offset in minutes (the sender's zone at the time), when present. */
  dateOffsetMinutes: number | null;
  headers: HeaderField[];
  /** The plain-text body, or text made from the HTML body when there was no plain part. */
  text: string;
  html: string | null;
  /** Contents of text/calendar parts and .ics attachments. */
  calendars: string[];
  /** Messages forwarded as message/rfc822 attachments, parsed. */
  attached: ParsedMail[];
  contentType: string;
}

// Bounds that keep hostile input cheap: huge mail is still read, just not all of it.
const MAX_NESTED_MESSAGES = 5;
const MAX_NESTING_DEPTH = 3;
const MAX_TEXT_CHARS = 200_000;
const MAX_CALENDAR_BYTES = 1_000_000;

function mailboxes(list: Address[] | Address | undefined): MailboxRef[] {
  const flat: MailboxRef[] = [];
  for (const entry of Array.isArray(list) ? list : list ? [list] : []) {
    const members = entry.group ?? [entry];
    for (const member of members) {
      if (!member.address) continue;
      // An encoded word that decodes to "@attacker" inside a local part is not a real address.
      const address = normaliseAddress(member.address);
      if (isPlausibleAddress(address)) flat.push({ name: member.name?.trim() || null, address });
    }
  }
  return flat;
}

function messageIds(value: string | undefined): string[] {
  return value?.match(/<[^<>\s]{1,250}>/g) ?? [];
}

/** The numeric offset of an RFC 5322 date ("+0100", "-0700"), in minutes. */
export function dateOffsetMinutes(raw: string | undefined): number | null {
  const match = raw?.match(/\s([+-])(\d{2})(\d{2})\s*(\(.*\))?\s*$/);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (minutes > 14 * 60) return null;
  return match[1] === '-' ? -minutes : minutes;
}

function decodeText(content: Attachment['content'], limit: number): string {
  if (typeof content === 'string') return content.slice(0, limit);
  const bytes = content instanceof Uint8Array ? content : new Uint8Array(content);
  return new TextDecoder('utf-8').decode(bytes.subarray(0, limit));
}

function isCalendar(attachment: Attachment): boolean {
  return (
    /^(text\/calendar|application\/ics|text\/x-vcalendar|application\/x-ics)$/.test(attachment.mimeType) ||
    /\.(ics|vcs)$/i.test(attachment.filename ?? '')
  );
}

async function parseEmail(raw: Uint8Array | string, depth: number): Promise<ParsedMail> {
  let email: Email;
  try {
    email = await PostalMime.parse(raw, {
      forceRfc822Attachments: true,
      maxNestingDepth: 64,
      maxHeadersSize: 1_000_000,
    });
  } catch (error) {
    throw new UnreadableMailError('the message could not be parsed as MIME', { cause: error });
  }
  const headers = email.headers.map((h) => ({ key: h.key, value: h.value }));
  const contentType =
    headers
      .find((h) => h.key === 'content-type')
      ?.value.split(';')[0]
      ?.trim()
      .toLowerCase() ?? 'text/plain';
  const rawDate = headers.find((h) => h.key === 'date')?.value;
  const parsedDate = email.date ? new Date(email.date) : null;

  const attached: ParsedMail[] = [];
  const calendars: string[] = [];
  for (const attachment of email.attachments) {
    if (
      attachment.mimeType === 'message/rfc822' &&
      depth < MAX_NESTING_DEPTH &&
      attached.length < MAX_NESTED_MESSAGES
    ) {
      try {
        const content = attachment.content;
        attached.push(
          await parseEmail(
            typeof content === 'string' ? content : new Uint8Array(content as ArrayBuffer),
            depth + 1,
          ),
        );
      } catch {
        // An unreadable attachment is skipped; the outer message is still useful.
      }
    } else if (isCalendar(attachment)) {
      calendars.push(decodeText(attachment.content, MAX_CALENDAR_BYTES));
    }
  }

  const html = email.html ?? null;
  const text = (
    email.text?.trim() ? email.text : html ? htmlToText(html.slice(0, MAX_TEXT_CHARS * 4)) : ''
  ).slice(0, MAX_TEXT_CHARS);
  return {
    from: mailboxes(email.from)[0] ?? null,
    replyTo: mailboxes(email.replyTo),
    to: mailboxes(email.to),
    subject: email.subject?.trim() ?? '',
    messageId: messageIds(email.messageId)[0] ?? null,
    references: messageIds(email.references),
    date: parsedDate && !Number.isNaN(parsedDate.getTime()) ? parsedDate.toISOString() : null,
    dateOffsetMinutes: dateOffsetMinutes(rawDate),
    headers,
    text,
    html,
    calendars,
    attached,
    contentType,
  };
}

/** Parses raw MIME. Throws UnreadableMailError when it cannot be read as an email at all. */
export async function parseMail(raw: Uint8Array | string): Promise<ParsedMail> {
  const mail = await parseEmail(raw, 0);
  const looksLikeMail =
    mail.headers.length > 0 && (mail.from !== null || mail.subject !== '' || mail.text !== '');
  if (!looksLikeMail) throw new UnreadableMailError('the message has no headers or content Bowout can read');
  return mail;
}

export function headerValue(mail: ParsedMail, key: string): string | null {
  return mail.headers.find((h) => h.key === key)?.value ?? null;
}
