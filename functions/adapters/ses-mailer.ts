import { randomUUID } from 'node:crypto';
import { type SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import MailComposer from 'nodemailer/lib/mail-composer';
import { LOOP_HEADER } from '../domain/conversation/mail-policy.js';
import { MailNotSentError } from '../domain/errors.js';
import type { Mailer, OutgoingMail } from '../domain/ports.js';

const THROTTLING = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'LimitExceededException',
  'Throttling',
]);

/** Mail on the wire ends lines with CRLF; the composer keeps a body's own line ends as they are. */
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

/**
 * Raw MIME for one message, with the loop header every Bowout mail carries, and Auto-Submitted on all
 * but a personal message the user asked Bowout to send in their name (a person's mail is not automatic).
 */
export async function composeMime(mail: OutgoingMail, loopToken: string): Promise<Uint8Array> {
  // The Message-ID and the root boundary from one UUID (drawn from a buffered pool): left to itself, the
  // composer draws fresh random bytes for each of them, a good share of its time for a short mail.
  const unique = randomUUID();
  // nodemailer's composer alone: building MIME needs none of its transports (a smaller bundle).
  const composed = new MailComposer({
    messageId: `<${unique}@${mail.from.address.split('@')[1] ?? 'bowout.invalid'}>`,
    baseBoundary: unique.replace(/-/g, ''),
    from: mail.from.name ? { name: mail.from.name, address: mail.from.address } : mail.from.address,
    to: mail.to,
    cc: mail.cc,
    replyTo: mail.replyTo,
    subject: mail.subject,
    text: crlf(mail.text),
    ...(mail.html ? { html: crlf(mail.html) } : {}),
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
  });
  return new Uint8Array(await composed.compile().build());
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
