import { describe, expect, it } from 'vitest';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { DAILY_LIMITS } from '../../functions/domain/conversation/quotas.js';
import { parseRemindTime } from '../../functions/domain/conversation/remind.js';
import { MailNotSentError } from '../../functions/domain/errors.js';
import { caseIdFor } from '../../functions/domain/ids.js';
import { fixture, received, replyMail } from '../support/mail.js';
import { memoryDeps } from '../support/memory-ports.js';

const USER = 'alex.rivera@gmail.com';
const EMPLOYER = 'priya.natarajan@northwind-analytics.com';
type World = ReturnType<typeof memoryDeps>;

async function forwardInvite(world: World, id = 'fwd') {
  world.rawMail.objects.set(id, fixture('invites/gmail-inline.eml'));
  await processInboundMail(received(id), world.deps);
  return { replyTo: world.mailer.sent.at(-1)?.replyTo[0] ?? '', caseId: caseIdFor(id) };
}

let counter = 0;
async function reply(world: World, to: string, body: string) {
  const id = `reply-${++counter}`;
  world.rawMail.objects.set(
    id,
    new TextEncoder().encode(replyMail({ from: `Alex Rivera <${USER}>`, to, body })),
  );
  return processInboundMail(received(id, { recipients: [to] }), world.deps);
}

const toEmployer = (world: World) => world.mailer.sent.filter((m) => m.to.includes(EMPLOYER));

describe('commands that change the draft', () => {
  it('EDIT makes the text the user wrote the cancellation, and answers with the new draft', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    expect(
      await reply(
        world,
        replyTo,
        'EDIT\nDear Priya,\n\nI have to withdraw. Thank you for your time.\n\nAlex',
      ),
    ).toBe('changed-edit');
    expect(world.cases.cases.get(caseId)?.draft.body).toBe(
      'Dear Priya,\n\nI have to withdraw. Thank you for your time.\n\nAlex',
    );
    expect(world.mailer.sent.at(-1)?.subject).toMatch(/^Your updated cancellation draft/);
    expect(world.mailer.sent.at(-1)?.text).toContain('I have to withdraw.');
    await reply(world, replyTo, 'SEND');
    expect(toEmployer(world)[0]?.text).toBe(
      'Dear Priya,\n\nI have to withdraw. Thank you for your time.\n\nAlex',
    );
  });

  it('REASON adds a brief reason and OFFER an alternative, each answered with the new draft', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    expect(await reply(world, replyTo, 'reason: I have accepted another offer')).toBe('changed-reason');
    expect(await reply(world, replyTo, 'OFFER a contract role later next year')).toBe('changed-offer');
    const body = world.cases.cases.get(caseId)?.draft.body ?? '';
    expect(body).toContain('I have accepted another offer.');
    expect(body).toContain('a contract role later next year.');
    expect(world.mailer.sent.at(-1)?.text).toContain('I have accepted another offer.');
  });

  it('keeps an edited text when a REASON comes afterwards, and says how to change it', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    await reply(world, replyTo, 'EDIT My own words.');
    expect(await reply(world, replyTo, 'REASON family reasons')).toBe('change-after-edit');
    expect(world.cases.cases.get(caseId)?.draft.body).toBe('My own words.');
  });

  it('TO corrects the contact, and SEND then goes to that address only', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    expect(await reply(world, replyTo, 'TO hannah.cole@northwind-analytics.com')).toBe('changed-to');
    await reply(world, replyTo, 'SEND');
    const sent = world.mailer.sent.at(-1);
    expect(sent?.to).toEqual(['hannah.cole@northwind-analytics.com']);
    expect(sent?.cc).toEqual([USER]);
  });

  it('refuses TO a no-reply address, the user or Bowout itself', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    expect(await reply(world, replyTo, 'TO no-reply@greenhouse.io')).toBe('to-rejected');
    expect(await reply(world, replyTo, `TO ${USER}`)).toBe('to-rejected');
    expect(await reply(world, replyTo, 'TO cancel@bowout.localhost')).toBe('to-rejected');
    expect(await reply(world, replyTo, 'TO not an address')).toBe('unclear-command');
  });

  it('changes nothing once the cancellation was sent', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    await reply(world, replyTo, 'SEND');
    expect(await reply(world, replyTo, 'EDIT too late')).toBe('change-too-late');
    expect(await reply(world, replyTo, 'CANCEL')).toBe('cancel-too-late');
    expect(world.cases.cases.get(caseId)?.state).toBe('SENT');
  });
});

