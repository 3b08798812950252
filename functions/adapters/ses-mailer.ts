import { randomUUID } from 'node:crypto';
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer, { type MailComposerOptions } from 'nodemailer/lib/mail-composer';
import MimeNode from 'nodemailer/lib/mime-node';
import { LOOP_HEADER } from '../domain/conversation/mail-policy.js';
import { MailNotSentError } from '../domain/errors.js';
import type { Mailer, OutgoingMail } from '../domain/ports.js';
import { messageBytes } from './mime-bytes.js';

const THROTTLING = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'LimitExceededException',
  'Throttling',
]);

/**
 * Mail on the wire ends lines with CRLF; the composer keeps a body's own line ends as they are. Bowout's
 * letters end lines with LF alone, which a plain replacement turns into CRLF faster than a pattern does.
 */
const crlf = (text: string) =>
  text.includes('\r') ? text.replace(/\r?\n/g, '\r\n') : text.replaceAll('\n', '\r\n');

/** An address with nothing to parse in it (no name, quotes, brackets or commas), written as it is. */
const BARE_ADDRESS = /^[^\s"(),:;<>@[\\\]]+@[^\s"(),:;<>@[\\\]]+$/;

/**
 * A bare address as the composer's parser would read it, so that the composer does not parse it again;
 * anything else is left to the parser.
 */
const parsedAddress = (address: string) => (BARE_ADDRESS.test(address) ? { name: '', address } : address);

/** The headers Bowout adds to every message: Auto-Submitted unless it is personal, and the loop header. */
function extraHeaders(mail: OutgoingMail, loopToken: string): Record<string, string> {
  return {
    ...mail.headers,
    ...(mail.personal ? {} : { 'Auto-Submitted': 'auto-replied' }),
    [LOOP_HEADER]: loopToken,
  };
}

/** The sender as the composer is given it: with the name as it is, or a bare address already parsed. */
const sender = (mail: OutgoingMail) =>
  mail.from.name ? { name: mail.from.name, address: mail.from.address } : parsedAddress(mail.from.address);

/** A field of the message that the composer takes as an option and writes as a header. */
interface MessageField {
  option: 'to' | 'cc' | 'replyTo' | 'inReplyTo' | 'references' | 'subject';
  header: string;
  value: string | string[] | ReturnType<typeof parsedAddress>[];
}

/**
 * The message's recipients, threading and subject, each under its composer option and its header name, in
 * the order the composer sets them: the one mapping both composerOptions and messageTree use. A field
 * that is empty is left out, as the composer leaves it out of the message.
 */
function messageFields(mail: OutgoingMail): MessageField[] {
  const fields: MessageField[] = [];
  if (mail.to.length) fields.push({ option: 'to', header: 'to', value: mail.to.map(parsedAddress) });
  if (mail.cc.length) fields.push({ option: 'cc', header: 'cc', value: mail.cc.map(parsedAddress) });
  if (mail.replyTo.length)
    fields.push({ option: 'replyTo', header: 'reply-to', value: mail.replyTo.map(parsedAddress) });
  if (mail.inReplyTo) fields.push({ option: 'inReplyTo', header: 'in-reply-to', value: mail.inReplyTo });
  if (mail.references.length)
    fields.push({ option: 'references', header: 'references', value: mail.references });
  if (mail.subject) fields.push({ option: 'subject', header: 'subject', value: mail.subject });
  return fields;
}

/** The Message-ID at the sender's domain, from the message's one UUID. */
const messageIdOf = (mail: OutgoingMail, unique: string) =>
  `<${unique}@${mail.from.address.split('@')[1] ?? 'bowout.invalid'}>`;

/**
 * What nodemailer's composer is given for one message: the loop header every Bowout mail carries, and
 * Auto-Submitted on all but a personal message the user asked Bowout to send in their name (a person's mail
 * is not automatic). `unique` (a UUID, drawn from a buffered pool) makes both the Message-ID and the root
 * boundary: left to itself, the composer draws fresh random bytes for each of them.
 */
