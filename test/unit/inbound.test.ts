import { describe, expect, it } from 'vitest';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { MailNotSentError, MessageBusyError } from '../../functions/domain/errors.js';
import { caseIdFor } from '../../functions/domain/ids.js';
import { fixture, received, replyMail } from '../support/mail.js';
import { memoryDeps } from '../support/memory-ports.js';

const USER = 'alex.rivera@gmail.com';

async function forwardInvite(world: ReturnType<typeof memoryDeps>, id = 'ses-forward-1') {
  world.rawMail.objects.set(id, fixture('invites/gmail-inline.eml'));
  const outcome = await processInboundMail(received(id), world.deps);
  const draft = world.mailer.sent.at(-1);
  const replyTo = draft?.replyTo[0] ?? '';
  return { outcome, draft, replyTo, caseId: caseIdFor(id) };
}

async function reply(
  world: ReturnType<typeof memoryDeps>,
  id: string,
  to: string,
  body: string,
  options: Parameters<typeof received>[1] = {},
) {
  world.rawMail.objects.set(
    id,
    new TextEncoder().encode(replyMail({ from: `Alex Rivera <${options.envelopeFrom ?? USER}>`, to, body })),
  );
  return processInboundMail(received(id, { recipients: [to], ...options }), world.deps);
}

