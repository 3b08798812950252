import { describe, expect, it } from 'vitest';
import { MailNotSentError } from '../../functions/domain/errors.js';
import { ANSWERS, type Answer, type NoticeName } from '../../functions/domain/letters/answers.js';
import {
  DRAFT_HEADINGS,
  guardNotices,
  type Notice,
  notices,
  settingsNotices,
} from '../../functions/domain/letters/notices.js';
import type { InboundOutcome } from '../../functions/domain/outcomes.js';
import type { OutgoingMail } from '../../functions/domain/ports.js';
import { conversation, USER, type World } from '../support/conversation.js';
import { fixture } from '../support/mail.js';

/**
 * Every sentence users get is in letters/notices.ts, and letters/answers.ts says which notice answers
 * which outcome. This test holds the two to what actually goes out: a scripted conversation drives the
 * outcomes, and every mail each step sends the user must be one the catalog lists for that outcome.
 */

/** Each notice with sample arguments, in every form its subject takes. */
const SAMPLES: Record<NoticeName, () => Notice[]> = {
  unreadable: () => [notices.unreadable()],
  notAnInvite: () => [notices.notAnInvite()],
  dailyLimit: () => [notices.dailyLimit('draft', 20), notices.dailyLimit('send', 10)],
  help: () => [notices.help(null)],
  stopped: () => [notices.stopped()],
  stoppedAll: () => [notices.stoppedAll()],
  discarded: () => [notices.discarded()],
  tooLateToDiscard: () => [notices.tooLateToDiscard({ state: 'SENT' } as never)],
  tooLateToChange: () => [notices.tooLateToChange({ state: 'SENT' } as never)],
  addressRefused: () => [notices.addressRefused('a@b.example')],
  editedByUser: () => [notices.editedByUser()],
  remindUnclear: () => [notices.remindUnclear()],
  nothingToRemind: () => [notices.nothingToRemind({ state: 'SENT' } as never)],
  reminderSet: () => [notices.reminderSet('Monday', { replacesAutomatic: true, interview: null })],
  noRecipient: () => [notices.noRecipient()],
  alreadySent: () => [notices.alreadySent()],
  alreadyHaveIt: () => [
    notices.alreadyHaveIt({
      caseRecord: { state: 'DRAFTED', facts: { originalSubject: 'Interview' } } as never,
      draftedOn: 'Tuesday 1 December',
      sentOn: null,
    }),
  ],
  sendAfterDiscard: () => [notices.sendAfterDiscard()],
  uncertainSend: () => [notices.uncertainSend()],
  interviewPassed: () => [notices.interviewPassed()],
  sendRefused: () => [notices.sendRefused()],
  answerBudgetSpent: () => [guardNotices.answerBudgetSpent(5)],
  ownMailForwarded: () => [guardNotices.ownMailForwarded()],
  linkRefused: () => [
    guardNotices.linkRefused('EDIT', 'x', 'link'),
    guardNotices.linkRefused('EDIT', 'x', 'address'),
  ],
  toNeedsConfirmation: () => [guardNotices.toNeedsConfirmation('a@b.example')],
  nothingToConfirm: () => [guardNotices.nothingToConfirm()],
  firstDayLimit: () => [guardNotices.firstDayLimit(3, 10)],
  zoneSet: () => [settingsNotices.zoneSet('UTC', 'Monday 10:00', 0)],
  zoneUnclear: () => [settingsNotices.zoneUnclear('x')],
  nameSet: () => [settingsNotices.nameSet('x', 0)],
  nameRefused: () => [settingsNotices.nameRefused('link')],
  languageSet: () => [settingsNotices.languageSet('German', 'de')],
  status: () => [settingsNotices.status([], 0), settingsNotices.status([{} as never], 0)],
  forgotten: () => [
    settingsNotices.forgotten({
      cases: 0,
      replyAddresses: 0,
      reminders: 0,
      settings: 0,
      counters: 0,
      messages: 0,
    }),
  ],
  whenUnclear: () => [settingsNotices.whenUnclear()],
  whenPassed: () => [settingsNotices.whenPassed()],
  whenClosed: () => [settingsNotices.whenClosed('SENT')],
  needsCase: () => [settingsNotices.needsCase('SEND')],
};

function allowed(answer: Answer, subject: string): boolean {
  if (answer === 'draft') return subject.startsWith(`${DRAFT_HEADINGS.first}:`);
  if (answer === 'updated-draft') return subject.startsWith(`${DRAFT_HEADINGS.updated}:`);
  return SAMPLES[answer]().some((notice) => notice.subject === subject);
}

const seen = new Set<InboundOutcome>();

/** Checks one step: the mails it sent the user are what the catalog lists for its outcome. */
function check(outcome: InboundOutcome, sent: OutgoingMail[]) {
  seen.add(outcome);
  for (const mail of sent.filter((m) => m.to.includes(USER))) {
    const answers = ANSWERS[outcome];
    expect(
      answers.some((answer) => allowed(answer, mail.subject)),
      `"${mail.subject}" for ${outcome}, which lists ${answers.join(', ') || 'no answer'}`,
    ).toBe(true);
  }
}

async function step(world: World, raw: string | Uint8Array, options?: Parameters<World['deliver']>[1]) {
  const { outcome, sent } = await world.deliver(raw, options);
  check(outcome, sent);
  return { outcome, sent };
}

