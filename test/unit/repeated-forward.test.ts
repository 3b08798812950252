import { describe, expect, it } from 'vitest';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { DAILY_LIMITS } from '../../functions/domain/conversation/quotas.js';
import { MessageBusyError } from '../../functions/domain/errors.js';
import { caseIdFor } from '../../functions/domain/ids.js';
import { fixture, received, replyMail } from '../support/mail.js';
import { memoryDeps, useUpDailyLimit } from '../support/memory-ports.js';

const USER = 'alex.rivera@gmail.com';
const EMPLOYER = 'priya.natarajan@northwind-analytics.com';
type World = ReturnType<typeof memoryDeps>;

/**
 * The Gmail inline forward as the user's mail client writes it again: a Message-ID of its own, and
 * optionally a note above the forwarded part ("did you get this?").
 */
function forwardAgain(name: string, options: { messageId: string; note?: string; from?: string }): Buffer {
  let raw = fixture(name)
    .toString('utf8')
    .replace(/^Message-ID: <[^>]+>/im, `Message-ID: <${options.messageId}>`);
  if (options.note) raw = raw.replace('---------- Forwarded message', `${options.note}\r\n\r\n$&`);
  if (options.from)
    raw = raw
      .replace(/^From: .*$/m, `From: ${options.from}`)
      .replace(/^To: Alex Rivera <[^>]+>$/m, `To: ${options.from}`);
  return Buffer.from(raw, 'utf8');
}

/** The Gmail forward of the one invite again, under its own Message-ID `<id>@mail.gmail.com`. */
const gmailForward = (id: string) =>
  forwardAgain('invites/gmail-inline.eml', { messageId: `${id}@mail.gmail.com` });

/** The user's reply with a command to a case's private address. */
function command(world: World, reply: { id: string; to: string; body: string }) {
  world.rawMail.objects.set(reply.id, Buffer.from(replyMail({ from: USER, to: reply.to, body: reply.body })));
  return processInboundMail(received(reply.id, { recipients: [reply.to] }), world.deps);
}

async function deliver(world: World, id: string, raw: Buffer, envelopeFrom = USER) {
  world.rawMail.objects.set(id, raw);
  return processInboundMail(received(id, { envelopeFrom }), world.deps);
}

const draftsTo = (world: World, user = USER) =>
  world.mailer.sent.filter(
    (m) => m.to.includes(user) && m.text.includes('Here is what I understood from the invite'),
  );
const notesTo = (world: World) =>
  world.mailer.sent.filter((m) => m.subject === 'You forwarded this invite already');

