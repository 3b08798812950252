import EmailForwardParser from 'email-forward-parser';
import { htmlToText } from '../mail/html-to-text.js';
import { headerValue, type MailboxRef, type ParsedMail } from '../mail/parse-mail.js';
import { parseForwardedDate } from './forward-date.js';
import { readSeparator } from './forward-headers.js';
import {
  addressForName,
  cleanDisplayName,
  firstAddress,
  type LooseMailbox,
  readMailbox,
  toMailboxRef,
} from './forward-mailbox.js';
import { bodyFrom, ownText, readThread, type TextMessage } from './read-thread.js';

/** One message of the thread a forward or reply holds. */
export interface ThreadEntry {
  from: MailboxRef | null;
  /** The author's name as printed, also when no address was. */
  name: string | null;
  /** ISO instant it was sent, when its date line could be read. */
  date: string | null;
  /** The offset its date line stated, when it stated one. */
  dateOffsetMinutes: number | null;
  subject: string | null;
  /** Its own words, without quote marks and without the older messages it quotes. */
  text: string;
  /** Written by the user (or sent by Bowout): never the employer's. */
  byUser: boolean;
  /** The message read as the original invite. */
  original: boolean;
}

/** The invite as it was before the user forwarded it, however it was forwarded. */
export interface OriginalMessage {
  /** Attached, forwarded inline, quoted under the user's reply, or not found ('none'). */
  via: 'attachment' | 'inline' | 'reply' | 'none';
  from: MailboxRef | null;
  /**
   * The original's author as printed, also when no address was ("Am … schrieb Ulrike Brandl:"): a reply
   * line that names its writer shows the invite as surely as an address does.
   */
  fromName?: string | null;
  replyTo: MailboxRef[];
  /** Whom the original was written to (the user, usually): never the employer's contact. */
  to?: MailboxRef[];
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
  /**
   * Every message of the conversation the forward or reply holds, newest first, the original among
   * them; for an attached original, that message first and the ones it quotes after it.
   */
  thread?: ThreadEntry[];
}

const forwardParser = new EmailForwardParser();
const FORWARD_PREFIX =
  /^\s*((fwd?|fw|tr|wg|rv|enc|i|vs|doorst|pd|vl|rif|redir\.?|vb|videresend|ilt|İlt|转发|轉寄|轉發|전달)\s*[:：]\s*|\[fwd?:?\s*)+/i;

// Bounds for hostile input. The forward parser's regular expressions backtrack badly on long lines
// (a 20 KB line took 27 s), so it only ever sees a window of short lines.
const MAX_TEXT = 200_000;
const LIBRARY_WINDOW = 16_000;
const LIBRARY_LINE = 200;

export function stripSubjectPrefixes(subject: string): string {
  let current = subject.trim();
  for (let i = 0; i < 5; i++) {
    const next = current
      .replace(FORWARD_PREFIX, '')
      .replace(/^\s*(re|aw|sv|antw|r|odp|ynt|res|回复|回覆|答复|返信|회신|답장)\s*[:：]\s*/i, '')
      .replace(/\]$/, '')
      .trim();
    if (next === current) break;
    current = next;
  }
  return current;
}

function fromInnerMail(outer: ParsedMail, inner: ParsedMail, forwarder: Forwarder): OriginalMessage {
  // Nested forwards: the deepest attached message is the original invite.
  const deepest = inner.attached[0] ? fromInnerMail(inner, inner.attached[0], forwarder) : null;
  if (deepest) return { ...deepest, note: outer.text.trim() };
  const text = prepare(inner.text);
  const quoted = readThread(text);
  const reading: Reading = {
    kind: 'forward',
    from: inner.from,
    fromName: inner.from?.name ?? null,
    replyTo: inner.replyTo,
    to: inner.to,
    subject: inner.subject,
    dateLine: null,
    body: inner.text,
    note: '',
    messages: quoted,
    chosen: -1,
  };
  const own: ThreadEntry = {
    from: inner.from,
    name: inner.from?.name ?? null,
    date: inner.date,
    dateOffsetMinutes: inner.dateOffsetMinutes,
    subject: inner.subject,
    text: text.slice(0, quoted[0]?.start ?? text.length).trim(),
    byUser: isTheUser(inner.from, forwarder),
    original: true,
  };
  return {
    via: 'attachment',
    from: inner.from,
    fromName: inner.from?.name ?? null,
    replyTo: inner.replyTo,
    to: inner.to,
    subject: stripSubjectPrefixes(inner.subject),
    date: inner.date,
    dateOffsetMinutes: inner.dateOffsetMinutes,
    messageId: inner.messageId,
    references: inner.references,
    body: inner.text,
    calendars: [...inner.calendars, ...outer.calendars],
    note: outer.text.trim(),
    thread: [own, ...threadOf(text, reading, outer, forwarder)],
  };
}

