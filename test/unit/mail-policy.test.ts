import { describe, expect, it } from 'vitest';
import { automatedReason, senderIsAuthenticated } from '../../functions/domain/conversation/mail-policy.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import { PASSING, replyMail } from '../support/mail.js';

const OWN = { domain: 'bowout.localhost' };

const mailWith = (headers: Record<string, string>, subjectBody = 'SEND', from = 'alex@gmail.com') =>
  parseMail(replyMail({ from, to: 'reply+x@bowout.localhost', body: subjectBody, headers }));

describe('which mail gets no answer', () => {
  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, 'auto-submitted'],
    [{ 'X-Autoreply': 'yes' }, 'auto-reply'],
    [{ 'X-Autorespond': 'yes' }, 'auto-reply'],
    [{ Precedence: 'bulk' }, 'bulk'],
    [{ Precedence: 'list' }, 'bulk'],
    [{ 'List-Id': '<jobs.lists.example.com>' }, 'mailing-list'],
    [{ 'X-Bowout-Loop': 'bowout.localhost' }, 'own-loop'],
  ])('mail with %o is recognised as %s', async (headers, reason) => {
    expect(automatedReason(await mailWith(headers), 'alex@gmail.com', OWN)).toBe(reason);
  });

  it('treats an empty envelope sender and MAILER-DAEMON as bounces', async () => {
    const mail = await mailWith({});
    expect(automatedReason(mail, '', OWN)).toBe('bounce');
    expect(automatedReason(mail, 'MAILER-DAEMON@mx.example.com', OWN)).toBe('bounce');
  });

  it('treats a mail with only X-Auto-Response-Suppress as written by a person', async () => {
    expect(
      automatedReason(await mailWith({ 'X-Auto-Response-Suppress': 'All' }), 'alex@gmail.com', OWN),
    ).toBeNull();
  });

  it('treats Auto-Submitted: no as written by a person', async () => {
    expect(automatedReason(await mailWith({ 'Auto-Submitted': 'no' }), 'alex@gmail.com', OWN)).toBeNull();
  });

  it.each([
    'bowout@bowout.localhost',
    'cancel@bowout.localhost',
    'reply+abcdefghijklmnopqrst@bowout.localhost',
    'Bounces@Mail.Bowout.Localhost',
  ])('drops mail From %s, one of Bowout’s own addresses, even without the loop header', async (from) => {
    expect(automatedReason(await mailWith({}, 'SEND', from), 'alex@gmail.com', OWN)).toBe('own-loop');
    expect(
      automatedReason(await mailWith({ 'X-Bowout-Loop': 'bowout.localhost' }, 'SEND', from), from, OWN),
    ).toBe('own-loop');
  });

  it('drops mail whose envelope sender is one of Bowout’s own addresses, whatever its From says', async () => {
    expect(automatedReason(await mailWith({}), 'bowout@bowout.localhost', OWN)).toBe('own-loop');
  });

  it('does not take a domain that merely ends in the same letters for Bowout’s own', async () => {
    expect(
      automatedReason(
        await mailWith({}, 'SEND', 'alex@notbowout.localhost'),
        'alex@notbowout.localhost',
        OWN,
      ),
    ).toBeNull();
  });
});

describe('whether SES vouches for the sender', () => {
  it('trusts a DMARC pass and nothing inside the mail when SES says DMARC failed', async () => {
    const forged = await mailWith({
      'Authentication-Results': 'mx.google.com; dmarc=pass header.from=gmail.com',
    });
    expect(senderIsAuthenticated(PASSING, 'alex@gmail.com', forged)).toBe(true);
    expect(senderIsAuthenticated({ ...PASSING, dmarc: 'FAIL' }, 'alex@gmail.com', forged)).toBe(false);
  });

  it('accepts SPF only when the envelope sender is aligned with From and the domain has no DMARC', async () => {
    const mail = await mailWith({});
    const noDmarc = { ...PASSING, dmarc: 'GRAY', dkim: 'GRAY' };
    expect(senderIsAuthenticated(noDmarc, 'bounces@gmail.com', mail)).toBe(true);
    expect(senderIsAuthenticated(noDmarc, 'someone@attacker.example', mail)).toBe(false);
  });

  it('accepts DKIM only when every signature is aligned with From', async () => {
    const noDmarc = { ...PASSING, dmarc: 'GRAY', spf: 'FAIL' };
    expect(
      senderIsAuthenticated(
        noDmarc,
        'x@attacker.example',
        await mailWith({ 'DKIM-Signature': 'v=1; a=rsa-sha256; d=gmail.com; s=x; b=abc' }),
      ),
    ).toBe(true);
    expect(
      senderIsAuthenticated(
        noDmarc,
        'x@attacker.example',
        await mailWith({ 'DKIM-Signature': 'v=1; d=attacker.example; s=x; b=abc' }),
      ),
    ).toBe(false);
  });
});
