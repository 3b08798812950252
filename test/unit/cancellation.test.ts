import { describe, expect, it } from 'vitest';
import { openCase } from '../../functions/domain/case.js';
import { writeCancellation } from '../../functions/domain/letters/cancellation.js';
import { composeDraftMail } from '../../functions/domain/letters/user-mail.js';
import type { InviteFacts } from '../../functions/domain/model.js';

const facts: InviteFacts = {
  employer: { name: 'Priya Natarajan', email: 'priya@northwind.example', company: 'Northwind Analytics' },
  role: 'Senior Data Engineer',
  interview: { start: '2026-12-08T22:00:00.000Z', end: null, timezone: 'America/Los_Angeles', certain: true },
  missing: [],
  uncertain: [],
  originalSubject: 'Interview for Senior Data Engineer',
  originalMessageId: '<m1@northwind.example>',
  originalReferences: [],
  calendarEvent: null,
  phone: null,
};

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe('the cancellation', () => {
  it('greets by first name, thanks, withdraws from the named role, apologises and signs with the user name', () => {
    const { subject, body } = writeCancellation(facts, { signature: 'Alex Rivera' });
    expect(subject).toBe('Re: Interview for Senior Data Engineer');
    expect(body.startsWith('Dear Priya,')).toBe(true);
    expect(body).toMatch(/Thank you/);
    expect(body).toContain('Senior Data Engineer position at Northwind Analytics');
    expect(body).toMatch(/withdraw/);
    expect(body).toContain('Tuesday 8 December');
    expect(body).toMatch(/apologise/);
    expect(body.trimEnd().endsWith('Alex Rivera')).toBe(true);
  });

  it('stays around 120 words and leaves no placeholder in', () => {
    const { body } = writeCancellation(facts, { signature: 'Alex Rivera' });
    expect(words(body)).toBeGreaterThan(80);
    expect(words(body)).toBeLessThan(160);
    expect(body).not.toMatch(/\[|\]|\{|\}|<|>|null|undefined|TODO/);
  });

  it('gives a reason and an offer only when the user gave them', () => {
    const plain = writeCancellation(facts, { signature: 'Alex' }).body;
    expect(plain).not.toMatch(/accepted another offer|part-time/);
    const withBoth = writeCancellation(facts, {
      signature: 'Alex',
      reason: 'I have accepted another offer',
      offer: 'a part-time contract later next year',
    }).body;
    expect(withBoth).toContain('I have accepted another offer.');
    expect(withBoth).toContain('a part-time contract later next year.');
  });

  it('writes a complete, polite note even when the name, company, role and time are unknown', () => {
    const unknown: InviteFacts = {
      ...facts,
      employer: { name: null, email: null, company: null },
      role: null,
      interview: { start: null, end: null, timezone: null, certain: false },
      originalSubject: null,
    };
    const { subject, body } = writeCancellation(unknown, { signature: null });
    expect(subject).toBe('Withdrawing from the interview');
    expect(body.startsWith('Hello,')).toBe(true);
    expect(body).not.toMatch(/null|undefined/);
  });
});

describe('the draft mail to the user', () => {
  const value = openCase({
    caseId: 'c1',
    user: { email: 'alex@gmail.example', name: 'Alex <b>Rivera</b>', timezone: 'UTC+1' },
    facts: { ...facts, employer: { ...facts.employer, company: '<script>alert(1)</script> Corp' } },
    sourceMessageId: 'm1',
    now: new Date('2026-12-01T00:00:00.000Z'),
  });
  const now = new Date('2026-12-01T12:00:00Z');

  it('shows the interview in the user zone and the employer zone, and the commands', () => {
    const mail = composeDraftMail(value, {
      replyAddress: 'reply+abc@bowout.localhost',
      sender: { senderAddress: 'send@bowout.localhost' },
      now: now,
    });
    expect(mail.replyTo).toEqual(['reply+abc@bowout.localhost']);
    expect(mail.text).toContain('Tuesday 8 December 2026, 23:00 (UTC+1) your time');
    expect(mail.text).toContain('14:00 (PST) for them');
    expect(mail.text).toMatch(/^\s+SEND: /m);
    expect(mail.text).toContain('mailto:priya@northwind.example?subject=Re%3A%20Interview');
  });

  it('escapes every employer-provided string in the HTML part', () => {
    const mail = composeDraftMail(value, {
      replyAddress: 'reply+abc@bowout.localhost',
      sender: { senderAddress: 'send@bowout.localhost' },
      now: now,
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('warns when the interview is hours away, with the phone number, and when it has passed', () => {
    const soon = { ...value, facts: { ...value.facts, phone: '+1 415 555 0134' } };
    const close = composeDraftMail(soon, {
      replyAddress: 'r@x.y',
      sender: { senderAddress: 's@x.y' },
      now: new Date('2026-12-08T20:00:00Z'),
    });
    expect(close.text).toContain(
      'a quick phone call as well would be kind (the invite lists +1 415 555 0134)',
    );
    const past = composeDraftMail(value, {
      replyAddress: 'r@x.y',
      sender: { senderAddress: 's@x.y' },
      now: new Date('2026-12-09T00:00:00Z'),
    });
    expect(past.text).toMatch(/passed already/);
  });

  it('shows one time when both zones agree', () => {
    const same = { ...value, user: { ...value.user, timezone: 'UTC-8' } };
    const mail = composeDraftMail(same, {
      replyAddress: 'r@x.y',
      sender: { senderAddress: 's@x.y' },
      now: now,
    });
    expect(mail.text).not.toContain('for them');
  });
});
