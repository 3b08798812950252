import EmailForwardParser from 'email-forward-parser';
import { htmlToText } from '../mail/html-to-text.js';
import type { MailboxRef, ParsedMail } from '../mail/parse-mail.js';
import { parseForwardedDate } from './forward-date.js';
import { type ForwardBlock, readForwardBlock, readSeparator } from './forward-headers.js';
import { addressForName, cleanDisplayName, readMailbox, toMailboxRef } from './forward-mailbox.js';

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
const FORWARD_PREFIX =
  /^\s*((fwd?|fw|tr|wg|rv|enc|i|vs|doorst|pd|vl|rif|redir\.?|vb|videresend|ilt|İlt)\s*:\s*|\[fwd?:?\s*)+/i;

// Bounds for hostile input. The forward parser's regular expressions backtrack badly on long lines
// (a 20 KB line took 27 s), so it only ever sees a window of short lines.
const MAX_TEXT = 200_000;
const LIBRARY_WINDOW = 16_000;
const LIBRARY_LINE = 200;
const MAX_NESTED_INLINE = 3;

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

/** One text to read: Unix line ends, no byte-order marks or zero-width characters, plain spaces, bounded. */
function prepare(text: string): string {
  return text
    .slice(0, MAX_TEXT)
    .replace(/\r\n?/g, '\n')
    .replace(/[\ufeff\u200b-\u200d\u2060]/g, '')
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** The user's note, without the client's separator lines ("-----Original Message-----", "Begin forwarded message:"). */
function withoutSeparators(note: string): string {
  return note
    .split('\n')
    .filter((line) => {
      const content = line
        .slice(0, 200)
        .replace(/^[\s>]+/, '')
        .trimEnd();
      // Quote markers left alone on a line belong to the forwarded part, not to the note.
      if (content === '') return !/^\s*>/.test(line);
      return !readSeparator(content) && !/^-{2,}$/.test(content);
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The forwarded body; when the block was quoted (Apple Mail, MailMate), without its first ">" level. */
function bodyAfter(text: string, block: ForwardBlock): string {
  const body = text.slice(block.bodyStart);
  return block.quoted ? body.replace(/^[ \t]*> ?/gm, '') : body;
}

interface Reading {
  from: MailboxRef | null;
  fromName: string | null;
  replyTo: MailboxRef[];
  subject: string | null;
  dateLine: string | null;
  body: string;
  note: string;
}

function readBlock(text: string, block: ForwardBlock, note: string): Reading {
  const sender = readMailbox(block.fields.from ?? '');
  const replyTo = toMailboxRef(readMailbox(block.fields.replyTo ?? ''));
  return {
    from: toMailboxRef(sender),
    fromName: sender?.name ?? null,
    replyTo: replyTo ? [replyTo] : [],
    subject: block.fields.subject ?? null,
    dateLine: block.fields.date ?? null,
    body: bodyAfter(text, block),
    note,
  };
}

function fullName(name: string | null | undefined): string | null {
  const words =
    name
      ?.toLowerCase()
      .replace(/["'“”]/g, '')
      .split(/\s+/)
      .filter(Boolean) ?? [];
  return words.length >= 2 ? words.join(' ') : null;
}

/** The user themself: the same address, or the same full name at another address (their work account). */
function isTheUser(
  sender: { name: string | null; address: string | null } | null,
  user: MailboxRef | null,
): boolean {
  if (!sender || !user) return false;
  if (sender.address && sender.address === user.address) return true;
  const name = fullName(sender.name);
  return name !== null && name === fullName(user.name);
}

/**
 * Our own reading: the first header block, or a deeper one when the first is the user forwarding their
 * own mail to themselves (work account to private account, then to Bowout).
 */
function readOwn(text: string, user: MailboxRef | null): Reading | null {
  const first = readForwardBlock(text);
  if (!first) return null;
  const note = withoutSeparators(text.slice(0, first.start));
  let block = first;
  for (let depth = 0; depth < MAX_NESTED_INLINE; depth++) {
    if (!isTheUser(readMailbox(block.fields.from ?? ''), user)) break;
    const inner = readForwardBlock(text, block.bodyStart);
    if (!inner) break;
    block = inner;
  }
  return readBlock(text, block, note);
}

/** The forward parser's view: a bounded window of bounded lines (see LIBRARY_WINDOW). */
function libraryView(text: string): string {
  return text
    .slice(0, LIBRARY_WINDOW)
    .split('\n')
    .map((line) => line.slice(0, LIBRARY_LINE))
    .join('\n');
}

/** The full body behind the parser's (window-bounded) body: from its first line on, in the whole text. */
function fullBody(text: string, windowBody: string): string {
  const firstLine = windowBody
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.slice(0, 60);
  const at = firstLine ? text.indexOf(firstLine) : -1;
  return at >= 0 ? text.slice(at) : windowBody;
}

/** email-forward-parser's reading, checked: an address must be one Bowout could write to. */
function readLibrary(text: string, subject: string): Reading | null {
  const result = forwardParser.read(libraryView(text), subject.slice(0, 300) || null);
  if (!result.forwarded) return null;
  const printed = `${result.email.from.name ?? ''} <${result.email.from.address ?? ''}>`;
  const mailbox = readMailbox(printed);
  const name = cleanDisplayName(result.email.from.name ?? '', mailbox?.address ?? null);
  return {
    from: mailbox?.address ? { name, address: mailbox.address } : null,
    fromName: name,
    replyTo: [],
    subject: result.email.subject ?? null,
    dateLine: result.email.date ?? null,
    body: fullBody(text, result.email.body ?? ''),
    note: withoutSeparators(result.message ?? ''),
  };
}

/** Our reading first; the parser's where ours has no sender address (Outlook's "Am … schrieb …:" and the like). */
function readInline(text: string, mail: ParsedMail): Reading | null {
  const own = readOwn(text, mail.from);
  if (own?.from) return own;
  const library = readLibrary(text, mail.subject);
  if (library?.from) return library;
  return own ?? library;
}

/** The sender as printed, or, when only a name was printed, that person's address from the body. */
function senderOf(reading: Reading): MailboxRef | null {
  if (reading.from || !reading.fromName) return reading.from;
  const address = addressForName(reading.fromName, reading.body);
  return address ? { name: reading.fromName, address } : null;
}

function fromReading(mail: ParsedMail, reading: Reading): OriginalMessage {
  const date = parseForwardedDate(reading.dateLine, {
    fallbackOffsetMinutes: mail.dateOffsetMinutes,
    notAfter: mail.date,
  });
  return {
    via: 'inline',
    from: senderOf(reading),
    replyTo: reading.replyTo,
    subject: stripSubjectPrefixes(reading.subject || mail.subject),
    date: date?.iso ?? null,
    dateOffsetMinutes: date?.zoneStated ? date.offsetMinutes : mail.dateOffsetMinutes,
    messageId: null,
    references: [],
    body: reading.body,
    calendars: mail.calendars,
    note: reading.note,
  };
}

function fromInlineForward(mail: ParsedMail): OriginalMessage | null {
  const reading = readInline(prepare(mail.text), mail);
  if (reading?.from) return fromReading(mail, reading);
  // Some clients' plain part loses the header block that their HTML part still shows.
  // (HTML-only mail was already read from Bowout's own rendering of its HTML.)
  const html =
    mail.html && mail.contentType !== 'text/html' ? readInline(prepare(htmlToText(mail.html)), mail) : null;
  if (html?.from) return fromReading(mail, html);
  const found = reading ?? html;
  return found ? fromReading(mail, found) : null;
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
