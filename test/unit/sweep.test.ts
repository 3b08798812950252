import { describe, expect, it } from 'vitest';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { MailNotSentError } from '../../functions/domain/errors.js';
import { caseIdFor } from '../../functions/domain/ids.js';
import { sweepNudges } from '../../functions/domain/nudges/sweep.js';
import { fixture, received, replyMail } from '../support/mail.js';
import { memoryDeps } from '../support/memory-ports.js';

const USER = 'alex.rivera@gmail.com';
const DAY = 86_400_000;
type World = ReturnType<typeof memoryDeps>;

/** A world with one drafted case (interview 2026-12-08T22:00Z), drafted at 2026-12-01T18:00Z. */
async function drafted() {
  const world = memoryDeps();
  world.rawMail.objects.set('fwd', fixture('invites/gmail-inline.eml'));
  await processInboundMail(received('fwd'), world.deps);
  const replyTo = world.mailer.sent.at(-1)?.replyTo[0] ?? '';
  const sweep = (at: Date) => sweepNudges(at, { ...world.deps, checkpoint: world.checkpoint });
  return { world, replyTo, sweep, caseId: caseIdFor('fwd') };
}

let n = 0;
function reply(world: World, to: string, body: string) {
  const id = `r${++n}`;
  world.rawMail.objects.set(
    id,
    new TextEncoder().encode(replyMail({ from: `Alex Rivera <${USER}>`, to, body })),
  );
  return processInboundMail(received(id, { recipients: [to] }), world.deps);
}

const nudgesTo = (world: World) =>
  world.mailer.sent.filter(
    (m) => m.to.includes(USER) && /^(Reminder|Your interview is coming up)/.test(m.subject),
  );