describe('reminders and stopping them', () => {
  it('REMIND sets a reminder in the user zone and confirms it', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    expect(await reply(world, replyTo, 'REMIND tomorrow 9am')).toBe('remind-set');
    // The user writes from UTC-8; "now" is 2026-12-01T18:00Z (10:00 their time).
    expect(world.cases.cases.get(caseId)?.remindAt).toBe('2026-12-02T17:00:00.000Z');
    expect(world.mailer.sent.at(-1)?.text).toContain("I'll remind you on Wednesday 2 December at 09:00");
  });

  it.each([
    ['2 days', '2026-12-03T18:00:00.000Z'],
    ['in 3 hours', '2026-12-01T21:00:00.000Z'],
    ['Monday 9am', '2026-12-07T17:00:00.000Z'],
    ['Friday', '2026-12-04T17:00:00.000Z'],
  ])('reads REMIND %s', (when, expected) => {
    expect(
      parseRemindTime(when, { now: new Date('2026-12-01T18:00:00Z'), zone: 'UTC-8' })?.at.toISOString(),
    ).toBe(expected);
  });

  it('asks again when REMIND has no readable time', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    expect(await reply(world, replyTo, 'REMIND whenever')).toBe('remind-unclear');
  });

  it('STOP ends this case’s nudges and STOP ALL every case’s', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    expect(await reply(world, replyTo, 'stop')).toBe('stopped');
    expect(world.cases.cases.get(caseId)?.nudgesStopped).toBe(true);
    expect(await reply(world, replyTo, 'STOP ALL')).toBe('stopped-all');
    expect(await world.settings.nudgesStoppedForUser(USER)).toBe(true);
  });
});

describe('dispatch under faults', () => {
  it('asks the user instead of resending after an interrupted send, and SEND AGAIN sends once', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    world.mailer.failures.push(new Error('socket hang up'));
    await expect(reply(world, replyTo, 'SEND')).rejects.toThrow('socket hang up');
    expect(world.cases.cases.get(caseId)?.state).toBe('SENDING');
    world.clock.current = new Date(world.clock.current.getTime() + 10 * 60_000);
    expect(await reply(world, replyTo, 'SEND')).toBe('send-uncertain');
    expect(await reply(world, replyTo, 'SEND')).toBe('send-uncertain');
    expect(world.mailer.sent.filter((m) => m.subject === 'Did your cancellation go out?')).toHaveLength(1);
    expect(toEmployer(world)).toHaveLength(0);
    expect(await reply(world, replyTo, 'SEND AGAIN')).toBe('sent');
    expect(toEmployer(world)).toHaveLength(1);
    expect(await reply(world, replyTo, 'SEND AGAIN')).toBe('already-sent');
    expect(toEmployer(world)).toHaveLength(1);
  });

  it('tells the user once and does not loop when SES refuses the message itself', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    world.mailer.failures.push(new MailNotSentError('MessageRejected', { retryable: false }));
    expect(await reply(world, replyTo, 'SEND')).toBe('send-refused');
    expect(world.mailer.sent.at(-1)?.subject).toBe('Your cancellation could not be sent');
    expect(world.cases.cases.get(caseId)?.state).toBe('DRAFTED');
  });

  it('limits sends per user and day, with one notice', async () => {
    const world = memoryDeps();
    for (let i = 0; i < DAILY_LIMITS.send; i++)
      await world.quotas.consumeQuota({
        userEmail: USER,
        kind: 'send',
        limit: DAILY_LIMITS.send,
        now: world.clock.now(),
      });
    const { replyTo } = await forwardInvite(world);
    expect(await reply(world, replyTo, 'SEND')).toBe('send-rate-limited');
    expect(await reply(world, replyTo, 'SEND')).toBe('send-rate-limited');
    expect(world.mailer.sent.filter((m) => m.subject === 'Daily limit reached')).toHaveLength(1);
    expect(toEmployer(world)).toHaveLength(0);
  });

  it('limits drafts per user and day, with one notice', async () => {
    const world = memoryDeps();
    for (let i = 0; i < DAILY_LIMITS.draft; i++)
      await world.quotas.consumeQuota({
        userEmail: USER,
        kind: 'draft',
        limit: DAILY_LIMITS.draft,
        now: world.clock.now(),
      });
    world.rawMail.objects.set('a', fixture('invites/gmail-inline.eml'));
    world.rawMail.objects.set('b', fixture('invites/gmail-inline.eml'));
    expect(await processInboundMail(received('a'), world.deps)).toBe('draft-rate-limited');
    expect(await processInboundMail(received('b'), world.deps)).toBe('draft-rate-limited');
    expect(world.mailer.sent.map((m) => m.subject)).toEqual(['Daily limit reached']);
  });
});

describe('the reason in the note above the forward', () => {
  it('goes into the cancellation when it is a first-person reason, and instructions to Bowout do not', async () => {
    const { reasonFromNote } = await import('../../functions/domain/letters/cancellation.js');
    expect(reasonFromNote('I have accepted another offer. Please cancel this for me.')).toBe(
      'I have accepted another offer',
    );
    expect(reasonFromNote('Reason: relocating to Lisbon\nthanks!')).toBe('relocating to Lisbon');
    expect(reasonFromNote('please help me cancel this')).toBeNull();
    expect(reasonFromNote('fyi')).toBeNull();
  });
});