export function composerOptions(
  mail: OutgoingMail,
  loopToken: string,
  unique: string = randomUUID(),
): MailComposerOptions {
  return {
    messageId: messageIdOf(mail, unique),
    baseBoundary: unique.replaceAll('-', ''),
    from: sender(mail),
    ...Object.fromEntries(messageFields(mail).map((field) => [field.option, field.value])),
    text: crlf(mail.text),
    // The HTML part as base64, which Node encodes natively: quoted-printable, encoded in JavaScript, was the
    // larger part of composing a draft, and an HTML reader makes nothing of line ends. The text part stays
    // quoted-printable, so that it reads back with its own line ends.
    ...(mail.html ? { html: { content: crlf(mail.html), contentTransferEncoding: 'base64' } } : {}),
    // A calendar reply travels as an alternative body part, which is how calendar clients look for it.
    ...(mail.attachments.some((a) => a.inline)
      ? { icalEvent: { method: 'REPLY', content: mail.attachments.find((a) => a.inline)?.content ?? '' } }
      : {}),
    attachments: mail.attachments
      .filter((a) => !a.inline)
      .map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    headers: extraHeaders(mail, loopToken),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** A control character that nodemailer counts against quoted-printable (tab and line ends are not). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these control characters are what is looked for.
const COUNTED_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;

/**
 * Whether nodemailer, left to choose between quoted-printable and base64 for a text part that is not
 * 7bit, would choose quoted-printable: it does when the text has fewer characters outside ASCII (and
 * controls) than Latin letters, which it counts over the whole text, character by character. A text with
 * no such control is proven to qualify here as soon as it has more Latin letters than its UTF-8 has bytes
 * beyond one a character, since a character outside ASCII takes at least one more: for a letter in a Latin
 * script, after its first lines. Anything else is left to nodemailer's count.
 */
export function surelyQuotedPrintable(text: string): boolean {
  if (COUNTED_CONTROL.test(text)) return false;
  let lettersNeeded = Buffer.byteLength(text) - text.length + 1;
  for (let i = 0; i < text.length && lettersNeeded > 0; i++) {
    const lower = text.charCodeAt(i) | 0x20;
    if (lower >= 0x61 && lower <= 0x7a) lettersNeeded--;
  }
  return lettersNeeded <= 0;
}

type KeyNormaliser = (this: MimeNode, key: string) => string;
type ValueWriter = (this: MimeNode, value: string) => string;

/** MimeNode's private methods that BowoutNode gives a shortcut (absent, nodemailer's own run alone). */
const nodePrototype = MimeNode.prototype as unknown as {
  _normalizeHeaderKey?: KeyNormaliser;
  _normalizeAddress?: ValueWriter;
  _encodeHeaderText?: ValueWriter;
};
/** nodemailer's own normalisation of a header name. */
const normaliseKey = nodePrototype._normalizeHeaderKey;
/** nodemailer's own normalisation of an address, run twice for every address of every message. */
const normaliseAddress = nodePrototype._normalizeAddress;
/** nodemailer's own encoding of an unstructured header value (the subject, Bowout's own headers). */
const encodeHeaderText = nodePrototype._encodeHeaderText;

/** Every header name a Bowout message passes to, or reads from, its nodes, as the composer spells them. */
const HEADER_NAMES = [
  ...['from', 'to', 'cc', 'reply-to', 'in-reply-to', 'references', 'subject', 'message-id', 'date'],
  ...['From', 'To', 'Cc', 'Reply-To', 'In-Reply-To', 'References', 'Subject', 'Message-ID', 'Date'],
  ...['Content-Type', 'Content-Transfer-Encoding', 'Content-Disposition', 'MIME-Version', 'Bcc'],
  ...['Auto-Submitted', LOOP_HEADER],
];

/**
 * MimeNode normalises a header name with three regular expressions each time it sets, reads or encodes a
 * header: dozens of times for one message. The names Bowout uses are normalised once here, by nodemailer's
 * own function, and looked up; any other name still goes through that function. The output cannot differ.
 */
const NORMALISED_KEYS = new Map(
  normaliseKey ? HEADER_NAMES.map((name) => [name, normaliseKey.call(MimeNode.prototype, name)]) : [],
);

/**
 * An address that nodemailer's normalisation gives back as it is: a dot-atom local part of ASCII (its
 * atext), one "@", and a lower-case domain of letters, digits and inner single hyphens (no A-label, which
 * the URL parser would check) whose last label is letters (no number, which it would read as an IPv4
 * address). Such a domain is its own ASCII form, and the local part needs no quotes.
 */
const WRITTEN_AS_IT_IS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9]+(?:-[a-z0-9]+)*\.)*[a-z]+$/;

/**
 * An unstructured header value that nodemailer writes as it is: printable ASCII or tabs, without a quote
 * (which it would encode) or "=?" (which reads as the start of an encoded word).
 */
const PLAIN_HEADER_TEXT = /^[\t\x20\x21\x23-\x7e]*$/;

