import { describe, expect, it } from 'vitest';
import { writeCancellation } from '../../functions/domain/cancellation.js';
import type { InviteFacts } from '../../functions/domain/model.js';

const facts: InviteFacts = {
  employer: { name: 'Priya Natarajan', email: 'priya@northwind.example', company: 'Northwind Analytics' },
  role: 'Senior Data Engineer',
  interview: { start: '2026-12-08T22:00:00.000Z', end: null, timezone: 'America/Los_Angeles', certain: true },
  missing: [],
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
