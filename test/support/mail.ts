import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReceivedMail, Verdicts } from '../../functions/domain/model.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function fixture(name: string): Buffer {
  return readFileSync(`${FIXTURES}${name}`);
}

export const PASSING: Verdicts = { spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', spam: 'PASS', virus: 'PASS' };

export function received(
  sesMessageId: string,
  options: Partial<Omit<ReceivedMail, 'verdicts'>> & { verdicts?: Partial<Verdicts> } = {},
): ReceivedMail {
  return {
    sesMessageId,
    envelopeFrom: options.envelopeFrom ?? 'alex.rivera@gmail.com',
    recipients: options.recipients ?? ['cancel@bowout.localhost'],
    verdicts: { ...PASSING, ...options.verdicts },
  };
}

/** A reply as a mail client would write it: the command above the quoted draft. */
export function replyMail(options: {
  from: string;
  to: string;
  body: string;
  headers?: Record<string, string>;
}): string {
  const extra = Object.entries(options.headers ?? {})
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return (
    `From: ${options.from}\r\nTo: ${options.to}\r\nSubject: Re: Your cancellation draft\r\n` +
    `Date: Wed, 2 Dec 2026 10:00:00 -0800\r\nMessage-ID: <reply-${Math.random().toString(36).slice(2)}@gmail.com>\r\n${extra}` +
    `MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${options.body}\r\n\r\n` +
    'On Tue, Dec 1, 2026 at 10:00 AM Bowout <send@bowout.localhost> wrote:\r\n> Reply SEND to send it.\r\n'
  );
}

/**
 * A forward with the original attached as message/rfc822 (as "forward as attachment" writes it), from
 * `user` to cancel@: the original's From, extra headers, subject, content type and body as given.
 */
export function forwardAsAttachment(options: {
  user: string;
  from: string;
  headers?: string[];
  subject?: string;
  contentType?: string;
  body?: string;
}): string {
  return [
    `From: ${options.user}`,
    'To: cancel@bowout.localhost',
    'Subject: Fwd: interview',
    'Date: Wed, 2 Dec 2026 09:00:00 +0000',
    'Message-ID: <outer@forwarded.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="outer"',
    '',
    '--outer',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'fyi',
    '--outer',
    'Content-Type: message/rfc822',
    '',
    `From: ${options.from}`,
    ...(options.headers ?? []),
    `Subject: ${options.subject ?? 'Interview for Engineer at Contoso'}`,
    'Date: Tue, 1 Dec 2026 09:00:00 +0000',
    'Message-ID: <inner@contoso.example>',
    'MIME-Version: 1.0',
    `Content-Type: ${options.contentType ?? 'text/plain; charset=utf-8'}`,
    '',
    options.body ?? 'Your interview is on 10 December 2026 at 10:00 GMT.',
    '--outer--',
    '',
  ].join('\r\n');
}