/**
 * A MimeNode that looks the names Bowout uses up in NORMALISED_KEYS, and passes an address or a header
 * value that nodemailer would write as it is straight through, rather than through nodemailer's scans and
 * the URL parser (twice an address). Anything else still goes through nodemailer's own functions, so the
 * output cannot differ: test/unit/mime-bytes.test.ts holds both to the same answers.
 */
const BowoutNode: typeof MimeNode =
  normaliseKey && normaliseAddress && encodeHeaderText
    ? class extends MimeNode {
        _normalizeHeaderKey(key: string): string {
          return NORMALISED_KEYS.get(key) ?? (normaliseKey as KeyNormaliser).call(this, key);
        }
        _normalizeAddress(address: string): string {
          return typeof address === 'string' && WRITTEN_AS_IT_IS.test(address)
            ? address
            : (normaliseAddress as ValueWriter).call(this, address);
        }
        _encodeHeaderText(value: string): string {
          return PLAIN_HEADER_TEXT.test(value) && !value.includes('=?')
            ? value
            : (encodeHeaderText as ValueWriter).call(this, value);
        }
      }
    : MimeNode;

/**
 * The MIME tree of one message, as nodemailer's MailComposer compiles it from composerOptions (the same
 * nodes, headers in the same order, the same content): a text part, with an HTML alternative if there is
 * one, is built here directly from nodemailer's MimeNode, which spares the composer's generic handling of
 * options and its random bytes for each child's boundary (the children take the root's). A message with
 * attachments (a calendar decline) or without text is left to MailComposer. Every header value and
 * encoding is still nodemailer's, worked out when the headers are built.
 */
export function messageTree(mail: OutgoingMail, loopToken: string, unique: string = randomUUID()): MimeNode {
  if (mail.attachments.length > 0 || !mail.text) {
    return new MailComposer(composerOptions(mail, loopToken, unique)).compile();
  }
  const options = {
    baseBoundary: unique.replaceAll('-', ''),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  let root: MimeNode;
  if (mail.html) {
    root = new BowoutNode('multipart/alternative', options);
    const childOptions = { ...options, rootNode: root, parentNode: root };
    const text = crlf(mail.text);
    root
      .appendChild(
        new BowoutNode('text/plain; charset=utf-8', {
          ...childOptions,
          // The choice nodemailer would make, told so that it does not count the letters of the text again.
          ...(surelyQuotedPrintable(text) ? { textEncoding: 'Q' } : {}),
        }),
      )
      .setContent(text);
    const html = root
      .appendChild(new BowoutNode('text/html; charset=utf-8', childOptions))
      .setHeader('Content-Transfer-Encoding', 'base64');
    // What setContent would add, whether the text is plain and its lines short, only helps choose a transfer
    // encoding, and this part has its own: the content is set without looking it over.
    html.content = crlf(mail.html);
  } else {
    root = new BowoutNode('text/plain; charset=utf-8', options).setContent(crlf(mail.text));
  }
  // In the composer's order: its custom headers, then the message's own fields.
  root.addHeader(extraHeaders(mail, loopToken));
  root.setHeader('from', sender(mail));
  for (const field of messageFields(mail)) root.setHeader(field.header, field.value);
  root.setHeader('message-id', messageIdOf(mail, unique));
  return root;
}

/**
 * Raw MIME for one message. nodemailer builds it (building MIME needs none of its transports: a smaller
 * bundle); messageBytes writes it out at once rather than part by part through streams.
 */
export async function composeMime(mail: OutgoingMail, loopToken: string): Promise<Uint8Array> {
  return messageBytes(messageTree(mail, loopToken));
}

/** Sends raw MIME through SES v2, so every header (threading, loop, calendar) is exactly ours. */
export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESv2Client,
    private readonly options: { loopToken: string; configurationSetName?: string },
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const data = await composeMime(mail, this.options.loopToken);
    try {
      const result = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: mail.from.address,
          Destination: { ToAddresses: mail.to, CcAddresses: mail.cc },
          Content: { Raw: { Data: data } },
          ...(this.options.configurationSetName
            ? { ConfigurationSetName: this.options.configurationSetName }
            : {}),
        }),
      );
      return { messageId: result.MessageId ?? '' };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      // A 4xx answer is SES refusing the request, and SES does not send what it refused (MessageRejected,
      // throttling, a paused account...). A 5xx is a fault on SES's side that proves nothing, like a
      // timeout: the message may have gone out, so it is reported as unknown, never as refused.
      if (status !== undefined && status >= 400 && status < 500) {
        throw new MailNotSentError(`SES refused the message (${(error as Error).name})`, {
          cause: error,
          retryable: THROTTLING.has((error as Error).name),
        });
      }
      throw error;
    }
  }
}
