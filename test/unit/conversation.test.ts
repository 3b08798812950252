import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { DAILY_LIMITS } from '../../functions/domain/conversation/quotas.js';
import { parseRemindTime } from '../../functions/domain/conversation/remind.js';
import { MailNotSentError } from '../../functions/domain/errors.js';
import { caseIdFor } from '../../functions/domain/ids.js';
import { TERSE_INVITE } from '../support/conversation.js';
import { fixture, received, replyMail } from '../support/mail.js';
import { memoryDeps, useUpDailyLimit } from '../support/memory-ports.js';

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
    expect(body).toContain('talk about a contract role later next year');
    expect(world.mailer.sent.at(-1)?.text).toContain('I have accepted another offer.');
  });

  it('keeps an edited text when a REASON comes afterwards, and says how to change it', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    await reply(world, replyTo, 'EDIT My own words.');
    expect(await reply(world, replyTo, 'REASON family reasons')).toBe('change-after-edit');
    expect(world.cases.cases.get(caseId)?.draft.body).toBe('My own words.');
  });

  it('TO an address that was not in the forward waits for CONFIRM, and SEND then goes to that address only', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    expect(await reply(world, replyTo, 'TO hannah.cole@northwind-analytics.com')).toBe(
      'to-needs-confirmation',
    );
    expect(world.mailer.sent.at(-1)?.subject).toBe('Please confirm the new contact');
    expect(world.cases.cases.get(caseId)?.facts.employer.email).toBe(EMPLOYER);
    expect(await reply(world, replyTo, 'CONFIRM')).toBe('to-confirmed');
    expect(world.mailer.sent.at(-1)?.subject).toMatch(/^Your updated cancellation draft/);
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
    await useUpDailyLimit(world, { userEmail: USER, kind: 'send', limit: DAILY_LIMITS.send });
    const { replyTo } = await forwardInvite(world);
    expect(await reply(world, replyTo, 'SEND')).toBe('send-rate-limited');
    expect(await reply(world, replyTo, 'SEND')).toBe('send-rate-limited');
    expect(world.mailer.sent.filter((m) => m.subject === 'Daily limit reached')).toHaveLength(1);
    expect(toEmployer(world)).toHaveLength(0);
  });

  it('limits drafts per user and day, with one notice', async () => {
    const world = memoryDeps();
    await useUpDailyLimit(world, { userEmail: USER, kind: 'draft', limit: DAILY_LIMITS.draft });
    world.rawMail.objects.set('a', fixture('invites/gmail-inline.eml'));
    world.rawMail.objects.set('b', fixture('invites/gmail-inline.eml'));
    expect(await processInboundMail(received('a'), world.deps)).toBe('draft-rate-limited');
    expect(await processInboundMail(received('b'), world.deps)).toBe('draft-rate-limited');
    expect(world.mailer.sent.map((m) => m.subject)).toEqual(['Daily limit reached']);
  });
});

describe('the reason in the note above the forward', () => {
  it('is only a line the user marked as a reason, in any letter language', async () => {
    const { markedReason } = await import('../../functions/domain/letters/cancellation.js');
    expect(markedReason('Reason: relocating to Lisbon\nthanks!')).toBe('relocating to Lisbon');
    expect(markedReason('Bitte absagen.\nGrund: Ich habe eine andere Stelle angenommen.')).toBe(
      'Ich habe eine andere Stelle angenommen.',
    );
    expect(markedReason('Raison : je déménage à Lyon')).toBe('je déménage à Lyon');
    expect(markedReason('Motivo: he aceptado otra oferta')).toBe('he aceptado otra oferta');
  });

  it('never lifts a first-person sentence of the note (regression: a private note reached the employer)', async () => {
    const { markedReason } = await import('../../functions/domain/letters/cancellation.js');
    expect(markedReason('I have accepted another offer. Please cancel this for me.')).toBeNull();
    expect(
      markedReason("I'm not interested anymore, their Glassdoor reviews are awful and the pay is a joke."),
    ).toBeNull();
    expect(markedReason('I have a health issue I would rather not share.')).toBeNull();
    expect(markedReason('The reason: none of their business')).toBeNull();
  });
});

