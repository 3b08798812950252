import { describe, expect, it } from 'vitest';
import { openCase } from '../../functions/domain/case.js';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { caseIdFor } from '../../functions/domain/ids.js';
import { calendarDecline } from '../../functions/domain/letters/employer-mail.js';
import type { InviteFacts } from '../../functions/domain/model.js';
import { fixture, received, replyMail } from '../support/mail.js';
import { memoryDeps } from '../support/memory-ports.js';

const USER = 'alex.rivera@gmail.com';
type World = ReturnType<typeof memoryDeps>;

async function forwardInvite(world: World) {
  world.rawMail.objects.set('fwd', fixture('invites/gmail-inline.eml'));
  await processInboundMail(received('fwd'), world.deps);
  return world.mailer.sent.at(-1)?.replyTo[0] ?? '';
}

function deliver(world: World, id: string, raw: string, options: Parameters<typeof received>[1]) {
  world.rawMail.objects.set(id, new TextEncoder().encode(raw));
  return processInboundMail(received(id, options), world.deps);
}

describe('nobody but the case user can drive a case', () => {
  it('rejects SEND whose DMARC verdict failed under a "none" policy', async () => {
    const world = memoryDeps();
    const replyTo = await forwardInvite(world);
    const outcome = await deliver(world, 's', replyMail({ from: USER, to: replyTo, body: 'SEND' }), {
      recipients: [replyTo],
      verdicts: { dmarc: 'FAIL', spf: 'PASS', dkim: 'PASS' },
    });
    expect(outcome).toBe('rejected-unauthenticated');
    // Nothing to the employer, and no answer to the address the forger put in From: only the draft went out.
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('rejects a forged Authentication-Results: dmarc=pass inside a mail whose SES verdict failed', async () => {
    const world = memoryDeps();
    const replyTo = await forwardInvite(world);
    const forged = replyMail({
      from: USER,
      to: replyTo,
      body: 'SEND',
      headers: {
        'Authentication-Results':
          'mx.google.com; dkim=pass; spf=pass; dmarc=pass (p=REJECT) header.from=gmail.com',
      },
    });
    expect(
      await deliver(world, 's', forged, {
        recipients: [replyTo],
        verdicts: { dmarc: 'FAIL', spf: 'FAIL', dkim: 'FAIL' },
      }),
    ).toBe('rejected-unauthenticated');
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('counts only the envelope recipient: a token in a To header the envelope did not use does nothing', async () => {
    const world = memoryDeps();
    const replyTo = await forwardInvite(world);
    const outcome = await deliver(world, 's', replyMail({ from: USER, to: replyTo, body: 'SEND' }), {
      recipients: ['cancel@bowout.localhost'],
    });
    expect(outcome).not.toBe('sent');
    expect(world.mailer.sent.some((m) => m.to.includes('priya.natarajan@northwind-analytics.com'))).toBe(
      false,
    );
  });

  it('rejects a command to an expired case token', async () => {
    const world = memoryDeps();
    const replyTo = await forwardInvite(world);
    world.cases.cases.delete(caseIdFor('fwd'));
    expect(
      await deliver(world, 's', replyMail({ from: USER, to: replyTo, body: 'SEND' }), {
        recipients: [replyTo],
      }),
    ).toBe('rejected-unknown-token');
  });

  it('gives no answer at all to mail with a spam verdict', async () => {
    const world = memoryDeps();
    const replyTo = await forwardInvite(world);
    expect(
      await deliver(world, 's', replyMail({ from: USER, to: replyTo, body: 'HELP' }), {
        recipients: [replyTo],
        verdicts: { spam: 'FAIL' },
      }),
    ).toBe('ignored-spam');
    expect(world.mailer.sent).toHaveLength(1);
  });
});

describe('mail Bowout never answers', () => {
  it.each([
    ['a bounce with an empty envelope sender', {}, ''],
    ['a list message', { 'List-Id': '<jobs.example.com>' }, USER],
    ['Bowout’s own mail coming back', { 'X-Bowout-Loop': 'bowout.localhost' }, USER],
    ['an out-of-office reply', { Subject: 'Out of office' }, USER],
    ['a Precedence: bulk message', { Precedence: 'bulk' }, USER],
  ])('%s', async (_name, headers: Record<string, string>, envelopeFrom) => {
    const world = memoryDeps();
    const replyTo = await forwardInvite(world);
    const raw = replyMail({ from: USER, to: replyTo, body: 'HELP', headers }).replace(
      'Subject: Re: Your cancellation draft\r\n',
      headers.Subject ? '' : 'Subject: Re: Your cancellation draft\r\n',
    );
    const outcome = await deliver(world, 's', raw, { recipients: [replyTo], envelopeFrom });
    expect(outcome).toMatch(/^ignored-/);
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('a multipart/report delivery report', async () => {
    const world = memoryDeps();
    const raw =
      'From: Mail Delivery System <mailer-daemon@mx.example.com>\r\nTo: cancel@bowout.localhost\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n' +
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r\n\r\n--r\r\nContent-Type: text/plain\r\n\r\nFailed.\r\n--r--\r\n';
    expect(await deliver(world, 'b', raw, { envelopeFrom: 'bounce@mx.example.com' })).toBe('ignored-bounce');
    expect(world.mailer.sent).toHaveLength(0);
  });

  it('but answers a normal mail that only carries X-Auto-Response-Suppress', async () => {
    const world = memoryDeps();
    const replyTo = await forwardInvite(world);
    const raw = replyMail({
      from: USER,
      to: replyTo,
      body: 'HELP',
      headers: { 'X-Auto-Response-Suppress': 'All' },
    });
    expect(await deliver(world, 's', raw, { recipients: [replyTo] })).toBe('help');
  });
});

describe('a crash between sending and recording it', () => {
  it('never sends the employer a second cancellation when the handler is retried', async () => {
    const world = memoryDeps();
    const replyTo = await forwardInvite(world);
    const update = world.cases.updateCase.bind(world.cases);
    let crashed = false;
    world.cases.updateCase = async (caseId, condition, changes) => {
      if (changes.state === 'SENT' && !crashed) {
        crashed = true;
        throw new Error('process died');
      }
      return update(caseId, condition, changes);
    };
    const raw = replyMail({ from: USER, to: replyTo, body: 'SEND' });
    await expect(deliver(world, 's', raw, { recipients: [replyTo] })).rejects.toThrow('process died');
    // Retried within the lease: sent back to try later, so the case is not left in SENDING unnoticed.
    await expect(deliver(world, 's', raw, { recipients: [replyTo] })).rejects.toThrow(/still leased/);
    world.clock.current = new Date(world.clock.current.getTime() + 3_600_000);
    expect(await deliver(world, 's', raw, { recipients: [replyTo] })).toBe('send-uncertain');
    expect(await deliver(world, 's', raw, { recipients: [replyTo] })).toBe('duplicate');
    expect(await deliver(world, 's2', raw, { recipients: [replyTo] })).toBe('send-uncertain');
    expect(world.mailer.sent.filter((m) => m.subject === 'Did your cancellation go out?')).toHaveLength(1);
    expect(
      world.mailer.sent.filter((m) => m.to.includes('priya.natarajan@northwind-analytics.com')),
    ).toHaveLength(1);
  });
});

describe('the calendar decline', () => {
  it('is a METHOD:REPLY for the event UID and SEQUENCE, with the user DECLINED', () => {
    const facts: InviteFacts = {
      employer: { name: 'Hannah Cole', email: 'hannah.cole@fabrikam.com', company: 'Fabrikam' },
      role: 'Staff Engineer',
      interview: {
        start: '2026-12-11T15:00:00.000Z',
        end: '2026-12-11T16:00:00.000Z',
        timezone: 'America/New_York',
        certain: true,
      },
      missing: [],
      uncertain: [],
      originalSubject: 'Invitation',
      originalMessageId: null,
      originalReferences: [],
      calendarEvent: { uid: 'gh-98765@greenhouse.io', sequence: 2 },
      phone: null,
    };
    const value = openCase({
      caseId: 'c',
      user: { email: 'casey@proton.me', name: 'Casey Morgan', timezone: 'UTC' },
      facts,
      sourceMessageId: 'm',
      now: new Date(),
    });
    const ics = calendarDecline(value, new Date('2026-12-05T10:00:00Z'))?.content ?? '';
    expect(ics).toContain('METHOD:REPLY');
    expect(ics).toContain('UID:gh-98765@greenhouse.io');
    expect(ics).toContain('SEQUENCE:2');
    expect(ics).toContain('ORGANIZER:mailto:hannah.cole@fabrikam.com');
    expect(ics).toMatch(/ATTENDEE;PARTSTAT=DECLINED;CN="Casey Morgan":mailto:casey@proton\.me/);
    expect(ics).toContain('DTSTART:20261211T150000Z');
  });
});
