import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCalendar, readCalendarEvents } from '../../functions/domain/invite/read-calendar.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';

/**
 * Real calendar files from calendar libraries' test suites (Exchange, Outlook, Lotus Notes, Google, Zimbra,
 * BlackBerry, Apple), with organizer and start instant worked out by hand in their manifest, and the real
 * mails two of them came in. Origins in each folder's README.
 */
const CALENDARS = new URL('../fixtures/calendar-corpus/', import.meta.url);
const CALENDAR_MAILS = new URL('../fixtures/calendar-mails/', import.meta.url);

interface ManifestEvent {
  summary: string | null;
  organizer: { email: string; name: string | null; name_note?: string } | null;
  tzid: string | null;
  expected_start_utc: string | null;
  expected_start_date: string | null;
  alternatives_utc?: string[];
  status?: string | null;
  sequence?: number;
}

interface ManifestFile {
  file: string;
  method: string | null;
  events: ManifestEvent[];
  uncertain: boolean;
  notes: string;
}

const manifest = JSON.parse(readFileSync(new URL('manifest.json', CALENDARS), 'utf8')) as {
  files: ManifestFile[];
};
const read = (file: string) => readFileSync(new URL(file, CALENDARS), 'utf8');

/** The event an invitation is about: the first one not cancelled (the manifest lists no overrides). */
function expectedInvitation(entry: ManifestFile): ManifestEvent | null {
  if (entry.method !== null && !['REQUEST', 'PUBLISH'].includes(entry.method)) return null;
  return entry.events.find((e) => e.status !== 'CANCELLED') ?? null;
}

function instant(iso: string): string {
  return new Date(iso).toISOString();
}

function expectOrganizer(actual: { name: string | null; address: string } | null, expected: ManifestEvent) {
  if (!expected.organizer) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual?.address).toBe(expected.organizer.email.toLowerCase());
  // A placeholder CN ("No Name") or one that repeats the address is no name; the manifest allows null there.
  const names = expected.organizer.name_note ? [expected.organizer.name, null] : [expected.organizer.name];
  expect(names).toContain(actual?.name ?? null);
}

function expectStart(
  actual: { start: string | null; startDate?: string | null; certain: boolean },
  expected: ManifestEvent,
  uncertain: boolean,
) {
  if (expected.expected_start_utc === null) {
    expect(actual.start).toBeNull();
    expect(actual.startDate).toBe(expected.expected_start_date);
    // A day without an hour is never a certain interview time.
    expect(actual.certain).toBe(false);
    return;
  }
  const accepted = [expected.expected_start_utc, ...(expected.alternatives_utc ?? [])].map(instant);
  expect(accepted).toContain(actual.start);
  if (uncertain) expect(actual.certain).toBe(false);
}

describe('the calendar corpus', () => {
  it('lists the 25 files it is described with', () => {
    expect(manifest.files).toHaveLength(25);
  });

  describe.each(manifest.files.map((f) => [f.file, f] as const))('%s', (_, entry) => {
    const ics = read(entry.file);

    it('reads every event with its organizer and start', () => {
      const events = readCalendarEvents(ics, null);
      expect(events).toHaveLength(entry.events.length);
      entry.events.forEach((expected, i) => {
        const actual = events[i];
        if (!actual) throw new Error(`event ${i} missing`);
        expectOrganizer(actual.organizer, expected);
        expectStart(actual, expected, entry.uncertain);
        if (expected.sequence !== undefined) expect(actual.sequence).toBe(expected.sequence);
      });
    });

    it('reads the invitation, or nothing when the file is not one', () => {
      const facts = readCalendar(ics, null);
      const expected = expectedInvitation(entry);
      if (!expected) {
        expect(facts).toBeNull();
        return;
      }
      if (!facts) throw new Error('no invitation read');
      expectOrganizer(facts.organizer, expected);
      expectStart(facts, expected, entry.uncertain);
      if (facts.start) expect(facts.timezone).not.toBeNull();
    });
  });
});