describe('the same invite forwarded twice by the same user', () => {
  it('opens one case, and answers the second forward with one short note pointing at that case', async () => {
    const world = memoryDeps();
    const first = gmailForward('fwd-1');
    const second = forwardAgain('invites/gmail-inline.eml', {
      messageId: 'fwd-2@mail.gmail.com',
      note: 'Did you get this? Sending it again.',
    });
    expect(await deliver(world, 'ses-first', first)).toBe('drafted');
    expect(await deliver(world, 'ses-second', second)).toBe('repeated-forward');

    expect(world.cases.cases.size).toBe(1);
    expect(world.cases.cases.has(caseIdFor('ses-first'))).toBe(true);
    expect(draftsTo(world)).toHaveLength(1);
    const [note] = notesTo(world);
    expect(world.mailer.sent).toHaveLength(2);
    expect(note?.to).toEqual([USER]);
    expect(note?.text).toContain(
      'I already have this invite ("Interview for Senior Data Engineer at Northwind Analytics")',
    );
    expect(note?.text).toContain('The draft I mailed you on Tuesday 1 December is still the one to use');
    // The reminders of the one case only: nothing was scheduled for the second forward.
    expect(world.nudges.items.size).toBeGreaterThan(0);
    expect([...world.nudges.items.values()].every((n) => n.caseId === caseIdFor('ses-first'))).toBe(true);

    // The note's Reply-To is a private address of the earlier case: SEND to it sends that cancellation once.
    const replyTo = note?.replyTo[0] ?? '';
    expect(replyTo).toMatch(/^reply\+[a-z2-7]+@bowout\.localhost$/);
    expect(await command(world, { id: 'ses-send', to: replyTo, body: 'SEND' })).toBe('sent');
    expect(world.mailer.sent.filter((m) => m.to.includes(EMPLOYER))).toHaveLength(1);
  });

  it('recognises an original forwarded as an attachment by its Message-ID, whatever the forward around it says', async () => {
    const world = memoryDeps();
    const raw = (outer: string, note: string) =>
      Buffer.from(
        fixture('invites/attached-rfc822.eml')
          .toString('utf8')
          .replace('<outer003@fastmail.com>', `<${outer}>`)
          .replace('See attached.', note),
      );
    expect(
      await deliver(world, 'ses-a', raw('outer-a@fastmail.com', 'See attached.'), 'jordan.lee@fastmail.com'),
    ).toBe('drafted');
    expect(
      await deliver(
        world,
        'ses-b',
        raw('outer-b@fastmail.com', 'Resending, not sure it went through'),
        'jordan.lee@fastmail.com',
      ),
    ).toBe('repeated-forward');
    expect(world.cases.cases.size).toBe(1);
  });

  it('opens one case when the very same mail arrives under two SES message ids', async () => {
    const world = memoryDeps();
    const raw = fixture('invites/gmail-inline.eml');
    expect(await deliver(world, 'ses-one', raw)).toBe('drafted');
    expect(await deliver(world, 'ses-two', raw)).toBe('repeated-forward');
    expect(world.cases.cases.size).toBe(1);
    expect(draftsTo(world)).toHaveLength(1);
  });

  it('gives a duplicate SES delivery of the repeated forward nothing at all, not even a second note', async () => {
    const world = memoryDeps();
    await deliver(world, 'ses-first', gmailForward('f1'));
    const second = gmailForward('f2');
    expect(await deliver(world, 'ses-second', second)).toBe('repeated-forward');
    const sent = world.mailer.sent.length;
    expect(await deliver(world, 'ses-second', second)).toBe('duplicate');
    expect(world.mailer.sent).toHaveLength(sent);
  });

  it('answers at most three repeats a day, then stays silent, and never opens a case for them', async () => {
    const world = memoryDeps();
    await deliver(world, 'ses-0', gmailForward('f0'));
    const outcomes: string[] = [];
    for (let i = 1; i <= 6; i++) outcomes.push(await deliver(world, `ses-${i}`, gmailForward(`f${i}`)));
    expect(DAILY_LIMITS['repeat-note']).toBe(3);
    expect(outcomes).toEqual([
      'repeated-forward',
      'repeated-forward',
      'repeated-forward',
      'repeated-forward-quiet',
      'repeated-forward-quiet',
      'repeated-forward-quiet',
    ]);
    expect(notesTo(world)).toHaveLength(3);
    expect(world.cases.cases.size).toBe(1);
  });

  it('says the cancellation went out already when the earlier case was sent', async () => {
    const world = memoryDeps();
    await deliver(world, 'ses-first', gmailForward('f1'));
    const replyTo = world.mailer.sent[0]?.replyTo[0] ?? '';
    expect(await command(world, { id: 'ses-send', to: replyTo, body: 'SEND' })).toBe('sent');
    expect(await deliver(world, 'ses-again', gmailForward('f2'))).toBe('repeated-forward');
    expect(notesTo(world)[0]?.text).toContain('Its cancellation was already sent on Tuesday 1 December');
    expect(world.mailer.sent.filter((m) => m.to.includes(EMPLOYER))).toHaveLength(1);
  });

  it('opens a new case when the earlier draft was discarded: CANCEL, then forwarding again, asks for a new draft', async () => {
    const world = memoryDeps();
    await deliver(world, 'ses-first', gmailForward('f1'));
    const replyTo = world.mailer.sent[0]?.replyTo[0] ?? '';
    expect(await command(world, { id: 'ses-cancel', to: replyTo, body: 'CANCEL' })).toBe('discarded');
    expect(await deliver(world, 'ses-again', gmailForward('f2'))).toBe('drafted');
    expect(world.cases.cases.get(caseIdFor('ses-again'))?.state).toBe('DRAFTED');
  });

  it('lets exactly one of two forwards processed at the same moment open the case; the other is retried and gets the note', async () => {
    const world = memoryDeps();
    world.rawMail.objects.set('ses-a', gmailForward('fa'));
    world.rawMail.objects.set('ses-b', gmailForward('fb'));
    const results = await Promise.allSettled([
      processInboundMail(received('ses-a'), world.deps),
      processInboundMail(received('ses-b'), world.deps),
    ]);
    const drafted = results.filter((r) => r.status === 'fulfilled' && r.value === 'drafted');
    const busy = results.filter((r) => r.status === 'rejected');
    expect(drafted).toHaveLength(1);
    expect(busy).toHaveLength(1);
    expect((busy[0] as PromiseRejectedResult).reason).toBeInstanceOf(MessageBusyError);
    expect(world.cases.cases.size).toBe(1);
    // The platform retries the one sent back: by then the first case is mailed.
    const retried = results[0]?.status === 'rejected' ? 'ses-a' : 'ses-b';
    expect(await processInboundMail(received(retried), world.deps)).toBe('repeated-forward');
    expect(draftsTo(world)).toHaveLength(1);
    expect(notesTo(world)).toHaveLength(1);
  });

  it('carries on the case of an earlier forward that stopped before mailing its draft, instead of opening another', async () => {
    const world = memoryDeps();
    world.rawMail.objects.set('ses-first', gmailForward('f1'));
    world.mailer.failures.push(new Error('network timeout'));
    await expect(processInboundMail(received('ses-first'), world.deps)).rejects.toThrow('network timeout');
    expect(world.cases.cases.size).toBe(1);

    const second = gmailForward('f2');
    // Right after, the first forward may still be retried: the second one waits for the platform's retry.
    await expect(deliver(world, 'ses-second', second)).rejects.toBeInstanceOf(MessageBusyError);
    world.clock.current = new Date(world.clock.now().getTime() + 10 * 60_000);
    expect(await processInboundMail(received('ses-second'), world.deps)).toBe('drafted');
    expect(world.cases.cases.size).toBe(1);
    expect(draftsTo(world)).toHaveLength(1);
    expect(draftsTo(world)[0]?.replyTo[0]).toBeDefined();
    // The first forward's own retry, later still, finds its case mailed: no second draft.
    expect(await processInboundMail(received('ses-first'), world.deps)).toBe('duplicate-draft');
    expect(draftsTo(world)).toHaveLength(1);
  });
});

