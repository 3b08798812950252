import PostalMime, { type Address, type Attachment, type Email } from 'postal-mime';
import { UnreadableMailError } from '../errors.js';
import { htmlToText } from './html-to-text.js';
import { isPlausibleAddress, normaliseAddress } from './sanitize.js';
import { emptyUnreadParts, isCalendarName, isCalendarType, startsLikeCalendar } from './unread-parts.js';

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
/** Attached messages parsed in all, across every level: a budget, so fan-out cannot multiply the work. */
const MAX_NESTED_MESSAGES = 5;
const MAX_NESTING_DEPTH = 3;
const MAX_TEXT_CHARS = 200_000;
const MAX_CALENDAR_BYTES = 1_000_000;
const MAX_CALENDARS = 5;
/**
 * Below this size (bytes, or characters of a string) the pass that empties unread parts is not run: the
 * parse is the same either way, and decoding a few kilobytes of attachments costs less than the pass's
 * own look at every line. Typical forwarded invites are a few kilobytes.
 */
const SMALL_MAIL = 16 * 1024;
/** postal-mime's limits, as Bowout sets them; the pass that empties unread parts gives way to them. */
const PARSER_LIMITS = { maxNestingDepth: 64, maxHeadersSize: 1_000_000 } as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A decoded header value on one line: an encoded CR/LF must not split a name or a subject. */
function oneLine(value: string | undefined | null): string {
  return (value ?? '').replace(CONTROLS, ' ').trim();
}

function mailboxes(list: Address[] | Address | undefined): MailboxRef[] {
  const flat: MailboxRef[] = [];
  for (const entry of Array.isArray(list) ? list : list ? [list] : []) {
    const members = entry.group ?? [entry];
    for (const member of members) {
      if (typeof member.address !== 'string' || !member.address) continue;
      // An encoded word that decodes to "@attacker" inside a local part is not a real address.
      const address = normaliseAddress(member.address);
      if (isPlausibleAddress(address)) flat.push({ name: oneLine(member.name) || null, address });
      if (flat.length >= 50) return flat;
    }
  }
  return flat;
}

function messageIds(value: string | undefined): string[] {
  return (value?.match(/<[^<>\s]{1,250}>/g) ?? []).slice(-100);
}

/** The numeric offset of an RFC 5322 date ("+0100", "-0700"), in minutes. */
export function dateOffsetMinutes(raw: string | undefined): number | null {
  const match = raw?.match(/\s([+-])(\d{2})(\d{2})\s*(\(.*\))?\s*$/);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  if (minutes > 14 * 60) return null;
  return match[1] === '-' ? -minutes : minutes;
}

function bytesOf(content: Attachment['content']): Uint8Array | null {
  if (typeof content === 'string') return null;
  return content instanceof Uint8Array ? content : new Uint8Array(content);
}

/** Calendar bytes without a charset: UTF-8 when they are valid UTF-8, else Windows-1252 (Outlook's 8-bit). */
function decodeText(content: Attachment['content'], limit: number): string {
  const bytes = bytesOf(content);
  if (!bytes) return (content as string).slice(0, limit);
  const head = bytes.subarray(0, limit);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(head);
  } catch {
    return new TextDecoder('windows-1252').decode(head);
  }
}

/** A calendar part by its type, its file name, or (for octet-stream without a name) its first bytes. */
function isCalendar(attachment: Attachment): boolean {
  if (isCalendarType(attachment.mimeType)) return true;
  if (isCalendarName(attachment.filename)) return true;
  if (attachment.mimeType !== 'application/octet-stream') return false;
  const bytes = bytesOf(attachment.content);
  return startsLikeCalendar(bytes ?? new TextEncoder().encode(String(attachment.content).slice(0, 64)));
}

// Windows-1252's characters at 0x80-0x9F, which a Latin-1 decoding leaves as C1 control characters.
const WINDOWS_1252: Record<string, string> = {
  '\u0080': '€',
  '\u0082': '‚',
  '\u0083': 'ƒ',
  '\u0084': '„',
  '\u0085': '…',
  '\u0086': '†',
  '\u0087': '‡',
  '\u0088': 'ˆ',
  '\u0089': '‰',
  '\u008a': 'Š',
  '\u008b': '‹',
  '\u008c': 'Œ',
  '\u008e': 'Ž',
  '\u0091': '‘',
  '\u0092': '’',
  '\u0093': '“',
  '\u0094': '”',
  '\u0095': '•',
  '\u0096': '–',
  '\u0097': '—',
  '\u0098': '˜',
  '\u0099': '™',
  '\u009a': 'š',
  '\u009b': '›',
  '\u009c': 'œ',
  '\u009e': 'ž',
  '\u009f': 'Ÿ',
};