/** The mails that carry a calendar, and the .ics extracted from each. */
const emails = JSON.parse(readFileSync(new URL('manifest.json', CALENDAR_MAILS), 'utf8')) as {
  messages: { file: string; categories: string[] }[];
};
const calendarMails = emails.messages
  .filter((m) => m.categories.includes('calendar'))
  .map((m) => {
    const stem = m.file.replace(/^.*\//, '').replace(/\.eml$/, '');
    const calendar = manifest.files.find((f) => f.file.startsWith(`permissive/${stem}.`));
    return [m.file, calendar] as const;
  });

describe('calendars inside the corpus mails', () => {
  it('finds the two mails that carry one', () => {
    expect(calendarMails).toHaveLength(2);
    for (const [, calendar] of calendarMails) expect(calendar).toBeDefined();
  });

  it.each(calendarMails)(
    '%s: parseMail hands the calendar text to the reader intact',
    async (file, calendar) => {
      const mail = await parseMail(readFileSync(new URL(file, CALENDAR_MAILS)));
      expect(mail.calendars.length).toBeGreaterThan(0);
      const expectedText = read(calendar?.file ?? '')
        .replace(/\r\n/g, '\n')
        .trim();
      expect(mail.calendars.map((c) => c.replace(/\r\n/g, '\n').trim())).toContain(expectedText);
      const expected = calendar ? expectedInvitation(calendar) : null;
      const facts = readCalendar(mail.calendars[0] ?? '', mail.dateOffsetMinutes);
      if (!facts || !expected) throw new Error('no invitation read');
      expectOrganizer(facts.organizer, expected);
      expectStart(facts, expected, false);
    },
  );
});

/** The shapes mail clients send a calendar in. */
function base64Lines(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

const SHAPES: Record<string, (ics: string) => string> = {
  'text/calendar alternative (Outlook, Google)': (ics) =>
    [
      'From: Recruiter <recruiter@example.com>',
      'To: candidate@example.org',
      'Subject: Interview',
      'Date: Mon, 2 Mar 2026 10:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'You are invited.',
      '--alt',
      'Content-Type: text/calendar; charset=UTF-8; method=REQUEST',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(ics),
      '--alt--',
      '',
    ].join('\r\n'),
  '.ics attachment as application/octet-stream': (ics) =>
    [
      'From: Recruiter <recruiter@example.com>',
      'To: candidate@example.org',
      'Subject: Interview',
      'Date: Mon, 2 Mar 2026 10:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="mix"',
      '',
      '--mix',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Invitation attached.',
      '--mix',
      'Content-Type: application/octet-stream; name="invite.ics"',
      'Content-Disposition: attachment; filename="invite.ics"',
      'Content-Transfer-Encoding: base64',
      '',
      base64Lines(ics),
      '--mix--',
      '',
    ].join('\r\n'),
  'calendar inside a mail forwarded as an attachment': (ics) =>
    [
      'From: Candidate <candidate@example.org>',
      'To: cancel@bowout.localhost',
      'Subject: Fwd: Interview',
      'Date: Mon, 2 Mar 2026 11:00:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      '--outer',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'Please cancel this one.',
      '--outer',
      'Content-Type: message/rfc822',
      '',
      (SHAPES['text/calendar alternative (Outlook, Google)'] as (ics: string) => string)(ics),
      '--outer--',
      '',
    ].join('\r\n'),
};

describe.each(Object.entries(SHAPES))('each corpus calendar sent as %s', (_, shape) => {
  it.each(manifest.files.map((f) => [f.file, f] as const))('%s reaches the reader', async (file) => {
    const ics = read(file);
    const mail = await parseMail(shape(ics));
    const calendars = mail.calendars.length > 0 ? mail.calendars : (mail.attached[0]?.calendars ?? []);
    expect(calendars).toHaveLength(1);
    expect(readCalendarEvents(calendars[0] ?? '', null)).toEqual(readCalendarEvents(ics, null));
  });
});

// Shapes some senders use for calendars; each was once missed (regression tests).
describe('calendar parts in unusual wrappings', () => {
  const wrap = (part: string) =>
    [
      'From: Candidate <candidate@example.org>',
      'To: cancel@bowout.localhost',
      'Subject: Fwd: Interview',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=UTF-8',
      '',
      'See the invite.',
      '--b',
      part,
      '--b--',
      '',
    ].join('\r\n');
  const ics = [
    'BEGIN:VCALENDAR',
    'METHOD:REQUEST',
    'BEGIN:VEVENT',
    'UID:x-1',
    'DTSTART:20261210T100000Z',
    'ORGANIZER;CN=Jürgen Weiß:mailto:juergen@example.de',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

  it('reads an application/octet-stream attachment with no file name that starts BEGIN:VCALENDAR', async () => {
    const mail = await parseMail(
      wrap(
        `Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(ics).toString('base64')}`,
      ),
    );
    expect(mail.calendars).toHaveLength(1);
  });

  it('reads attachments named *.ical and *.icalendar', async () => {
    for (const name of ['invite.ical', 'invite.icalendar']) {
      const mail = await parseMail(
        wrap(
          `Content-Type: application/octet-stream; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(ics).toString('base64')}`,
        ),
      );
      expect(mail.calendars).toHaveLength(1);
    }
  });

  it('decodes an 8-bit .ics without a charset as Windows-1252 when it is not UTF-8', async () => {
    const latin = Buffer.from(ics, 'latin1');
    const mail = await parseMail(
      wrap(
        `Content-Type: application/octet-stream; name="invite.ics"\r\nContent-Transfer-Encoding: base64\r\n\r\n${latin.toString('base64')}`,
      ),
    );
    expect(readCalendarEvents(mail.calendars[0] ?? '', null)[0]?.organizer?.name).toBe('Jürgen Weiß');
  });
});