// Any character `prepare` replaces: most texts have none, and are only bounded.
const TO_PREPARE = /[\r\ufeff\u200b-\u200d\u2060\u00a0\u202f]/;

/** One text to read: Unix line ends, no byte-order marks or zero-width characters, plain spaces, bounded. */
function prepare(text: string): string {
  const bounded = text.slice(0, MAX_TEXT);
  if (!TO_PREPARE.test(bounded)) return bounded;
  return bounded
    .replace(/\r\n?/g, '\n')
    .replace(/[\ufeff\u200b-\u200d\u2060]/g, '')
    .replace(/[\u00a0\u202f]/g, ' ');
}

/** The user's note, without the client's separator lines ("-----Original Message-----", "Begin forwarded message:"). */
function withoutSeparators(note: string): string {
  // No words at all (a forward with no note): nothing of it is kept.
  if (note.trim() === '') return '';
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

interface Reading {
  kind: 'forward' | 'reply';
  from: MailboxRef | null;
  fromName: string | null;
  replyTo: MailboxRef[];
  to: MailboxRef[];
  subject: string | null;
  dateLine: string | null;
  body: string;
  note: string;
  /** The messages the text holds (our own reading only), and which of them is the original. */
  messages: TextMessage[];
  chosen: number;
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

/** Who the forward comes from: the user, and Bowout's own domain (its draft coming back). */
interface Forwarder {
  user: MailboxRef | null;
  /** The user's full name as `fullName` reads it, read once per mail. */
  userFullName: string | null;
  /** Each name of this mail's messages as `fullName` reads it, read once per mail (an author is asked about more than once). */
  fullNames: Map<string, string | null>;
  ownDomain: string | null;
}

/**
 * A message the user wrote (the same address, or the same full name at another address: their work
 * account), or one Bowout sent: never the employer's.
 */
function isTheUser(sender: LooseMailbox | null, forwarder: Forwarder): boolean {
  if (!sender) return false;
  const { user, userFullName, ownDomain } = forwarder;
  const address = sender.address;
  if (address && ownDomain && (address.endsWith(`@${ownDomain}`) || address.endsWith(`.${ownDomain}`)))
    return true;
  if (!user) return false;
  if (address && address === user.address) return true;
  if (userFullName === null || !sender.name) return false;
  let full = forwarder.fullNames.get(sender.name);
  if (full === undefined) {
    full = fullName(sender.name);
    forwarder.fullNames.set(sender.name, full);
  }
  return full === userFullName;
}

/**
 * Our own reading: the messages the text holds (forwarded header blocks and reply attributions), and
 * among them the newest one the user did not write: the employer's latest message. A forward of the
 * user's own mail (work account to private account, then to Bowout), or of a thread the user answered
 * last, is read through to the employer's message beneath.
 */
function readOwn(text: string, forwarder: Forwarder): Reading | null {
  const messages = readThread(text);
  const first = messages[0];
  if (!first) return null;
  const chosen = Math.max(
    0,
    messages.findIndex((message) => !isTheUser(message.author, forwarder)),
  );
  const message = messages[chosen] ?? first;
  const replyTo = toMailboxRef(message.replyTo);
  return {
    kind: message.kind,
    from: toMailboxRef(message.author),
    fromName: message.author?.name ?? null,
    replyTo: replyTo ? [replyTo] : [],
    to: mailboxesIn(message.fields.to ?? ''),
    // A reply attribution names no subject: the nearest forwarded block above it does.
    subject:
      message.subject ??
      messages
        .slice(0, chosen)
        .reverse()
        .find((m) => m.subject)?.subject ??
      null,
    dateLine: message.dateLine,
    body: bodyFrom(text, message),
    note: withoutSeparators(text.slice(0, first.start)),
    messages,
    chosen,
  };
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
    kind: 'forward',
    from: mailbox?.address ? { name, address: mailbox.address } : null,
    fromName: name,
    replyTo: [],
    to: [result.email.to ?? []]
      .flat()
      .map((m) => toMailboxRef(readMailbox(`<${m.address ?? ''}>`)))
      .filter((m): m is MailboxRef => m !== null),
    subject: result.email.subject ?? null,
    dateLine: result.email.date ?? null,
    body: fullBody(text, result.email.body ?? ''),
    note: withoutSeparators(result.message ?? ''),
    messages: [],
    chosen: 0,
  };
}

/** Our reading first; the parser's where ours has no sender address (Outlook's "Am … schrieb …:" and the like). */
function readInline(text: string, mail: ParsedMail, forwarder: Forwarder): Reading | null {
  const own = readOwn(text, forwarder);
  if (own?.from) return own;
  const library = readLibrary(text, mail.subject);
  if (library?.from) return library;
  return own ?? library;
}

/** Every address a header value lists ("A <a@x>; b@y, C <c@z>"), at most ten. */
function mailboxesIn(value: string): MailboxRef[] {
  const found: MailboxRef[] = [];
  let rest = value.slice(0, 2_000);
  while (found.length < 10) {
    const hit = firstAddress(rest);
    if (!hit) break;
    found.push({ name: null, address: hit.address });
    rest = rest.slice(hit.end);
  }
  return found;
}

/** The sender as printed, or, when only a name was printed, that person's address from the text. */
function withAddress(author: LooseMailbox | null, text: string): MailboxRef | null {
  const printed = toMailboxRef(author);
  if (printed || !author?.name) return printed;
  const address = addressForName(author.name, text);
  return address ? { name: author.name, address } : null;
}

function dateOf(line: string | null, mail: ParsedMail) {
  return parseForwardedDate(line, { fallbackOffsetMinutes: mail.dateOffsetMinutes, notAfter: mail.date });
}

/**
 * The messages our reading found, as thread entries (newest first). `read` is a date line already read
 * (the original's, which is also its entry's): it is not read twice.
 */
function threadOf(
  text: string,
  reading: Reading,
  mail: ParsedMail,
  forwarder: Forwarder,
  read: { line: string | null; date: ReturnType<typeof dateOf> } | null = null,
): ThreadEntry[] {
  return reading.messages.map((message, index) => {
    const words = ownText(text, message);
    const date = read && message.dateLine === read.line ? read.date : dateOf(message.dateLine, mail);
    return {
      from: withAddress(message.author, words),
      name: message.author?.name ?? null,
      date: date?.iso ?? null,
      dateOffsetMinutes: date?.zoneStated ? date.offsetMinutes : null,
      subject: message.subject,
      text: words,
      byUser: isTheUser(message.author, forwarder),
      original: index === reading.chosen,
    };
  });
}

function messageIds(value: string | null): string[] {
  return value?.match(/<[^<>\s]{1,250}>/g)?.slice(-100) ?? [];
}

function fromReading(
  mail: ParsedMail,
  text: string,
  reading: Reading,
  forwarder: Forwarder,
): OriginalMessage {
  const date = dateOf(reading.dateLine, mail);
  // A reply to the employer's message itself threads to it: its Message-ID is the reply's In-Reply-To.
  const repliedTo =
    reading.kind === 'reply' && reading.chosen === 0
      ? (messageIds(headerValue(mail, 'in-reply-to'))[0] ?? null)
      : null;
  return {
    // Quoted under an attribution in a mail that is no forward ("Re: …"): the user replied to the invite.
    via: reading.kind === 'reply' && !FORWARD_PREFIX.test(mail.subject) ? 'reply' : 'inline',
    from: withAddress(
      reading.from ?? (reading.fromName ? { name: reading.fromName, address: null } : null),
      reading.body,
    ),
    // The user's own name is never the original's author (a reply to their own message).
    fromName: isTheUser({ name: reading.fromName, address: null }, forwarder)
      ? null
      : (reading.from?.name ?? reading.fromName),
    replyTo: reading.replyTo,
    to: reading.to,
    subject: stripSubjectPrefixes(reading.subject || mail.subject),
    date: date?.iso ?? null,
    dateOffsetMinutes: date?.zoneStated ? date.offsetMinutes : mail.dateOffsetMinutes,
    messageId: repliedTo,
    references: repliedTo ? mail.references : [],
    body: reading.body,
    calendars: mail.calendars,
    note: reading.note,
    thread: threadOf(text, reading, mail, forwarder, { line: reading.dateLine, date }),
  };
}

function fromInlineForward(mail: ParsedMail, forwarder: Forwarder): OriginalMessage | null {
  const text = prepare(mail.text);
  const reading = readInline(text, mail, forwarder);
  if (reading?.from) return fromReading(mail, text, reading, forwarder);
  // Some clients' plain part loses the header block that their HTML part still shows.
  // (HTML-only mail was already read from Bowout's own rendering of its HTML.)
  const htmlText = mail.html && mail.contentType !== 'text/html' ? prepare(htmlToText(mail.html)) : null;
  const html = htmlText !== null ? readInline(htmlText, mail, forwarder) : null;
  if (html?.from && htmlText !== null) return fromReading(mail, htmlText, html, forwarder);
  if (reading) return fromReading(mail, text, reading, forwarder);
  return html && htmlText !== null ? fromReading(mail, htmlText, html, forwarder) : null;
}

/**
 * Step 1: find the original invite inside the forward: an attached message first, then an inline block
 * or a quoted reply. `ownDomain` is Bowout's: a message from it is never the employer's.
 */
export function findOriginal(mail: ParsedMail, options: { ownDomain?: string } = {}): OriginalMessage {
  const forwarder: Forwarder = {
    user: mail.from,
    userFullName: mail.from ? fullName(mail.from.name) : null,
    fullNames: new Map(),
    ownDomain: options.ownDomain?.toLowerCase() ?? null,
  };
  const attached = mail.attached[0];
  if (attached) return fromInnerMail(mail, attached, forwarder);
  const inline = fromInlineForward(mail, forwarder);
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
    thread: [],
  };
}