describe('forwards that are not repeats', () => {
  it('opens a case for each of two different invites from the same user', async () => {
    const world = memoryDeps();
    expect(await deliver(world, 'ses-1', fixture('invites/gmail-inline.eml'))).toBe('drafted');
    expect(await deliver(world, 'ses-2', fixture('invites/gmail-next-tuesday-et.eml'))).toBe('drafted');
    expect(world.cases.cases.size).toBe(2);
  });

  it('opens a case for each user who forwards the same invite', async () => {
    const world = memoryDeps();
    const other = 'sam.okafor@gmail.com';
    expect(await deliver(world, 'ses-1', fixture('invites/gmail-inline.eml'))).toBe('drafted');
    expect(
      await deliver(
        world,
        'ses-2',
        forwardAgain('invites/gmail-inline.eml', {
          messageId: 'sam@mail.gmail.com',
          from: `Sam Okafor <${other}>`,
        }),
        other,
      ),
    ).toBe('drafted');
    expect(world.cases.cases.size).toBe(2);
    expect(draftsTo(world, other)).toHaveLength(1);
  });

  it('leaves nothing filed for a forward the daily limit refused: the same invite tomorrow is drafted', async () => {
    const world = memoryDeps();
    await useUpDailyLimit(world, { userEmail: USER, kind: 'draft', limit: DAILY_LIMITS.draft });
    expect(await deliver(world, 'ses-today', fixture('invites/gmail-inline.eml'))).toBe('draft-rate-limited');
    world.clock.current = new Date(world.clock.now().getTime() + 86_400_000);
    expect(await deliver(world, 'ses-tomorrow', gmailForward('f9'))).toBe('drafted');
  });
});