describe('a private note above a forward, end to end through the forward path', () => {
  const FORWARD = fixture('invites/outlook-desktop-fr-message-d-origine.eml').toString('utf8');
  const NOTE = 'Bonjour,\n\nJe souhaite annuler cet entretien, merci.\n\nÉlodie\n';
  const withNote = (note: string) => new TextEncoder().encode(FORWARD.replace(NOTE, `${note}\n`));
  /** The letter drafted for the French invite forwarded with `note` above it, and the world it ran in. */
  async function draftWithNote(note: string, id: string) {
    const world = memoryDeps();
    world.rawMail.objects.set(id, withNote(note));
    await processInboundMail(received(id, { envelopeFrom: 'elodie.marchand@orange.fr' }), world.deps);
    return { world, body: world.cases.cases.get(caseIdFor(id))?.draft.body ?? '' };
  }
  // Lines a user might write: letters, digits and punctuation, never a line starting with a reason mark.
  const line = fc
    .stringMatching(/^[\p{L}\p{N} ,.;!?'’()-]{1,70}$/u)
    .filter((text) => !/^\s*(?:reason|grund|raison|motif|motivo|reden|razão|razao)\s*[:：]/i.test(text));

  it('never puts words of the note into the letter (property)', async () => {
    let id = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 5 }), async (lines) => {
        const world = memoryDeps();
        const messageId = `note-${++id}`;
        world.rawMail.objects.set(messageId, withNote(lines.join('\n')));
        await processInboundMail(
          received(messageId, { envelopeFrom: 'elodie.marchand@orange.fr' }),
          world.deps,
        );
        const body = world.cases.cases.get(caseIdFor(messageId))?.draft.body ?? '';
        expect(body).toContain('Thomas');
        for (const text of lines) {
          const words = text.trim().split(/\s+/);
          if (words.length >= 3) expect(body).not.toContain(text.trim());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('puts a line the user marked as a reason into the letter, and only that line', async () => {
    const { body } = await draftWithNote(
      'Leur salaire est une blague.\nRaison : j’ai accepté une autre offre\nMerci !',
      'marked',
    );
    expect(body).toContain('J’ai accepté une autre offre.');
    expect(body).not.toContain('salaire');
  });

  it('keeps the private note of the issue out of the letter (regression)', async () => {
    const { world, body } = await draftWithNote(
      "I'm not interested anymore, their Glassdoor reviews are awful and the pay is a joke.",
      'private',
    );
    expect(body).not.toMatch(/Glassdoor|interested|pay is a joke/);
    expect(world.mailer.sent.at(-1)?.text).not.toMatch(/Glassdoor/);
  });
});

describe('the user words kept as written', () => {
  it('EDIT sends the text exactly, sign-off included, and adds nothing after it (regression)', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    const letter =
      'Dear Priya,\n\nI have decided to withdraw. Thank you for your time.\n\nKind regards,\nLena';
    await reply(world, replyTo, `EDIT\n${letter}\n\nSent from my iPhone`);
    await reply(world, replyTo, 'SEND');
    expect(toEmployer(world)[0]?.text).toBe(letter);
  });

  it('TO takes a name and an address, and greets the new contact by name once confirmed (regression)', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    // The address was not in the forwarded mail: it waits for CONFIRM, with the name given.
    expect(await reply(world, replyTo, 'TO Tom Whitaker <tom.whitaker@northwind-analytics.com>')).toBe(
      'to-needs-confirmation',
    );
    expect(await reply(world, replyTo, 'CONFIRM')).toBe('to-confirmed');
    const stored = world.cases.cases.get(caseId);
    expect(stored?.facts.employer).toMatchObject({
      name: 'Tom Whitaker',
      email: 'tom.whitaker@northwind-analytics.com',
    });
    expect(stored?.draft.body).toMatch(/^Dear Tom,/);
  });

  it('LANG switches the letter to another language, and the draft mail stays in English', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    expect(await reply(world, replyTo, 'LANG de')).toBe('changed-lang');
    expect(world.cases.cases.get(caseId)?.draft.body).toMatch(/^Hallo Priya,\n\n/);
    const mail = world.mailer.sent.at(-1);
    expect(mail?.subject).toMatch(/^Your updated cancellation draft/);
    expect(mail?.text).toContain('The letter is in German');
    expect(mail?.text).toContain('Write it in English: mailto:');
    expect(await reply(world, replyTo, 'LANG klingon')).toBe('unclear-command');
  });

  it('sends the employer a personal mail: no Auto-Submitted header asked for', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    await reply(world, replyTo, 'SEND');
    expect(toEmployer(world)[0]?.personal).toBe(true);
    expect(world.mailer.sent[0]?.personal).toBeUndefined();
  });
});

