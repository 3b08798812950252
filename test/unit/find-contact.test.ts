import { describe, expect, it } from 'vitest';
import { findContact, nameFromAddress, normaliseName } from '../../functions/domain/invite/find-contact.js';
import type { OriginalMessage } from '../../functions/domain/invite/find-original.js';
import type { CalendarFacts } from '../../functions/domain/invite/read-calendar.js';

const original = (overrides: Partial<OriginalMessage>): OriginalMessage => ({
  via: 'inline',
  from: null,
  replyTo: [],
  subject: 'Interview',
  date: null,
  dateOffsetMinutes: null,
  messageId: null,
  references: [],
  body: '',
  calendars: [],
  note: '',
  ...overrides,
});

const calendar = (organizer: CalendarFacts['organizer']): CalendarFacts =>
  ({
    uid: 'u',
    sequence: 0,
    organizer,
    start: null,
    end: null,
    timezone: null,
    certain: false,
    summary: null,
    location: null,
  }) as CalendarFacts;

const USER = 'sam@gmail.com';

describe('normalising a contact name', () => {
  it.each([
    ['Okafor, Daniel', 'Daniel Okafor'],
    ['Hannah Cole (via Greenhouse)', 'Hannah Cole'],
    ['Hannah Cole via Lever', 'Hannah Cole'],
    ['"Priya Natarajan"', 'Priya Natarajan'],
    ["Sam O'Neill", "Sam O'Neill"],
    ['DANIEL OKAFOR', 'Daniel Okafor'],
    ['Acme, Inc.', 'Acme, Inc.'],
    ['someone@example.com', null],
    ['', null],
  ])('%j becomes %j', (raw, expected) => {
    expect(normaliseName(raw)).toBe(expected);
  });

  it('derives a name only from an unambiguous first.last address', () => {
    expect(nameFromAddress('hannah.cole@fabrikam.com')).toBe('Hannah Cole');
    expect(nameFromAddress('hcole@fabrikam.com')).toBeNull();
    expect(nameFromAddress('talent.team.eu@fabrikam.com')).toBeNull();
  });
});

describe('choosing the contact', () => {
  it('prefers the Reply-To over the organizer, the text and the sender', () => {
    const contact = findContact(
      original({
        replyTo: [{ name: 'Maria Gonzalez', address: 'maria@contoso.com' }],
        from: { name: 'Contoso Careers', address: 'careers@contoso.com' },
        body: 'Questions? Write to hr@contoso.com',
      }),
      calendar({ name: 'Ola', address: 'ola@contoso.com' }),
      USER,
      'bowout.localhost',
    );
    expect(contact).toEqual({ name: 'Maria Gonzalez', email: 'maria@contoso.com', company: null });
  });

  it('takes the organizer when the sender is a no-reply address', () => {
    const contact = findContact(
      original({ from: { name: 'Hannah Cole (via Greenhouse)', address: 'no-reply@greenhouse.io' } }),
      calendar({ name: null, address: 'hannah.cole@fabrikam.com' }),
      USER,
      'bowout.localhost',
    );
    expect(contact).toEqual({ name: 'Hannah Cole', email: 'hannah.cole@fabrikam.com', company: null });
  });

  it('takes an address the text asks the candidate to write to', () => {
    const contact = findContact(
      original({
        from: { name: 'Lever', address: 'no-reply@hire.lever.co' },
        body: 'If anything changes, please reply to jo.park@brightlane.io directly.',
      }),
      null,
      USER,
      'bowout.localhost',
    );
    expect(contact.email).toBe('jo.park@brightlane.io');
    expect(contact.name).toBe('Jo Park');
  });

  it('returns no address rather than a no-reply one, but keeps a named person', () => {
    const contact = findContact(
      original({ from: { name: 'Hannah Cole (via Greenhouse)', address: 'no-reply@greenhouse.io' } }),
      null,
      USER,
      'bowout.localhost',
    );
    expect(contact).toEqual({ name: 'Hannah Cole', email: null, company: null });
  });

  it('never chooses the user or Bowout itself', () => {
    const contact = findContact(
      original({
        replyTo: [{ name: null, address: USER }],
        from: { name: null, address: 'cancel@bowout.localhost' },
      }),
      null,
      USER,
      'bowout.localhost',
    );
    expect(contact.email).toBeNull();
  });

  it('does not call a team a person', () => {
    const contact = findContact(
      original({ from: { name: 'Contoso Talent Team', address: 'talent@contoso.com' } }),
      null,
      USER,
      'bowout.localhost',
    );
    expect(contact).toEqual({ name: null, email: 'talent@contoso.com', company: null });
  });
});
