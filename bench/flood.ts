/**
 * A flood from one user: what the answer budget and the loop guard let through. Runs the real inbound
 * path (processInboundMail) with the in-memory ports, on one clock, and counts the mails Bowout sends:
 *   - 1 000 automatic replies (out-of-office subjects in thirteen languages, RFC 3834 and de facto
 *     headers, Precedence, list headers), half to cancel@ and half to a draft's reply address;
 *   - 200 forwards that are not invites, each with a new subject, and 200 with the same subject;
 *   - a responder with no header and no telling subject, answering every Bowout mail for 100 rounds,
 *     once with a plain text and once with a text that reads as a command ("Remind me: …").
 */
import { processInboundMail } from '../functions/domain/conversation/inbound.js';
import { DISTINCT_WORDS, OUT_OF_OFFICE_PREFIXES } from '../test/support/conversation.js';
import { fixture, received, replyMail } from '../test/support/mail.js';
import { memoryDeps } from '../test/support/memory-ports.js';
import { note, type Print } from './support.js';

const USER = 'alex.rivera@gmail.com';
const CANCEL = 'cancel@bowout.localhost';

const AUTOMATIC_HEADERS: Record<string, string>[] = [
  { 'Auto-Submitted': 'auto-replied' },
  { 'X-Autoreply': 'yes' },
  { 'X-Autorespond': 'yes' },
  { Precedence: 'auto_reply' },
  { Precedence: 'bulk' },
  { 'List-Id': '<list.example.com>' },
];

function mail(to: string, subject: string, body: string, headers: Record<string, string> = {}): string {
  return replyMail({ from: `Alex Rivera <${USER}>`, to, body, headers }).replace(
    'Subject: Re: Your cancellation draft',
    `Subject: ${subject}`,
  );
}

/** A user with a draft, and a responder answering each Bowout mail with `text`: how many answers it gets. */
async function loopingResponder(text: string): Promise<number> {
  const world = memoryDeps();
  world.rawMail.objects.set('invite', fixture('invites/gmail-inline.eml'));
  await processInboundMail(received('invite'), world.deps);
  let address = world.mailer.sent.at(-1)?.replyTo[0] ?? '';
  let subject = 'Re: Your cancellation draft: Northwind Analytics';
  let answers = 0;
  for (let round = 0; round < 100; round++) {
    const sesMessageId = `loop-${round}`;
    world.rawMail.objects.set(sesMessageId, new TextEncoder().encode(mail(address, subject, text)));
    const before = world.mailer.sent.length;
    await processInboundMail(received(sesMessageId, { recipients: [address] }), world.deps);
    const answer = world.mailer.sent.slice(before).at(-1);
    if (!answer) continue;
    answers += 1;
    address = answer.replyTo[0] ?? address;
    subject = `Re: ${answer.subject}`;
  }
  return answers;
}

export async function benchFlood(print: Print): Promise<void> {
  const world = memoryDeps();
  let id = 0;
  const deliver = async (raw: string, to: string) => {
    const sesMessageId = `flood-${++id}`;
    world.rawMail.objects.set(sesMessageId, new TextEncoder().encode(raw));
    const before = world.mailer.sent.length;
    await processInboundMail(received(sesMessageId, { recipients: [to] }), world.deps);
    return world.mailer.sent.slice(before);
  };

  world.rawMail.objects.set('invite', fixture('invites/gmail-inline.eml'));
  await processInboundMail(received('invite'), world.deps);
  const replyTo = world.mailer.sent.at(-1)?.replyTo[0] ?? '';
  const started = performance.now();

  let automatic = 0;
  for (let i = 0; i < 1_000; i++) {
    const to = i % 2 === 0 ? CANCEL : replyTo;
    const bySubject = i % 3 !== 0;
    const raw = bySubject
      ? mail(
          to,
          `${OUT_OF_OFFICE_PREFIXES[i % OUT_OF_OFFICE_PREFIXES.length]} Your cancellation draft ${i}`,
          'I am away.',
        )
      : mail(
          to,
          `Thanks for your message ${i}`,
          'I am away.',
          AUTOMATIC_HEADERS[i % AUTOMATIC_HEADERS.length],
        );
    automatic += (await deliver(raw, to)).length;
  }

  const distinct = { answers: 0, notices: 0 };
  for (let i = 0; i < 200; i++) {
    const word = `${DISTINCT_WORDS[i % DISTINCT_WORDS.length]} ${DISTINCT_WORDS[Math.floor(i / DISTINCT_WORDS.length)]}`;
    for (const sent of await deliver(mail(CANCEL, `Fwd: ${word}`, 'Nothing to see here.'), CANCEL)) {
      if (sent.subject === "I'll stop answering for today") distinct.notices += 1;
      else distinct.answers += 1;
    }
  }

  // A second user, so the first one's spent budget does not hide the subject guard.
  const other = memoryDeps();
  for (let i = 0; i < 200; i++) {
    const sesMessageId = `same-${i}`;
    other.rawMail.objects.set(
      sesMessageId,
      new TextEncoder().encode(mail(CANCEL, `Fwd: Weekly digest ${i}`, 'Digest.')),
    );
    await processInboundMail(received(sesMessageId), other.deps);
  }
  const sameSubject = other.mailer.sent.length;

  // A draft, and a responder that answers whatever reaches the user; one text is read as a REMIND.
  const thanks = await loopingResponder('Thank you for your email, I will get back to you soon.');
  const remindMe = await loopingResponder('Remind me: I am out until Monday.');
  const elapsed = performance.now() - started;

  note('one user, in-memory ports, one clock (one day); the real inbound path');
  print('flood automatic replies answered', automatic, 'of 1000', 0);
  print('flood non-invites with new subjects answered', distinct.answers, 'of 200', 0);
  print('flood non-invites: "I will stop answering" notices', distinct.notices, '', 0);
  print('flood non-invites with the same subject answered', sameSubject, 'of 200', 0);
  print('flood looping responder ("Thank you…") answered', thanks, 'of 100 rounds', 0);
  print('flood looping responder ("Remind me: …") answered', remindMe, 'of 100 rounds', 0);
  print('flood messages processed per second', ((1_000 + 400 + 200) / elapsed) * 1000, 'messages/s', 0);
}