/**
 * Text from a windows-1252 part decoded as Latin-1 holds C1 control characters where Outlook wrote
 * dashes and quotes ("14h30 \u0096 15h45"); no real text holds them, so they are read as Windows-1252.
 */
export function repairWindows1252(text: string): string {
  return /[\u0080-\u009f]/.test(text)
    ? text.replace(/[\u0080-\u009f]/g, (ch) => WINDOWS_1252[ch] ?? ' ')
    : text;
}

/** The text a reader sees: the plain part, or text made from the HTML when the mail is HTML only. */
function bodyText(email: Email, contentType: string): string {
  const html = email.html ?? null;
  // postal-mime renders HTML-only mail to text itself, with a blank line between blocks; ours keeps a
  // forwarded header block's lines together, which is what the forward readers need.
  if (html && (contentType === 'text/html' || !email.text?.trim())) {
    return repairWindows1252(htmlToText(html.slice(0, MAX_TEXT_CHARS * 4), MAX_TEXT_CHARS));
  }
  return repairWindows1252((email.text ?? '').slice(0, MAX_TEXT_CHARS));
}

interface Budget {
  nestedMessages: number;
}

export interface ParseOptions {
  /**
   * Hand postal-mime every part's body, as it is without Bowout's pass that empties the parts it never
   * reads (attachments). For comparison only: the tests that prove both give the same mail, the benchmark.
   */
  decodeEveryPart?: boolean;
}

/** Levels of attached messages Bowout may still read below a message at `depth`: at most, for the budget. */
const attachedMessageLevels = (depth: number, budget: Budget) =>
  Math.max(0, Math.min(MAX_NESTING_DEPTH - depth, MAX_NESTED_MESSAGES - budget.nestedMessages));

async function parseEmail(
  raw: Uint8Array | string,
  depth: number,
  budget: Budget,
  options: ParseOptions,
): Promise<ParsedMail> {
  let email: Email;
  try {
    const input =
      options.decodeEveryPart || raw.length < SMALL_MAIL
        ? raw
        : emptyUnreadParts(typeof raw === 'string' ? new TextEncoder().encode(raw) : raw, {
            attachedMessageLevels: attachedMessageLevels(depth, budget),
            maxHeaderBytes: PARSER_LIMITS.maxHeadersSize,
            maxNestingDepth: PARSER_LIMITS.maxNestingDepth,
          }).bytes;
    email = await PostalMime.parse(input, { forceRfc822Attachments: true, ...PARSER_LIMITS });
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
    if (attachment.mimeType === 'message/rfc822' && attachedMessageLevels(depth, budget) > 0) {
      budget.nestedMessages++;
      try {
        const content = attachment.content;
        attached.push(
          await parseEmail(
            typeof content === 'string' ? content : new Uint8Array(content as ArrayBuffer),
            depth + 1,
            budget,
            options,
          ),
        );
      } catch {
        // An unreadable attachment is skipped; the outer message is still useful.
      }
    } else if (isCalendar(attachment) && calendars.length < MAX_CALENDARS) {
      calendars.push(decodeText(attachment.content, MAX_CALENDAR_BYTES));
    }
  }

  const html = email.html ? repairWindows1252(email.html) : null;
  const text = bodyText(email, contentType);
  return {
    from: mailboxes(email.from)[0] ?? null,
    replyTo: mailboxes(email.replyTo),
    to: mailboxes(email.to),
    subject: oneLine(email.subject).slice(0, 1000),
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

/**
 * Parses raw MIME. Throws UnreadableMailError when it cannot be read as an email at all, and never any
 * other error: whatever hostile input makes a parser trip over is, to Bowout, an unreadable mail.
 */
export async function parseMail(raw: Uint8Array | string, options: ParseOptions = {}): Promise<ParsedMail> {
  let mail: ParsedMail;
  try {
    mail = await parseEmail(raw, 0, { nestedMessages: 0 }, options);
  } catch (error) {
    if (error instanceof UnreadableMailError) throw error;
    throw new UnreadableMailError('the message could not be read', { cause: error });
  }
  const looksLikeMail =
    mail.headers.length > 0 && (mail.from !== null || mail.subject !== '' || mail.text !== '');
  if (!looksLikeMail) throw new UnreadableMailError('the message has no headers or content Bowout can read');
  return mail;
}

export function headerValue(mail: ParsedMail, key: string): string | null {
  return mail.headers.find((h) => h.key === key)?.value ?? null;
}
