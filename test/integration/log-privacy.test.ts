import PostalMime, { type Email } from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as remindCommand } from '../../local/cli/remind.js';
import { INBOUND_FUNCTION } from '../../local/inbound.js';
import { buildIngestEvent, ingestMail } from '../../local/ingest.js';
import { terminalLog } from '../../local/log.js';
import type { LocalStack } from '../../local/stack.js';
import { captureOutput } from '../support/capture-output.js';
import { fixture } from '../support/mail.js';
import { startTemporaryStack, type TemporaryStack } from '../support/temporary-stack.js';

/**
 * Privacy: "Logs carry ids and outcomes, never addresses, subjects or bodies" (DESIGN.md).
 * All output of this process is captured (stdout, stderr, console) while the local stack runs the real
 * handlers, with its terminal log and Powertools at DEBUG, through the whole loop: forward → draft →
 * SEND → dispatch → reminder sweeps, plus a mail that is not an invite, a command from a stranger and a
 * reply Bowout cannot read. Then every address, subject and a few distinctive body sentences of the
 * messages are looked for in it.
 */

const DAY = 86_400_000;
const USER = 'alex.rivera@gmail.com';
const EMPLOYER = 'priya.natarajan@northwind-analytics.com';
const STRANGER = 'mallory.stranger@evil.example';
const NEWSLETTER_SENDER = 'robin.park@gmail.com';
const UNKNOWN_TOKEN_ADDRESS = 'reply+aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bowout.localhost';

let temporary: TemporaryStack;
let stack: LocalStack;
let smtp: TemporaryStack['smtp'];
let capture: ReturnType<typeof captureOutput>;
const previousLevel = process.env.POWERTOOLS_LOG_LEVEL;

beforeAll(async () => {
  capture = captureOutput();
  // The most talkative setting, and the terminal log `npm start` prints, written to this process's
  // stdout: anything the handlers or the stack might log at all is in the capture.
  temporary = await startTemporaryStack({ name: 'privacy', log: terminalLog(), logLevel: 'DEBUG' });
  ({ stack, smtp } = temporary);
});

afterAll(async () => {
  await temporary?.stop();
  capture?.restore();
  process.env.POWERTOOLS_LOG_LEVEL = previousLevel;
});

const outbox = () => temporary.outbox();

/** The outbox, which must hold exactly `count` messages once the stack has drained its work. */
async function outboxOf(count: number) {
  const messages = await outbox();
  expect(messages).toHaveLength(count);
  return messages;
}

async function sweep(at: Date) {
  const env = {
    BOWOUT_DATA_DIR: stack.dataDir,
    BOWOUT_HOST: stack.settings.host,
    BOWOUT_LAMBDA_PORT: String(stack.ports.lambda),
  };
  const code = await remindCommand.run(['--now', at.toISOString()], {
    env,
    cwd: process.cwd(),
    out: (line) => capture.add(line),
    err: (line) => capture.add(line),
  });
  expect(code).toBe(0);
}

const to = (mail: Email) => (mail.to ?? []).map((a) => a.address);