describe('forwarding an invite', () => {
  it('stores a case and mails the user one draft whose Reply-To is the case token address', async () => {
    const world = memoryDeps();
    const { outcome, draft, replyTo, caseId } = await forwardInvite(world);
    expect(outcome).toBe('drafted');
    expect(world.mailer.sent).toHaveLength(1);
    expect(draft?.to).toEqual([USER]);
    expect(replyTo).toMatch(/^reply\+[a-z2-7]{32}@bowout\.localhost$/);
    expect(draft?.text).toContain('SEND');
    expect(draft?.text).toContain('Priya Natarajan');
    const stored = world.cases.cases.get(caseId);
    expect(stored?.state).toBe('DRAFTED');
    expect(stored?.draftMailedAt).not.toBeNull();
    // Only the token's hash is stored, never the token itself.
    const token = replyTo.slice('reply+'.length, replyTo.indexOf('@'));
    expect(JSON.stringify([...world.cases.cases.values(), ...world.cases.tokens.keys()])).not.toContain(
      token,
    );
  });

  it('gives a duplicate SES delivery of the same message no second draft', async () => {
    const world = memoryDeps();
    await forwardInvite(world);
    const again = await processInboundMail(received('ses-forward-1'), world.deps);
    expect(again).toBe('duplicate');
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('mails the draft again after a crash before the draft was recorded, and both tokens keep working', async () => {
    const world = memoryDeps();
    world.rawMail.objects.set('ses-crash', fixture('invites/gmail-inline.eml'));
    world.mailer.failures.push(new Error('network timeout'));
    await expect(processInboundMail(received('ses-crash'), world.deps)).rejects.toThrow('network timeout');
    expect(world.mailer.sent).toHaveLength(0);
    expect(await processInboundMail(received('ses-crash'), world.deps)).toBe('drafted');
    expect(world.mailer.sent).toHaveLength(1);
    expect(world.cases.tokens.size).toBe(2);
  });

  it('answers a message without an invite with a short explanation and stores no case', async () => {
    const world = memoryDeps();
    world.rawMail.objects.set('ses-news', fixture('invites/newsletter.eml'));
    expect(
      await processInboundMail(received('ses-news', { envelopeFrom: 'robin.park@gmail.com' }), world.deps),
    ).toBe('not-an-invite');
    expect(world.mailer.sent).toHaveLength(1);
    expect(world.mailer.sent[0]?.subject).toMatch(/couldn't find an interview invite/i);
    expect(world.cases.cases.size).toBe(0);
  });

  it('answers bytes that are not an email at all, to the SPF-verified envelope sender, without crashing', async () => {
    const world = memoryDeps();
    world.rawMail.objects.set('ses-junk', fixture('invites/not-mime.eml'));
    expect(await processInboundMail(received('ses-junk'), world.deps)).toBe('unreadable-answered');
    expect(world.mailer.sent[0]?.to).toEqual([USER]);
  });

  it('records a missing raw mail as terminal instead of retrying forever', async () => {
    const world = memoryDeps();
    expect(await processInboundMail(received('ses-missing'), world.deps)).toBe('raw-mail-missing');
    expect(await processInboundMail(received('ses-missing'), world.deps)).toBe('duplicate');
  });

  it('does not answer a forward whose sender SES could not authenticate', async () => {
    const world = memoryDeps();
    world.rawMail.objects.set('ses-forged', fixture('invites/gmail-inline.eml'));
    const outcome = await processInboundMail(
      received('ses-forged', { verdicts: { dmarc: 'FAIL', spf: 'FAIL', dkim: 'FAIL' } }),
      world.deps,
    );
    expect(outcome).toBe('ignored-unauthenticated');
    expect(world.mailer.sent).toHaveLength(0);
  });

  it('drops a message with a virus verdict without reading it', async () => {
    const world = memoryDeps();
    expect(await processInboundMail(received('ses-virus', { verdicts: { virus: 'FAIL' } }), world.deps)).toBe(
      'dropped-virus',
    );
    expect(world.mailer.sent).toHaveLength(0);
  });
});

describe('replying SEND', () => {
  it('sends the employer exactly one cancellation, from the user via Bowout, threaded, with the user in copy', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    expect(await reply(world, 'ses-send-1', replyTo, 'SEND')).toBe('sent');
    const cancellation = world.mailer.sent.at(-1);
    expect(cancellation?.to).toEqual(['priya.natarajan@northwind-analytics.com']);
    expect(cancellation?.cc).toEqual([USER]);
    expect(cancellation?.replyTo).toEqual([USER]);
    expect(cancellation?.from).toEqual({ name: 'Alex Rivera via Bowout', address: 'send@bowout.localhost' });
    expect(cancellation?.subject).toBe('Re: Interview for Senior Data Engineer at Northwind Analytics');
    expect(world.cases.cases.get(caseId)?.state).toBe('SENT');
  });

  it('sends nothing more for a replayed delivery of the same SEND', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    await reply(world, 'ses-send-1', replyTo, 'SEND');
    const count = world.mailer.sent.length;
    expect(await reply(world, 'ses-send-1', replyTo, 'SEND')).toBe('duplicate');
    expect(world.mailer.sent).toHaveLength(count);
  });

  it('answers a second SEND with one short "already sent" note and nothing to the employer', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    await reply(world, 'ses-send-1', replyTo, 'SEND');
    expect(await reply(world, 'ses-send-2', replyTo, 'send it')).toBe('already-sent');
    expect(await reply(world, 'ses-send-3', replyTo, 'SEND')).toBe('already-sent');
    const toEmployer = world.mailer.sent.filter((m) =>
      m.to.includes('priya.natarajan@northwind-analytics.com'),
    );
    expect(toEmployer).toHaveLength(1);
    expect(world.mailer.sent.filter((m) => m.subject === 'Already sent')).toHaveLength(1);
  });

  it('sends exactly once when two different SEND replies are processed at the same time', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    const outcomes = await Promise.all([
      reply(world, 'ses-a', replyTo, 'SEND'),
      reply(world, 'ses-b', replyTo, 'SEND'),
    ]);
    expect(outcomes).toContain('sent');
    expect(
      world.mailer.sent.filter((m) => m.to.includes('priya.natarajan@northwind-analytics.com')),
    ).toHaveLength(1);
  });

  it('hands the case back for a retry when SES refused the send, and then sends once', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    world.mailer.failures.push(new MailNotSentError('throttled', { retryable: true }));
    await expect(reply(world, 'ses-send-1', replyTo, 'SEND')).rejects.toThrow('throttled');
    expect(world.cases.cases.get(caseId)?.state).toBe('DRAFTED');
    expect(await reply(world, 'ses-send-1', replyTo, 'SEND')).toBe('sent');
  });

  it('does not resend blindly when the send timed out: the case stays SENDING', async () => {
    const world = memoryDeps();
    const { replyTo, caseId } = await forwardInvite(world);
    world.mailer.failures.push(new Error('socket hang up'));
    await expect(reply(world, 'ses-send-1', replyTo, 'SEND')).rejects.toThrow('socket hang up');
    expect(world.cases.cases.get(caseId)?.state).toBe('SENDING');
    // The platform's retry of that delivery within the lease is sent back to try later…
    await expect(reply(world, 'ses-send-1', replyTo, 'SEND')).rejects.toBeInstanceOf(MessageBusyError);
    // …while another SEND meanwhile quietly waits for the running dispatch.
    expect(await reply(world, 'ses-send-2', replyTo, 'SEND')).toBe('send-in-progress');
    // After the lease, the retry asks the user instead of sending again.
    world.clock.current = new Date(world.clock.current.getTime() + 10 * 60_000);
    expect(await reply(world, 'ses-send-1', replyTo, 'SEND')).toBe('send-uncertain');
    expect(world.mailer.sent.at(-1)?.subject).toBe('Did your cancellation go out?');
    expect(
      world.mailer.sent.filter((m) => m.to.includes('priya.natarajan@northwind-analytics.com')),
    ).toHaveLength(0);
  });

  it('rejects SEND from an address other than the case user', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    const outcome = await reply(world, 'ses-x', replyTo, 'SEND', { envelopeFrom: 'mallory@example.org' });
    expect(outcome).toBe('rejected-wrong-sender');
    expect(world.mailer.sent).toHaveLength(1);
  });

  it('rejects SEND whose DMARC verdict failed even from the right address', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    expect(await reply(world, 'ses-x', replyTo, 'SEND', { verdicts: { dmarc: 'FAIL' } })).toBe(
      'rejected-unauthenticated',
    );
  });

  it('rejects a SEND to a token that does not exist', async () => {
    const world = memoryDeps();
    await forwardInvite(world);
    expect(
      await reply(world, 'ses-x', 'reply+abcdefghijklmnopqrstuvwxyz234567@bowout.localhost', 'SEND'),
    ).toBe('rejected-unknown-token');
  });

  it('discards the draft on CANCEL and then refuses to send it', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    expect(await reply(world, 'ses-c', replyTo, 'CANCEL')).toBe('discarded');
    expect(await reply(world, 'ses-s', replyTo, 'SEND')).toBe('send-discarded');
    expect(world.mailer.sent.some((m) => m.to.includes('priya.natarajan@northwind-analytics.com'))).toBe(
      false,
    );
  });

  it('asks once more before sending when the interview has already passed, and sends on the second SEND', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    world.clock.current = new Date('2026-12-09T00:00:00Z');
    expect(await reply(world, 'ses-late-1', replyTo, 'SEND')).toBe('send-needs-confirmation');
    expect(world.mailer.sent.at(-1)?.subject).toBe('The interview has passed');
    expect(world.mailer.sent.some((m) => m.to.includes('priya.natarajan@northwind-analytics.com'))).toBe(
      false,
    );
    expect(await reply(world, 'ses-late-2', replyTo, 'SEND')).toBe('sent');
  });

  it('answers an unclear reply with short help instead of silence', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    expect(await reply(world, 'ses-h', replyTo, 'what does this do?')).toBe('unclear-command');
    expect(world.mailer.sent.at(-1)?.text).toContain('SEND');
  });

  it('never answers an auto-reply to the token address', async () => {
    const world = memoryDeps();
    const { replyTo } = await forwardInvite(world);
    world.rawMail.objects.set(
      'ses-ooo',
      new TextEncoder().encode(
        replyMail({
          from: USER,
          to: replyTo,
          body: 'I am away',
          headers: { 'Auto-Submitted': 'auto-replied' },
        }),
      ),
    );
    expect(await processInboundMail(received('ses-ooo', { recipients: [replyTo] }), world.deps)).toBe(
      'ignored-auto-submitted',
    );
    expect(world.mailer.sent).toHaveLength(1);
  });
});
