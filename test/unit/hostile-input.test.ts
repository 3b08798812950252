import { describe, expect, it } from 'vitest';
import { composeMime } from '../../functions/adapters/ses-mailer.js';
import { openCase } from '../../functions/domain/case.js';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { UnreadableMailError } from '../../functions/domain/errors.js';
import { caseIdFor } from '../../functions/domain/ids.js';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { composeCancellationMail } from '../../functions/domain/letters/employer-mail.js';
import { composeDraftMail } from '../../functions/domain/letters/user-mail.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import { forwardAsAttachment, received } from '../support/mail.js';
import { memoryDeps } from '../support/memory-ports.js';

const USER = 'sam.taylor@gmail.com';

const forward = (inner: { from: string; subject?: string; body?: string }) =>
  forwardAsAttachment({ user: `Sam Taylor <${USER}>`, ...inner });

async function understand(raw: string | Uint8Array) {
  const mail = await parseMail(raw);
  return { mail, ...understandInvite(mail, { userAddress: USER, ownDomain: 'bowout.localhost' }) };
}

/** Runs a message through forward → draft and returns every address Bowout wrote to. */
async function recipientsOf(raw: string | Uint8Array): Promise<string[]> {
  const world = memoryDeps();
  world.rawMail.objects.set('hostile', typeof raw === 'string' ? new TextEncoder().encode(raw) : raw);
  await processInboundMail(received('hostile', { envelopeFrom: USER }), world.deps);
  return world.mailer.sent.flatMap((m) => [...m.to, ...m.cc]);
}

