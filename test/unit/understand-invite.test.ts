import { describe, expect, it } from 'vitest';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import { fixture } from '../support/mail.js';

async function understand(name: string) {
  const mail = await parseMail(fixture(`invites/${name}`));
  return understandInvite(mail, { userAddress: mail.from?.address ?? '', ownDomain: 'bowout.localhost' });
}

describe('understanding a forwarded invite', () => {
  it('reads a Gmail inline forward: the original sender, company, role and time relative to the original date', async () => {
    const { facts, isInvite } = await understand('gmail-inline.eml');
    expect(isInvite).toBe(true);
    expect(facts.employer).toEqual({
      name: 'Priya Natarajan',
      email: 'priya.natarajan@northwind-analytics.com',
      company: 'Northwind Analytics',
    });
    expect(facts.role).toBe('Senior Data Engineer');
    expect(facts.interview.start).toBe('2026-12-08T22:00:00.000Z');
    expect(facts.phone).toBe('+1 (415) 555-0134');
    expect(facts.missing).toEqual([]);
  });

  it('reads an Outlook "Original Message" block, turns "Last, First" around and keeps the user note apart', async () => {
    const { facts, note } = await understand('outlook-original-message.eml');
    expect(facts.employer).toEqual({
      name: 'Daniel Okafor',
      email: 'daniel.okafor@brightlane.co.uk',
      company: 'Brightlane',
    });
    expect(facts.role).toBe('Product Designer');
    expect(facts.interview.start).toBe('2026-12-10T11:00:00.000Z');
    expect(note).toBe('I found another position, please help me cancel this.');
  });

  it('prefers the attached original mail: its Reply-To over a no-reply From, its Message-ID, its date for "tomorrow"', async () => {
    const { facts } = await understand('attached-rfc822.eml');
    expect(facts.employer.email).toBe('maria.gonzalez@contoso.com');
    expect(facts.employer.name).toBe('Maria Gonzalez');
    expect(facts.originalMessageId).toBe('<invite-003@contoso.com>');
    expect(facts.originalReferences).toEqual(['<application-77@contoso.com>']);
    expect(facts.role).toBe('Backend Engineer');
    // "tomorrow at 3pm EST", written on 2 December at 15:30 -0500.
    expect(facts.interview.start).toBe('2026-12-03T20:00:00.000Z');
  });

  it('reads a calendar invitation: the organizer over a no-reply sender, the zone-aware start, UID and SEQUENCE', async () => {
    const { facts } = await understand('calendar-invite.eml');
    expect(facts.employer.email).toBe('hannah.cole@fabrikam.com');
    expect(facts.employer.name).toBe('Hannah Cole');
    expect(facts.interview).toEqual({
      start: '2026-12-11T15:00:00.000Z',
      end: '2026-12-11T16:00:00.000Z',
      timezone: 'America/New_York',
      certain: true,
    });
    expect(facts.calendarEvent).toEqual({ uid: 'gh-interview-98765@greenhouse.io', sequence: 2 });
  });

  it('says a message without a forward or calendar is not an invite', async () => {
    const { facts, isInvite } = await understand('newsletter.eml');
    expect(isInvite).toBe(false);
    expect(facts.missing).toContain('invite');
    expect(facts.interview.start).toBeNull();
  });

  it('never returns a no-reply address as the contact', async () => {
    const raw =
      'From: Casey <casey@proton.me>\r\nTo: cancel@bowout.localhost\r\nSubject: Fwd: Interview\r\nDate: Fri, 4 Dec 2026 12:00:00 +0100\r\n\r\n' +
      '---------- Forwarded message ---------\r\nFrom: Careers <no-reply@jobs.example.com>\r\nDate: Thu, Dec 3, 2026 at 9:00 AM\r\nSubject: Interview\r\nTo: <casey@proton.me>\r\n\r\nYour interview is on Monday at 10am.\r\n';
    const mail = await parseMail(raw);
    const { facts } = understandInvite(mail, {
      userAddress: 'casey@proton.me',
      ownDomain: 'bowout.localhost',
    });
    expect(facts.employer.email).toBeNull();
    expect(facts.missing).toContain('employer.email');
  });
});
