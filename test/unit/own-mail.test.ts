import { describe, expect, it } from 'vitest';
import { composeMime } from '../../functions/adapters/ses-mailer.js';
import { openCase } from '../../functions/domain/case.js';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { composeDraftMail } from '../../functions/domain/letters/user-mail.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import { inviteFacts } from '../support/facts.js';

/**
 * Bowout's own draft, forwarded back by its user, is read for what it is: no invite, with a reason the
 * caller can answer differently. The drafts here are composed by the code that writes real drafts.
 */

const USER = 'alex.rivera@gmail.com';
const DOMAIN = 'bowout.localhost';

function draft() {
  const value = openCase({
    caseId: 'c1',
    user: { email: USER, name: 'Alex Rivera', timezone: 'UTC-8' },
    facts: inviteFacts({
      interview: { start: '2026-12-08T22:00:00.000Z', timezone: 'America/Los_Angeles', certain: true },
    }),
    sourceMessageId: 'm1',
    now: new Date('2026-12-01T00:00:00.000Z'),
  });
  return composeDraftMail(value, {
    replyAddress: `reply+abcdefghijklmnopqrstuvwx@${DOMAIN}`,
    sender: { senderAddress: `send@${DOMAIN}` },
    now: new Date('2026-12-01T12:00:00Z'),
  });
}

function headerBlock(extra: string[]) {
  return [
    `From: Alex Rivera <${USER}>`,
    `To: cancel@${DOMAIN}`,
    'Date: Wed, 2 Dec 2026 10:12:00 -0800',
    'MIME-Version: 1.0',
    ...extra,
  ];
}

async function understand(raw: string | Uint8Array) {
  const mail = await parseMail(raw);
  return understandInvite(mail, { userAddress: USER, ownDomain: DOMAIN });
}

describe('Bowout’s own draft forwarded back', () => {
  it('is no invite when forwarded inline, as mail clients quote it', async () => {
    const mail = draft();
    const raw = [
      ...headerBlock([`Subject: Fwd: ${mail.subject}`, 'Content-Type: text/plain; charset=utf-8']),
      '',
      'is this right?',
      '',
      '---------- Forwarded message ---------',
      `From: Bowout <send@${DOMAIN}>`,
      'Date: Tue, Dec 1, 2026 at 4:00 AM',
      `Subject: ${mail.subject}`,
      `To: <${USER}>`,
      '',
      mail.text,
    ].join('\r\n');
    const understood = await understand(raw);
    expect(understood.isInvite).toBe(false);
    expect(understood.notInviteReason).toBe('own-mail');
    expect(understood.facts.employer.email).toBeNull();
  });

  it('is no invite when attached, by its loop header, even with its wording and sender hidden', async () => {
    const mail = {
      ...draft(),
      from: { name: 'Someone', address: 'someone@elsewhere.example' },
      text: 'Hello',
      html: null,
    };
    const inner = new TextDecoder().decode(await composeMime(mail, 'loop-token'));
    const raw = [
      ...headerBlock([`Subject: Fwd: ${mail.subject}`, 'Content-Type: multipart/mixed; boundary="b"']),
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'see attached',
      '--b',
      'Content-Type: message/rfc822',
      '',
      inner,
      '--b--',
    ].join('\r\n');
    const understood = await understand(raw);
    expect(understood.notInviteReason).toBe('own-mail');
  });

  it('is no invite when the user replies to it at the forwarding address, quoting it', async () => {
    const mail = draft();
    const quoted = mail.text
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\r\n');
    const raw = [
      ...headerBlock([`Subject: Re: ${mail.subject}`, 'Content-Type: text/plain; charset=utf-8']),
      '',
      'SEND',
      '',
      `On Tue, Dec 1, 2026 at 4:00 AM Bowout <send@${DOMAIN}> wrote:`,
      quoted,
    ].join('\r\n');
    expect((await understand(raw)).notInviteReason).toBe('own-mail');
  });

  it('still reads a real invite that merely mentions Bowout', async () => {
    const raw = [
      ...headerBlock(['Subject: Fwd: Interview', 'Content-Type: text/plain; charset=utf-8']),
      '',
      'I use Bowout for this, please cancel',
      '',
      '---------- Forwarded message ---------',
      'From: Priya Natarajan <priya@northwind.example>',
      'Date: Mon, Nov 30, 2026 at 4:02 PM',
      'Subject: Interview',
      `To: <${USER}>`,
      '',
      'Your interview is on Tuesday, December 8 at 2pm PT.',
    ].join('\r\n');
    const understood = await understand(raw);
    expect(understood.isInvite).toBe(true);
    expect(understood.notInviteReason).toBeUndefined();
  });
});