describe('hostile input', () => {
  it('does not turn an encoded word in an address into an attacker address', async () => {
    const { facts } = await understand(forward({ from: '=?utf-8?q?=40attacker.com?=@example.com' }));
    expect(facts.employer.email ?? '').not.toContain('attacker');
    expect(JSON.stringify(facts)).not.toMatch(/@attacker\.com/);
  });

  it('does not accept an address hidden in an encoded display name', async () => {
    const { facts } = await understand(
      forward({ from: '=?utf-8?q?hr=40contoso.example?= <=?utf-8?q?x=40attacker.com?=>' }),
    );
    expect(facts.employer.email ?? '').not.toContain('attacker');
  });

  it('keeps CR, LF and U+2028 from decoded names and subjects out of every header Bowout writes', async () => {
    const raw = forward({
      from: '=?utf-8?q?Eve=0D=0ABcc=3A_victim=40evil.example?= <eve@contoso.example>',
      subject: '=?utf-8?q?Interview=0D=0ABcc=3A_victim2=40evil.example=E2=80=A8X-Injected=3A_1?=',
    });
    const { facts, mail } = await understand(raw);
    const value = {
      ...openCase({
        caseId: 'c',
        user: { email: USER, name: 'Sam\r\nBcc: victim3@evil.example', timezone: 'UTC' },
        facts,
        sourceMessageId: 's',
        now: new Date('2026-12-02T09:00:00Z'),
      }),
      draft: { subject: `Re: ${mail.attached[0]?.subject ?? ''}`, body: 'Dear Eve' },
    };
    const now = new Date('2026-12-02T10:00:00Z');
    for (const outgoing of [
      composeDraftMail(value, {
        replyAddress: 'reply+t@bowout.localhost',
        sender: { senderAddress: 'send@bowout.localhost' },
        now: now,
      }),
      composeCancellationMail(value, 'send@bowout.localhost', now),
    ]) {
      const headerBlock =
        new TextDecoder().decode(await composeMime(outgoing, 'bowout.localhost')).split('\r\n\r\n')[0] ?? '';
      expect(headerBlock).not.toMatch(/^(Bcc|X-Injected):/im);
      expect(headerBlock).not.toContain('\u2028');
    }
  });

  it('reads a message with a broken or unknown charset without crashing', async () => {
    const raw = Buffer.concat([
      Buffer.from(
        `From: Sam <${USER}>\r\nTo: cancel@bowout.localhost\r\nSubject: Fwd: x\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n\r\n`,
      ),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0x0d, 0x0a]),
    ]);
    const { facts } = await understand(raw);
    expect(facts.missing).toContain('invite');
  });

  it('handles multipart nested far deeper than any mail client writes, and answers', async () => {
    const depth = 300;
    const open = Array.from(
      { length: depth },
      (_, i) => `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n`,
    ).join('');
    const close = Array.from({ length: depth }, (_, i) => `\r\n--b${depth - 1 - i}--`).join('');
    const raw = `From: Sam <${USER}>\r\nTo: cancel@bowout.localhost\r\nSubject: Fwd: deep\r\nMIME-Version: 1.0\r\n${open}Content-Type: text/plain\r\n\r\nhello${close}\r\n`;
    await expect(
      parseMail(raw).then(
        () => 'read',
        (error) => (error instanceof UnreadableMailError ? 'unreadable' : 'crash'),
      ),
    ).resolves.not.toBe('crash');
    expect(await recipientsOf(raw)).toEqual([USER]);
  });

  it('reads only a bounded number of forwarded messages nested inside each other', async () => {
    let inner =
      'From: Hiring <hiring@contoso.example>\r\nSubject: Interview\r\nContent-Type: text/plain\r\n\r\nSee you.';
    for (let i = 0; i < 40; i++) {
      inner = `From: Level ${i} <l${i}@contoso.example>\r\nSubject: Fwd\r\nContent-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\nContent-Type: message/rfc822\r\n\r\n${inner}\r\n--n${i}--`;
    }
    const { facts } = await understand(
      `From: Sam <${USER}>\r\nTo: cancel@bowout.localhost\r\nSubject: Fwd\r\nMIME-Version: 1.0\r\n${inner.slice(inner.indexOf('Content-Type'))}`,
    );
    expect(facts.employer.email === null || facts.employer.email.endsWith('@contoso.example')).toBe(true);
  });

  it('handles giant headers and a megabyte body without trouble', async () => {
    const raw = `From: Sam <${USER}>\r\nTo: cancel@bowout.localhost\r\nSubject: Fwd: ${'x'.repeat(100_000)}\r\nX-Long: ${'a '.repeat(200_000)}\r\nContent-Type: text/plain\r\n\r\n${'12/12/2026 at 10:00 / '.repeat(50_000)}`;
    const recipients = await recipientsOf(raw);
    expect(recipients.every((address) => address === USER)).toBe(true);
  });

  // Bounded time is guarded by the test timeout; speed is measured in bench/.
  it('reads text built against the contact, company and role readers (names, addresses, attributions, runs of capitals) in bounded time', async () => {
    const capitals = 'Alpha Beta Gamma Delta '.repeat(4_000);
    const addresses = Array.from(
      { length: 3_000 },
      (_, i) => `Contact Jane Doe${i} at jane${i}@x${i}.example`,
    ).join('\n');
    const attributions = 'On Mon, 1 Dec 2026 at 10:00, Jane Doe <jane@acme.example> wrote:\n> '.repeat(2_000);
    const body = `${capitals}\nat ${capitals}\n${addresses}\n${attributions}\n${'Senior Recruiter | '.repeat(5_000)}\n${'株式会社'.repeat(5_000)}`;
    const { facts } = await understand(
      forward({
        from: 'Jane Doe <jane@acme.example>',
        subject: `Updated invitation: ${'Interview - '.repeat(200)}Senior Buyer @ ${'Acme '.repeat(200)}`,
        body,
      }),
    );
    expect(facts.employer.email).toBe('jane@acme.example');
  });

  it('never writes to an address that was not in the input', async () => {
    const raw = forward({
      from: 'Hannah <hannah.cole@fabrikam.example>',
      body: 'Interview on 10 December 2026 at 10:00 GMT. Questions: hr@fabrikam.example',
    });
    const world = memoryDeps();
    world.rawMail.objects.set('m', new TextEncoder().encode(raw));
    await processInboundMail(received('m', { envelopeFrom: USER }), world.deps);
    const replyTo = world.mailer.sent[0]?.replyTo[0] ?? '';
    world.rawMail.objects.set(
      'r',
      new TextEncoder().encode(
        `From: ${USER}\r\nTo: ${replyTo}\r\nSubject: Re\r\nCc: extra@evil.example\r\n\r\nSEND\r\nBcc: another@evil.example`,
      ),
    );
    await processInboundMail(
      received('r', { envelopeFrom: USER, recipients: [replyTo, 'extra@evil.example'] }),
      world.deps,
    );
    const written = world.mailer.sent.flatMap((m) => [...m.to, ...m.cc, ...m.replyTo]);
    const outside = written.filter((a) => !a.endsWith('@bowout.localhost'));
    // The cancellation went to the employer (the sender or the address the text names), the user in copy.
    expect(outside).toContain(USER);
    expect(outside.some((a) => a.endsWith('@fabrikam.example'))).toBe(true);
    for (const address of outside)
      expect([USER, 'hr@fabrikam.example', 'hannah.cole@fabrikam.example']).toContain(address);
    expect(written.some((a) => a.includes('evil'))).toBe(false);
    expect(world.cases.cases.get(caseIdFor('m'))?.state).toBe('SENT');
  });
});