describe('the log of a whole loop', () => {
  it('runs the loop: draft, SEND, one cancellation, nudges, and the odd messages', async () => {
    // Ten years ahead, so the interview is in the future whenever this runs (the stack has the real clock).
    const invite = fixture('invites/gmail-inline.eml').toString('utf8').replaceAll('2026', '2036');
    await smtp.sendMail({ envelope: { from: USER, to: [`cancel@${stack.settings.domain}`] }, raw: invite });
    const [draft] = await outboxOf(1);
    const token = draft?.mail.replyTo?.[0]?.address ?? '';
    expect(token).toMatch(/^reply\+/);

    // A stranger's SEND to the token (rejected), and a reply that is not MIME at all.
    const strangerSend = `From: Mallory <${STRANGER}>\r\nTo: ${token}\r\nSubject: Re: draft\r\nContent-Type: text/plain\r\n\r\nSEND\r\n`;
    expect(
      JSON.stringify(
        await ingestMail(stack.settings, Buffer.from(strangerSend), { from: STRANGER, to: [token] }),
      ),
    ).toContain('rejected-wrong-sender');
    await smtp.sendMail({
      envelope: { from: USER, to: [token] },
      from: `Alex Rivera <${USER}>`,
      to: token,
      subject: 'Re: Your cancellation draft',
      text: 'REASON I have accepted a position closer to my family in Lisbon\n\nOn Tue, Bowout wrote:\n> Reply SEND',
    });
    await outboxOf(2);
    await smtp.sendMail({
      envelope: { from: USER, to: [token] },
      from: `Alex Rivera <${USER}>`,
      to: token,
      subject: 'Re: Your cancellation draft',
      text: 'SEND\n\nOn Tue, Bowout wrote:\n> Reply SEND',
    });
    const messages = await outboxOf(3);
    expect(messages.filter((m) => to(m.mail).includes(EMPLOYER))).toHaveLength(1);

    // A command to a token that does not exist, and an SES event whose raw mail is not in the bucket.
    const guess = `From: Alex Rivera <${USER}>\r\nTo: ${UNKNOWN_TOKEN_ADDRESS}\r\nSubject: Re: guess\r\n\r\nSEND\r\n`;
    expect(
      JSON.stringify(
        await ingestMail(stack.settings, Buffer.from(guess), { from: USER, to: [UNKNOWN_TOKEN_ADDRESS] }),
      ),
    ).toContain('rejected-unknown-token');
    const missing = buildIngestEvent({
      messageId: 'privacy0missing0raw0mail0000000000000000',
      raw: Buffer.from(guess),
      domain: stack.settings.domain,
      from: USER,
      to: [`cancel@${stack.settings.domain}`],
      receivedAt: new Date(),
    });
    expect(JSON.stringify(await stack.lambda.invoke(INBOUND_FUNCTION, JSON.stringify(missing)))).toContain(
      'raw-mail-missing',
    );

    // Not an invite: a short note back.
    await smtp.sendMail({
      envelope: { from: NEWSLETTER_SENDER, to: [`cancel@${stack.settings.domain}`] },
      raw: fixture('invites/newsletter.eml'),
    });
    await outboxOf(4);

    // The reminder sweeps: the reflection a week after the cancellation, the stay-in-touch note later.
    await sweep(new Date(Date.now() + 9 * DAY));
    await sweep(new Date(Date.now() + 120 * DAY));
    // Exactly what the loop mails, the stay-in-touch note included though no sweep ran for months.
    const all = await outboxOf(6);
    expect(all.map((m) => m.mail.subject)).toEqual([
      'Your cancellation draft: Northwind Analytics',
      'Your updated cancellation draft: Northwind Analytics',
      'Re: Interview for Senior Data Engineer at Northwind Analytics',
      "I couldn't find an interview invite in this",
      'A moment to reflect: Northwind Analytics',
      'Stay in touch with Priya Natarajan?',
    ]);
    // The capture really holds the handlers' logs (Powertools JSON) and the stack's terminal lines.
    const log = capture.text();
    for (const line of [
      '"outcome":"drafted"',
      '"outcome":"sent"',
      '"message":"nudge sent"',
      '"outcome":"not-an-invite"',
      '"outcome":"rejected-wrong-sender"',
      '"outcome":"rejected-unknown-token"',
      '"message":"raw mail missing"',
      'inbound-mail  mail ',
      'smtp  received mail',
    ])
      expect(log).toContain(line);
  }, 60_000);

  it('holds no email address, subject or body text', async () => {
    // The last asynchronous invocations and their logs have finished.
    await temporary.idle();
    const log = capture.text();
    const messages = await outbox();
    const newsletter = await PostalMime.parse(fixture('invites/newsletter.eml'));

    const addresses = new Set<string>([USER, EMPLOYER, STRANGER, NEWSLETTER_SENDER, UNKNOWN_TOKEN_ADDRESS]);
    for (const { mail } of messages)
      for (const a of [...(mail.to ?? []), ...(mail.cc ?? []), ...(mail.replyTo ?? [])])
        if (a.address) addresses.add(a.address);
    for (const a of newsletter.from ? [newsletter.from] : []) if (a.address) addresses.add(a.address);
    // Every address of the loop, reply tokens included (a token in a log would let a reader act on a case).
    for (const address of addresses)
      expect(log.toLowerCase(), `address ${address} in the log`).not.toContain(address.toLowerCase());
    // And nothing else address-shaped, except Bowout's own service addresses.
    const shaped = log.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g) ?? [];
    expect(shaped.filter((a) => !/^(cancel|send)@bowout\.localhost$/i.test(a))).toEqual([]);

    const subjects = [
      'Interview for Senior Data Engineer at Northwind Analytics',
      'Your cancellation draft',
      newsletter.subject ?? '',
      ...messages.map((m) => m.mail.subject ?? ''),
    ].filter((s) => s.length > 8);
    for (const subject of subjects) expect(log, `subject "${subject}" in the log`).not.toContain(subject);

    const sentences = [
      'Thanks for applying to the Senior Data Engineer role',
      'call me on +1 (415) 555-0134',
      'accepted a position closer to my family in Lisbon',
      'Dear Priya',
      'Priya Natarajan',
      'Alex Rivera',
      'Northwind Analytics',
      'Mallory',
    ];
    for (const sentence of sentences) expect(log, `"${sentence}" in the log`).not.toContain(sentence);
  });
});