describe('the sweep', () => {
  it('schedules two reminders for a fresh draft and sends each once, when due', async () => {
    const { world, sweep } = await drafted();
    expect([...world.nudges.items.values()].map((n) => n.kind)).toEqual(['not-sent', 'not-sent-urgent']);
    expect((await sweep(new Date('2026-12-02T17:59:00Z'))).sent).toBe(0);
    expect((await sweep(new Date('2026-12-02T18:00:00Z'))).sent).toBe(1);
    expect((await sweep(new Date('2026-12-02T18:05:00Z'))).sent).toBe(0);
    expect((await sweep(new Date('2026-12-07T22:00:00Z'))).sent).toBe(1);
    const sent = nudgesTo(world);
    expect(sent.map((m) => m.subject.split(':')[0])).toEqual(['Reminder', 'Your interview is coming up']);
    // Every nudge carries the draft again, SEND, and how to stop or move them.
    expect(sent[0]?.text).toContain('Reply SEND');
    expect(sent[0]?.text).toContain('Dear Priya,');
    expect(sent[0]?.text).toMatch(/STOP ALL/);
    expect(sent[0]?.replyTo[0]).toMatch(/^reply\+[a-z2-7]+@bowout\.localhost$/);
  });

  it('sends a nudge once when two sweeps run at the same time', async () => {
    const { world, sweep } = await drafted();
    const at = new Date('2026-12-02T18:00:00Z');
    const [a, b] = await Promise.all([sweep(at), sweep(at)]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(1);
    expect(nudgesTo(world)).toHaveLength(1);
  });

  it('sends nothing for a case that was sent or discarded after the index was read', async () => {
    const { world, replyTo, sweep } = await drafted();
    await reply(world, replyTo, 'SEND');
    const result = await sweep(new Date('2026-12-02T18:00:00Z'));
    expect(result).toMatchObject({ sent: 0, skipped: 1 });
    expect(nudgesTo(world)).toHaveLength(0);
  });

  it('sends nothing after the interview has passed', async () => {
    const { world, sweep } = await drafted();
    expect((await sweep(new Date('2026-12-09T00:00:00Z'))).sent).toBe(0);
    expect(nudgesTo(world)).toHaveLength(0);
  });

  it('respects STOP for the case and STOP ALL for the user', async () => {
    const first = await drafted();
    await reply(first.world, first.replyTo, 'STOP');
    expect((await first.sweep(new Date('2026-12-08T00:00:00Z'))).sent).toBe(0);
    const second = await drafted();
    await reply(second.world, second.replyTo, 'STOP ALL');
    expect((await second.sweep(new Date('2026-12-08T00:00:00Z'))).sent).toBe(0);
  });

  it('sends a REMIND reminder at the time asked, and a snooze brings the draft back', async () => {
    const { world, replyTo, sweep } = await drafted();
    expect(await reply(world, replyTo, 'REMIND in 3 hours')).toBe('remind-set');
    const result = await sweep(new Date('2026-12-01T21:00:00Z'));
    expect(result.sent).toBe(1);
    expect(world.mailer.sent.at(-1)?.text).toContain('Here is the reminder you asked for');
  });

  it('puts a nudge back when SES refused it, and sends it on the next sweep', async () => {
    const { world, sweep } = await drafted();
    world.mailer.failures.push(new MailNotSentError('throttled', { retryable: true }));
    const at = new Date('2026-12-02T18:00:00Z');
    expect((await sweep(at)).failed).toBe(1);
    expect((await sweep(at)).sent).toBe(1);
    expect(nudgesTo(world)).toHaveLength(1);
  });

  it('does not retry a nudge whose send failed in an unknown way: at most once', async () => {
    const { world, sweep } = await drafted();
    world.mailer.failures.push(new Error('socket hang up'));
    const at = new Date('2026-12-02T18:00:00Z');
    expect((await sweep(at)).failed).toBe(1);
    expect((await sweep(at)).sent).toBe(0);
  });

  it('asks for a reflection a week after sending, and offers a ready friendly note at three months that SEND delivers once', async () => {
    const { world, replyTo, sweep } = await drafted();
    await reply(world, replyTo, 'SEND');
    const sentAt = world.clock.now().getTime();
    expect((await sweep(new Date(sentAt + 8 * DAY))).sent).toBe(1);
    expect(world.mailer.sent.at(-1)?.subject).toMatch(/^A moment to reflect/);
    expect((await sweep(new Date(sentAt + 92 * DAY))).sent).toBe(1);
    const offer = world.mailer.sent.at(-1);
    expect(offer?.subject).toMatch(/^Stay in touch with Priya Natarajan/);
    expect(offer?.text).toContain('Subject: Keeping in touch');
    const toEmployer = () =>
      world.mailer.sent.filter((m) => m.to.includes('priya.natarajan@northwind-analytics.com'));
    expect(toEmployer()).toHaveLength(1);
    world.clock.current = new Date(sentAt + 92 * DAY);
    expect(await reply(world, offer?.replyTo[0] ?? '', 'SEND')).toBe('sent');
    expect(await reply(world, offer?.replyTo[0] ?? '', 'SEND')).toBe('already-sent');
    expect(toEmployer()).toHaveLength(2);
    expect(toEmployer()[1]?.subject).toBe('Keeping in touch');
    expect(toEmployer()[1]?.attachments).toEqual([]);
    // The friendly note schedules no reflection of its own.
    expect((await sweep(new Date(sentAt + 200 * DAY))).sent).toBe(0);
  });
});

describe('a sweep outage of any length', () => {
  const outcomes = (world: World) =>
    Object.fromEntries([...world.nudges.items.values()].map((n) => [n.kind, n.status]));

  it('loses no friendly note: four months without a sweep, then the reflection and the stay-in-touch note go out once each', async () => {
    const { world, replyTo, sweep } = await drafted();
    await reply(world, replyTo, 'SEND');
    const sentAt = world.clock.now().getTime();
    // The last sweep before the outage, right after the cancellation went out.
    expect(await sweep(new Date(sentAt + 60_000))).toMatchObject({ sent: 0, skipped: 0 });
    world.clock.current = new Date(sentAt + 120 * DAY);
    const before = world.mailer.sent.length;
    const result = await sweep(new Date(sentAt + 120 * DAY));
    expect(result).toMatchObject({ sent: 2, skipped: 2, failed: 0 });
    expect(world.mailer.sent.slice(before).map((m) => m.subject)).toEqual([
      'A moment to reflect: Northwind Analytics',
      'Stay in touch with Priya Natarajan?',
    ]);
    // Late, and saying so: the withdrawal was four months ago, not one week or three months.
    expect(world.mailer.sent.slice(before).map((m) => m.text.split(' you withdrew')[0])).toEqual([
      'Four months ago',
      'Four months ago',
    ]);
    // The reminders to send it are closed with their reason, not left pending.
    expect(outcomes(world)).toEqual({
      'not-sent': 'skipped-case-sent',
      'not-sent-urgent': 'skipped-case-sent',
      reflection: 'sent',
      'stay-in-touch': 'sent',
    });
    expect((await sweep(new Date(sentAt + 121 * DAY))).sent).toBe(0);
    expect(world.mailer.sent).toHaveLength(before + 2);
  });

  it('sends the urgent reminder late while the interview is still ahead, and closes the first one it supersedes', async () => {
    const { world, sweep } = await drafted();
    // No sweep from the draft until an hour after the urgent reminder fell due (2026-12-07T22:00Z).
    const result = await sweep(new Date('2026-12-07T23:00:00Z'));
    expect(result).toMatchObject({ sent: 1, skipped: 1 });
    expect(nudgesTo(world).map((m) => m.subject)).toEqual([
      'Your interview is coming up: Northwind Analytics',
    ]);
    expect(outcomes(world)).toEqual({ 'not-sent': 'skipped-superseded', 'not-sent-urgent': 'sent' });
  });

  it('closes every reminder to cancel once the interview has passed, with that reason, and mails nothing', async () => {
    const { world, replyTo, sweep } = await drafted();
    expect(await reply(world, replyTo, 'REMIND Monday 9am')).toBe('remind-set');
    const before = world.mailer.sent.length;
    const result = await sweep(new Date('2026-12-20T12:00:00Z'));
    expect(result).toMatchObject({ sent: 0, skipped: 3, failed: 0 });
    expect(world.mailer.sent).toHaveLength(before);
    expect(outcomes(world)).toEqual({
      'not-sent': 'skipped-interview-passed',
      'not-sent-urgent': 'skipped-interview-passed',
      custom: 'skipped-interview-passed',
    });
  });

  it('moves the checkpoint past swept days, so the next sweep reads only the days still open', async () => {
    const { world, sweep } = await drafted();
    world.clock.current = new Date('2026-12-03T12:00:00Z');
    const first = await sweep(new Date('2026-12-03T12:00:00Z'));
    expect(first.sent).toBe(1);
    // Every day before yesterday was swept and is closed; yesterday is closed too, an hour after midnight.
    expect(await world.checkpoint.read()).toBe('2026-12-03');
    const second = await sweep(new Date('2026-12-03T12:05:00Z'));
    expect(second).toMatchObject({ daysRead: 1, indexItems: 0, sent: 0 });
  });

  it('closes no day that handlers on the real clock may still file into, however far ahead the sweep runs', async () => {
    const { world, replyTo, sweep } = await drafted();
    // bowout remind --now far in the future, while the clock of every handler is still on 1 December.
    await sweep(new Date('2027-03-01T12:00:00Z'));
    expect(await world.checkpoint.read()).toBe('2026-12-01');
    // A reminder asked for afterwards, on the real clock, is still found and sent.
    expect(await reply(world, replyTo, 'REMIND in 3 hours')).toBe('remind-set');
    expect((await sweep(new Date('2026-12-01T21:00:00Z'))).sent).toBe(1);
    expect(world.mailer.sent.at(-1)?.text).toContain('Here is the reminder you asked for');
  });

  it('files a nudge again when the sweep failed before sending it, and sends it on the next sweep', async () => {
    const { world, sweep } = await drafted();
    const getCase = world.cases.getCase.bind(world.cases);
    world.cases.getCase = async () => {
      world.cases.getCase = getCase;
      throw new Error('the table is unavailable');
    };
    const at = new Date('2026-12-02T18:00:00Z');
    expect(await sweep(at)).toMatchObject({ sent: 0, failed: 1 });
    expect(await sweep(at)).toMatchObject({ sent: 1, failed: 0 });
    expect(nudgesTo(world).map((m) => m.subject)).toEqual(['Reminder: Northwind Analytics']);
  });
});
