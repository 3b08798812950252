import { describe, expect, it } from 'vitest';
import {
  findContact,
  nameFromAddress,
  normaliseName,
  personName,
  readContact,
} from '../../functions/domain/invite/find-contact.js';
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

describe('reading a contact named in Han characters or without an address', () => {
  const noReply = { name: 'Yunjin', address: 'noreply@mokahr.com' };
  it.each([
    ['ご不明点は採用担当の鈴木（suzuki.ayaka@miraitech.co.jp）までご連絡ください。', '鈴木'],
    ['担当: 人事部 田中（tanaka.kenji@homes-inc.jp）', '田中'],
    ['联系人: 王女士，邮箱：wang.li@yunjin-im.cn', '王女士'],
    ['お問い合わせ: 採用担当 小林（kobayashi.mai@minato-logi.co.jp）', '小林'],
  ])('takes the name the text writes beside the address: %s', (body, name) => {
    const read = readContact({
      original: original({ from: noReply, body }),
      calendar: null,
      userAddresses: [USER],
      ownDomain: 'bowout.localhost',
    });
    expect(read.contact.name).toBe(name);
  });

  it('never takes the word for the address, or a department, for the name', () => {
    const read = readContact({
      original: original({ from: noReply, body: '人事部 邮箱：hr.team@yunjin-im.cn' }),
      calendar: null,
      userAddresses: [USER],
      ownDomain: 'bowout.localhost',
    });
    expect(read.contact.name).toBeNull();
  });

  it('names the writer of a reply line that printed no address, and invents no address', () => {
    const read = readContact({
      original: original({
        via: 'reply',
        fromName: 'Ulrike Brandl',
        body: 'Guten Tag,\n\nwir laden Sie ein.\n\nFreundliche Grüße\nUlrike Brandl\nWerkstattleitung',
      }),
      calendar: null,
      userAddresses: [USER],
      ownDomain: 'bowout.localhost',
    });
    expect(read.contact).toMatchObject({ name: 'Ulrike Brandl', email: null });
  });
});

describe('a scheduling system and its calendar account', () => {
  const scheduled = (organizer: string, uid: string) =>
    ({ ...calendar({ name: 'Harbourline Scheduling', address: organizer }), uid }) as CalendarFacts;

  it('never writes to the calendar account a scheduler books from, and names the coordinator the text gives', () => {
    const read = readContact({
      original: original({
        from: { name: 'Harbourline', address: 'notifications@modernloop.io' },
        body: 'Hiring manager\tBen Sato\n\nYour recruiting coordinator for this process is Priya Raman. Reply to this email.',
      }),
      calendar: scheduled('scheduling@harbourline.co.uk', 'ml-0-7b20e1@modernloop.io'),
      userAddresses: [USER],
      ownDomain: 'bowout.localhost',
    });
    expect(read.contact).toMatchObject({ email: null, name: 'Priya Raman' });
  });

  it('keeps a person organizing from the scheduler, and a team mailbox of an event the employer wrote', () => {
    const host = readContact({
      original: original({ from: { name: 'Calendly', address: 'notifications@calendly.com' } }),
      calendar: scheduled('dana@prairieroute.com', 'calendly-77ab02c9@calendly.com'),
      userAddresses: [USER],
      ownDomain: 'bowout.localhost',
    });
    expect(host.contact.email).toBe('dana@prairieroute.com');
    const own = readContact({
      original: original({}),
      calendar: scheduled(
        'interviews@redwoodledger.com',
        '040000008200E00074C5B7101A82E008@redwoodledger.com',
      ),
      userAddresses: [USER],
      ownDomain: 'bowout.localhost',
    });
    expect(own.contact.email).toBe('interviews@redwoodledger.com');
  });
});

