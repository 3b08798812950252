import { randomUUID } from 'node:crypto';
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer, { type MailComposerOptions } from 'nodemailer/lib/mail-composer';
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

/**
 * What nodemailer's composer is given for one message: the loop header every Bowout mail carries, and
 * Auto-Submitted on all but a personal message the user asked Bowout to send in their name (a person's mail
 * is not automatic).
 */
export function composerOptions(mail: OutgoingMail, loopToken: string): MailComposerOptions {
  // The Message-ID and the root boundary from one UUID (drawn from a buffered pool): left to itself, the
  // composer draws fresh random bytes for each of them, a good share of its time for a short mail.
  const unique = randomUUID();
  return {
    messageId: `<${unique}@${mail.from.address.split('@')[1] ?? 'bowout.invalid'}>`,
    baseBoundary: unique.replace(/-/g, ''),
    from: mail.from.name
      ? { name: mail.from.name, address: mail.from.address }
      : parsedAddress(mail.from.address),
    to: mail.to.map(parsedAddress),
    cc: mail.cc.map(parsedAddress),
    replyTo: mail.replyTo.map(parsedAddress),
    subject: mail.subject,
    text: crlf(mail.text),
    // The HTML part as base64, which Node encodes natively: quoted-printable, encoded in JavaScript, was the
    // larger part of composing a draft, and an HTML reader makes nothing of line ends. The text part stays
    // quoted-printable, so that it reads back with its own line ends.
    ...(mail.html ? { html: { content: crlf(mail.html), contentTransferEncoding: 'base64' } } : {}),
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references.length ? { references: mail.references } : {}),
    // A calendar reply travels as an alternative body part, which is how calendar clients look for it.
    ...(mail.attachments.some((a) => a.inline)
      ? { icalEvent: { method: 'REPLY', content: mail.attachments.find((a) => a.inline)?.content ?? '' } }
      : {}),
    attachments: mail.attachments
      .filter((a) => !a.inline)
      .map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
    headers: {
      ...mail.headers,
      ...(mail.personal ? {} : { 'Auto-Submitted': 'auto-replied' }),
      [LOOP_HEADER]: loopToken,
    },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/**
 * Raw MIME for one message. nodemailer's composer alone builds it (building MIME needs none of its
 * transports: a smaller bundle); messageBytes writes it out at once rather than part by part through streams.
 */
export async function composeMime(mail: OutgoingMail, loopToken: string): Promise<Uint8Array> {
  return new Uint8Array(await messageBytes(new MailComposer(composerOptions(mail, loopToken)).compile()));
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