describe('a letter that names the day', () => {
  it('is written again and shown before it goes out when "tomorrow" has become "today" (regression)', async () => {
    // The interview is on Tuesday 8 December at 14:00 Pacific time; the draft is written on the Monday.
    const world = memoryDeps(new Date('2026-12-07T18:00:00Z'));
    const { replyTo, caseId } = await forwardInvite(world);
    expect(world.cases.cases.get(caseId)?.draft.body).toContain('tomorrow at 2:00 PM');
    world.clock.current = new Date('2026-12-08T17:00:00Z');
    expect(await reply(world, replyTo, 'SEND')).toBe('send-needs-confirmation');
    expect(toEmployer(world)).toHaveLength(0);
    const shown = world.mailer.sent.at(-1);
    expect(shown?.text).toContain('The day has changed since I wrote your cancellation');
    expect(shown?.text).toContain('later today at 2:00 PM');
    expect(await reply(world, replyTo, 'SEND')).toBe('sent');
    expect(toEmployer(world)[0]?.text).toContain('later today at 2:00 PM');
    expect(toEmployer(world)[0]?.text).not.toContain('tomorrow');
  });
});

describe('the user default letter language', () => {
  it('writes the letter when the invite words do not name a language', async () => {
    const world = memoryDeps();
    await world.deps.settings.updateSettings(USER, { language: 'fr' }, world.clock.now());
    world.rawMail.objects.set('terse', new TextEncoder().encode(TERSE_INVITE));
    expect(await processInboundMail(received('terse'), world.deps)).toBe('drafted');
    const stored = world.cases.cases.get(caseIdFor('terse'));
    expect(stored?.inputs.language).toBe('fr');
    expect(stored?.draft.body).toMatch(/^Bonjour/);
  });

  it('yields to the invite own language', async () => {
    const world = memoryDeps();
    await world.deps.settings.updateSettings(USER, { language: 'fr' }, world.clock.now());
    const { caseId } = await forwardInvite(world);
    expect(world.cases.cases.get(caseId)?.inputs.language).toBe('en');
  });
});

describe('the sender name on the employer mail', () => {
  it('turns a "Last, First" display name round, as the letter is signed (regression)', async () => {
    const world = memoryDeps();
    world.rawMail.objects.set(
      'nair',
      new TextEncoder().encode(
        fixture('invites/gmail-inline.eml')
          .toString('utf8')
          .replace('From: Alex Rivera <', 'From: "Nair, Priya" <'),
      ),
    );
    await processInboundMail(received('nair'), world.deps);
    const replyTo = world.mailer.sent.at(-1)?.replyTo[0] ?? '';
    world.rawMail.objects.set(
      'nair-send',
      new TextEncoder().encode(replyMail({ from: `"Nair, Priya" <${USER}>`, to: replyTo, body: 'SEND' })),
    );
    await processInboundMail(received('nair-send', { recipients: [replyTo] }), world.deps);
    const letter = toEmployer(world)[0];
    expect(letter?.from.name).toBe('Priya Nair via Bowout');
    expect(letter?.text).toMatch(/\nPriya Nair$/);
  });
});