describe('weighing every address the invite names', () => {
  const read = (overrides: Partial<OriginalMessage>, cal: CalendarFacts | null = null) =>
    readContact({
      original: original(overrides),
      calendar: cal,
      userAddresses: [USER],
      ownDomain: 'bowout.localhost',
    });

  it('never writes to a tracking system’s relay, and says so', () => {
    const contact = read({ from: { name: 'Calumet Careers', address: 'careers-calumet@talent.icims.com' } });
    expect(contact.email.value).toBeNull();
    expect(contact.email.candidates[0]?.notes).toContain("a tracking system's relay");
  });

  it('finds the recruiter a tracking system names in its text, with the name beside the address', () => {
    const cases = [
      'Recruiter: Tom Whitaker (tom.whitaker@ferncliff.com)',
      'Your recruiter: Tom Whitaker, tom.whitaker@ferncliff.com, 403-555-0162',
      'If anything changes, please contact Tom Whitaker directly at tom.whitaker@ferncliff.com.',
      'Questions? Tom Whitaker <tom.whitaker@ferncliff.com>',
    ];
    for (const line of cases) {
      const contact = read({
        from: { name: 'Ferncliff', address: 'no-reply@us.greenhouse-mail.io' },
        body: `Hi Sam,\n\nYour interview is confirmed.\n\n${line}\n\nFerncliff Recruiting`,
      });
      expect(contact.contact, line).toEqual({
        name: 'Tom Whitaker',
        email: 'tom.whitaker@ferncliff.com',
        company: null,
      });
    }
  });

  it('reads an address only within a line’s first 600 characters and the text’s first 2,000 lines', () => {
    const from = { name: 'Ferncliff', address: 'no-reply@us.greenhouse-mail.io' };
    const far = read({
      from,
      body: `${'x'.repeat(600)} tom.whitaker@ferncliff.com\nPlease contact Ana Ruiz at ana.ruiz@ferncliff.com.`,
    });
    expect(far.email.candidates.map((c) => c.value)).toEqual([
      'ana.ruiz@ferncliff.com',
      'no-reply@us.greenhouse-mail.io',
    ]);
    const late = read({
      from,
      body: `${'Details.\n'.repeat(1_999)}Please contact Tom Whitaker at tom.whitaker@ferncliff.com.`,
    });
    expect(late.email.value).toBe('tom.whitaker@ferncliff.com');
    const tooLate = read({
      from,
      body: `${'Details.\n'.repeat(2_000)}Please contact Tom Whitaker at tom.whitaker@ferncliff.com.`,
    });
    expect(tooLate.email.value).toBeNull();
  });

  it('finds the recruiter whose address stands under her name in the closing lines', () => {
    const contact = read({
      from: { name: 'Calumet Careers', address: 'careers-calumet@talent.icims.com' },
      body:
        'Please do not reply to this message; this mailbox is not monitored.\n\nIf you need to reschedule, please contact your recruiter:\n\n' +
        'Bernadette Kowalski\nSenior Talent Acquisition Partner\n(708) 555-0148\nbkowalski@calumethealth.org\n',
    });
    expect(contact.contact).toEqual({
      name: 'Bernadette Kowalski',
      email: 'bkowalski@calumethealth.org',
      company: null,
    });
  });

  it('prefers a person’s own address to a team mailbox, and keeps the team mailbox when there is no other', () => {
    const signed = read({
      from: { name: 'Kelpwater Interviews', address: 'interviews@kelpwater.io' },
      body: 'See you soon,\nMarisa Delgado\nTechnical Recruiter, Kelpwater\nmarisa.delgado@kelpwater.io | (415) 555-0164',
    });
    expect(signed.contact.email).toBe('marisa.delgado@kelpwater.io');
    expect(signed.contact.name).toBe('Marisa Delgado');
    const team = read({
      from: { name: 'Rheinknie Pharma Personal', address: 'jobs@rheinknie-pharma.ch' },
      body: 'Freundliche Grüsse\n\nBeatrice Zumsteg\nHR Business Partner\n\nRheinknie Pharma AG',
    });
    expect(team.contact).toEqual({
      name: 'Beatrice Zumsteg',
      email: 'jobs@rheinknie-pharma.ch',
      company: null,
    });
    // A team mailbox and a name read from the signature are not stated plainly.
    expect(team.email.certain).toBe(false);
    expect(team.name.certain).toBe(false);
  });

  it('trusts a sender less when the mail says its address is not read', () => {
    const contact = read({
      from: { name: 'Isartal Mobilität', address: 'isartal@isartal-mobilitaet.de' },
      body:
        'Bei Fragen erreichen Sie mich unter franziska.obermaier@isartal-mobilitaet.de.\n\n' +
        'Diese Nachricht wurde automatisch versendet. Bitte antworten Sie nicht auf diese E-Mail.',
    });
    expect(contact.contact.email).toBe('franziska.obermaier@isartal-mobilitaet.de');
    expect(contact.contact.name).toBe('Franziska Obermaier');
  });

  it('is sure of an address its sender wrote from, not of one it chose among equals', () => {
    const sure = read({ from: { name: 'Priya Natarajan', address: 'priya.natarajan@northwind.com' } });
    expect(sure.email.certain).toBe(true);
    expect(sure.name.certain).toBe(true);
    const close = read({
      from: { name: 'Northwind', address: 'no-reply@northwind.com' },
      body: 'Questions? Write to jo.park@northwind.com or to priya.natarajan@northwind.com.',
    });
    expect(close.email.value).not.toBeNull();
    expect(close.email.certain).toBe(false);
    expect(close.email.why).toMatch(/too close to call/);
  });

  it('names a person the text asks to contact when there is no address at all', () => {
    const contact = read({
      from: { name: 'Älvstranden Tandvård via Varbi', address: 'noreply@varbi.com' },
      body: 'Vid frågor är du välkommen att kontakta klinikchef Elin Sjöberg på telefon 031-390 06 54.',
    });
    expect(contact.contact.email).toBeNull();
    expect(contact.name.candidates.map((c) => c.value)).toContain('Elin Sjöberg');
  });

  it('never writes to a scheduling mailbox or to mass mail (a booking mailbox, a newsletter, an alert)', () => {
    for (const address of [
      'vorstellungsgespraeche@rheinwerk.onmicrosoft.com',
      'newsletter@kustrekrytering.se',
      'alertes@offres-nord.fr',
      'jobalerts@jobsboard.example',
    ]) {
      const contact = read({ from: { name: 'Rheinwerk', address } });
      expect(contact.email.value, address).toBeNull();
    }
  });

  it('reads a name after a polite form of address, not the pronoun before it', () => {
    for (const line of [
      'Bei Fragen erreichen Sie Herrn Malte Sörensen unter malte.soerensen@elbufer.de.',
      'Bei Rückfragen wenden Sie sich bitte an Frau Dr. Ilka Brandt unter ilka.brandt@elbufer.de.',
      'W razie pytań prosimy o kontakt z Panią Martą Zielińską: marta.zielinska@elbufer.de',
    ]) {
      const contact = read({ from: { name: 'Elbufer', address: 'noreply@softgarden.io' }, body: line });
      expect(contact.contact.name, line).not.toMatch(/^(?:Sie|Herrn|Frau|Dr|Panią)\b/);
      expect(contact.contact.name, line).toMatch(/^(?:Malte Sörensen|Ilka Brandt|Martą Zielińską)$/);
    }
  });

  it('takes no team, no word with a full stop and no team mailbox’s words for a person’s name', () => {
    expect(personName('Zespół Rekrutacji Mazowsze')).toBeNull();
    expect(personName('Équipe Recrutement Lumière')).toBeNull();
    const team = read({
      from: { name: null, address: 'talent.uk@harwellgrid.co.uk' },
    } as Partial<OriginalMessage>);
    expect(team.contact.email).toBe('talent.uk@harwellgrid.co.uk');
    expect(team.contact.name).toBeNull();
    const sentence = read({
      from: { name: 'Alpenblick Bewerbungen', address: 'noreply@bookings.example' },
      body: 'Fragen? Schreiben Sie uns eine E-Mail. Änderungen sind bis 24 Stunden vorher möglich.',
    });
    expect(sentence.contact.name).toBeNull();
  });

  it('does not take a tracking system’s company name for a person', () => {
    const contact = read({
      from: { name: 'Allegheny Trust', address: 'noreply@hirevue.com' },
      body: 'Sincerely,\nAllegheny Trust Campus Recruiting',
    });
    expect(contact.contact.name).toBeNull();
  });

  it('does not call a chatbot at a company a person', () => {
    expect(personName('Olivia at Bluebonnet Grocers')).toBeNull();
    expect(personName('Hannah Cole (via Greenhouse)')).toBe('Hannah Cole');
  });
});