const replyRaw = (to: string, body: string) =>
  `From: Alex Rivera <${USER}>\r\nTo: ${to}\r\nSubject: Re: draft ${Math.random()}\r\nContent-Type: text/plain\r\n\r\n${body}\r\n`;

async function replies(world: World, to: string, bodies: string[]) {
  for (const body of bodies) await step(world, replyRaw(to, body), { recipients: [to] });
}

const note = (subject: string) =>
  `From: Alex Rivera <${USER}>\r\nTo: cancel@bowout.localhost\r\nSubject: ${subject}\r\nContent-Type: text/plain\r\n\r\nHello\r\n`;

describe('the catalog of answers', () => {
  it('lists, for every outcome, the mail that actually answers it', async () => {
    const world = conversation();
    // Each forward a different invite: the same invite forwarded again by one user opens no second case.
    let made = 0;
    const anInvite = () =>
      Buffer.from(
        fixture('invites/gmail-inline.eml')
          .toString('utf8')
          .replace('Best,', `(reference ${++made})\n\nBest,`),
      );
    const firstInvite = anInvite();
    const first = await step(world, firstInvite);
    // The same invite forwarded again: a note pointing at the case it opened.
    await step(world, firstInvite);
    const replyTo = first.sent.at(-1)?.replyTo[0] ?? '';
    await replies(world, replyTo, [
      'HELP',
      'what is this?',
      'TO not an address',
      'TO no-reply@example.com',
      'TO priya.natarajan@northwind-analytics.com',
      'TO someone.new@elsewhere.example',
      'CONFIRM',
      'CONFIRM',
      'EDIT see www.evil.example',
      'REASON I took another offer',
      'OFFER a contract role',
      'LANG fr',
      'EDIT My own words.',
      'REASON too late now',
      'REMIND 2 days',
      'REMIND 30 days',
      'REMIND whenever',
      'WHEN Thursday 10 December 2026 3pm',
      'WHEN 1 January 2020 10:00',
      'WHEN sometime',
      'ZONE Berlin',
      'ZONE Atlantis',
      'NAME Alex R.',
      'NAME see www.evil.example',
      'LANG de',
      'LANG klingon',
      'STATUS',
      'STOP',
      'STOP ALL',
      'SEND',
      'SEND',
      'LANG es',
      'EDIT after sending',
      'CANCEL',
      'REMIND tomorrow',
    ]);
    // A discarded draft, then SEND; a second and third reminder case.
    const discardedTo = (await step(world, anInvite())).sent.at(-1)?.replyTo[0] ?? '';
    await replies(world, discardedTo, ['CANCEL', 'SEND', 'WHEN Thursday 3pm', 'REMIND tomorrow']);
    // No employer address.
    const noAddress = await step(
      world,
      fixture('invites/workable-no-person-address.eml')
        .toString('utf8')
        .replaceAll('rosa.delgado.tx@gmail.com', USER),
    );
    await replies(world, noAddress.sent.at(-1)?.replyTo[0] ?? '', ['SEND']);
    // An interview that has passed, a refused send, an interrupted one.
    const lateTo = (await step(world, anInvite())).sent.at(-1)?.replyTo[0] ?? '';
    world.mailer.failures.push(new MailNotSentError('MessageRejected', { retryable: false }));
    await replies(world, lateTo, ['SEND']);
    world.mailer.failures.push(new Error('socket hang up'));
    await expect(step(world, replyRaw(lateTo, 'SEND'), { recipients: [lateTo] })).rejects.toThrow();
    // Sends beyond a new user's first day.
    for (let i = 0; i < 3; i++) {
      const to = (await step(world, anInvite())).sent.at(-1)?.replyTo[0] ?? '';
      await replies(world, to, ['SEND']);
    }
    // A letter that says "tomorrow", sent the next day: written again and shown first.
    world.clock.current = new Date('2026-12-07T18:00:00Z');
    const tomorrowTo = (await step(world, anInvite())).sent.at(-1)?.replyTo[0] ?? '';
    world.clock.current = new Date('2026-12-08T17:00:00Z');
    await replies(world, tomorrowTo, ['SEND']);
    world.clock.current = new Date('2026-12-09T00:00:00Z');
    await replies(world, lateTo, ['SEND']);
    const passedTo = (await step(world, anInvite())).sent.at(-1)?.replyTo[0] ?? '';
    await replies(world, passedTo, ['SEND']);
    // Not an invite, Bowout's own mail, the budget; unreadable bytes; the user's own address; FORGET.
    await step(world, fixture('invites/not-mime.eml'), { envelopeFrom: USER });
    const notInvite = await step(world, note('Hello'));
    const own = notInvite.sent[0]?.replyTo[0] ?? '';
    await step(world, note('Fwd: thread'), {});
    await step(world, `${note('Fwd: ours').replace('Hello', `From: Bowout <send@bowout.localhost>`)}`);
    for (const subject of ['a one', 'b two', 'c three', 'd four', 'e five']) await step(world, note(subject));
    await replies(world, own, ['SEND', 'STOP']);
    await replies(world, own, ['FORGET']);
    // Drafts beyond the day's limit.
    for (let i = 0; i < 22; i++) await step(world, anInvite());

    const reached = new Set(seen);
    const unreached = (Object.keys(ANSWERS) as InboundOutcome[]).filter(
      (outcome) => ANSWERS[outcome].length > 0 && !reached.has(outcome),
    );
    expect(unreached).toEqual([]);
  });
});
