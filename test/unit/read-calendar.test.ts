import { readFileSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  readCalendar,
  readCalendarEvents,
  readCalendars,
} from '../../functions/domain/invite/read-calendar.js';
import {
  WINDOWS_ZONE_IDS,
  WINDOWS_ZONE_TARGETS,
  windowsDisplayNameToIana,
  windowsIdToIana,
} from '../../functions/domain/invite/windows-zones.js';

/** A calendar with the given lines inside one VEVENT (and optional lines before it). */
function calendar(event: string[], options: { method?: string | null; before?: string[] } = {}): string {
  const method = options.method === undefined ? 'REQUEST' : options.method;
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Bowout//EN',
    ...(method ? [`METHOD:${method}`] : []),
    ...(options.before ?? []),
    'BEGIN:VEVENT',
    'UID:interview-42@example.com',
    'SEQUENCE:3',
    'ORGANIZER;CN=Hannah Cole:mailto:hannah.cole@fabrikam.com',
    'SUMMARY:Interview: Staff Engineer',
    ...event,
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function read(
  event: string[],
  options: Parameters<typeof calendar>[1] = {},
  senderOffset: number | null = null,
) {
  const facts = readCalendar(calendar(event, options), senderOffset);
  if (!facts) throw new Error('no invitation read');
  return facts;
}

/** The VTIMEZONE Exchange writes for a Windows zone: rules from 1601, current rules only. */
function exchangeZone(tzid: string, standard: [string, string, string], daylight: [string, string, string]) {
  const [stdOffset, stdMonth, stdDay] = standard;
  const [dstOffset, dstMonth, dstDay] = daylight;
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${tzid}`,
    'BEGIN:STANDARD',
    'DTSTART:16010101T020000',
    `TZOFFSETFROM:${dstOffset}`,
    `TZOFFSETTO:${stdOffset}`,
    `RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=${stdDay};BYMONTH=${stdMonth}`,
    'END:STANDARD',
    'BEGIN:DAYLIGHT',
    'DTSTART:16010101T020000',
    `TZOFFSETFROM:${stdOffset}`,
    `TZOFFSETTO:${dstOffset}`,
    `RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=${dstDay};BYMONTH=${dstMonth}`,
    'END:DAYLIGHT',
    'END:VTIMEZONE',
  ];
}

describe('readCalendar: UTC and IANA zones', () => {
  it('reads a UTC start and end as they are, certain', () => {
    const facts = read(['DTSTART:20261208T150000Z', 'DTEND:20261208T160000Z']);
    expect(facts.start).toBe('2026-12-08T15:00:00.000Z');
    expect(facts.end).toBe('2026-12-08T16:00:00.000Z');
    expect(facts.timezone).toBe('UTC');
    expect(facts.certain).toBe(true);
  });

  it('reads an IANA TZID with its summer offset', () => {
    const facts = read(['DTSTART;TZID=America/New_York:20260714T100000']);
    expect(facts.start).toBe('2026-07-14T14:00:00.000Z');
    expect(facts.timezone).toBe('America/New_York');
    expect(facts.certain).toBe(true);
  });

  it('reads a quoted IANA TZID with no VTIMEZONE in the file from tzdb', () => {
    expect(read(['DTSTART;TZID="Europe/Berlin":20261208T090000']).start).toBe('2026-12-08T08:00:00.000Z');
  });

  it('reads IANA names behind vendor prefixes (Mozilla, Citadel, softwarestudio)', () => {
    for (const tzid of [
      '/mozilla.org/20050126_1/America/New_York',
      '/citadel.org/20190914_1/America/New_York',
      '/softwarestudio.org/Olson_20011030_5/America/New_York',
    ]) {
      const facts = read([`DTSTART;TZID=${tzid}:20261208T090000`]);
      expect(facts.start).toBe('2026-12-08T14:00:00.000Z');
      expect(facts.timezone).toBe('America/New_York');
    }
  });

  it('reads the first occurrence of a repeated hour, and a skipped hour with the offset before the gap', () => {
    expect(read(['DTSTART;TZID=America/New_York:20261101T013000']).start).toBe('2026-11-01T05:30:00.000Z');
    expect(read(['DTSTART;TZID=America/New_York:20260308T023000']).start).toBe('2026-03-08T07:30:00.000Z');
  });

  it('marks the time uncertain when the file’s VTIMEZONE contradicts tzdb for an IANA name', () => {
    const facts = read(['DTSTART;TZID=Europe/Berlin:20260714T100000'], {
      before: [
        'BEGIN:VTIMEZONE',
        'TZID:Europe/Berlin',
        'BEGIN:STANDARD',
        'DTSTART:19700101T000000',
        'TZOFFSETFROM:+0100',
        'TZOFFSETTO:+0100',
        'END:STANDARD',
        'END:VTIMEZONE',
      ],
    });
    expect(facts.start).toBe('2026-07-14T08:00:00.000Z');
    expect(facts.certain).toBe(false);
  });
});

describe('readCalendar: Windows zone ids', () => {
  const cases: [string, string, string, string][] = [
    // [TZID, local winter time → UTC, local summer time → UTC]
    ['Pacific Standard Time', 'America/Los_Angeles', '2026-01-15T18:00:00.000Z', '2026-07-15T17:00:00.000Z'],
    ['W. Europe Standard Time', 'Europe/Berlin', '2026-01-15T09:00:00.000Z', '2026-07-15T08:00:00.000Z'],
    ['GMT Standard Time', 'Europe/London', '2026-01-15T10:00:00.000Z', '2026-07-15T09:00:00.000Z'],
    ['India Standard Time', 'Asia/Kolkata', '2026-01-15T04:30:00.000Z', '2026-07-15T04:30:00.000Z'],
    ['AUS Eastern Standard Time', 'Australia/Sydney', '2026-01-14T23:00:00.000Z', '2026-07-15T00:00:00.000Z'],
    [
      '(UTC-08:00) Pacific Time (US & Canada)',
      'America/Los_Angeles',
      '2026-01-15T18:00:00.000Z',
      '2026-07-15T17:00:00.000Z',
    ],
    [
      '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
      'Europe/Berlin',
      '2026-01-15T09:00:00.000Z',
      '2026-07-15T08:00:00.000Z',
    ],
  ];

  it.each(cases)('reads "%s" as %s in winter and in summer', (tzid, iana, winter, summer) => {
    const quoted = /[,:;]/.test(tzid) ? `"${tzid}"` : tzid;
    const january = read([`DTSTART;TZID=${quoted}:20260115T100000`]);
    const july = read([`DTSTART;TZID=${quoted}:20260715T100000`]);
    expect(january.start).toBe(winter);
    expect(july.start).toBe(summer);
    expect(january.timezone).toBe(iana);
    expect(january.certain).toBe(true);
  });

  it('reads an unquoted display name whose offset has a colon', () => {
    const facts = read(['DTSTART;TZID=(UTC-08:00) Pacific Time (US & Canada):20260715T100000']);
    expect(facts.start).toBe('2026-07-15T17:00:00.000Z');
  });

  it('agrees with the VTIMEZONE Exchange writes beside a Windows id, and stays certain', () => {
    const before = exchangeZone('Pacific Standard Time', ['-0800', '11', '1SU'], ['-0700', '3', '2SU']);
    const winter = read(['DTSTART;TZID=Pacific Standard Time:20261208T090000'], { before });
    const summer = read(['DTSTART;TZID=Pacific Standard Time:20260608T090000'], { before });
    expect(winter.start).toBe('2026-12-08T17:00:00.000Z');
    expect(summer.start).toBe('2026-06-08T16:00:00.000Z');
    expect(summer.certain).toBe(true);
  });

  it('maps every Windows id to an IANA zone this runtime knows', () => {
    expect(WINDOWS_ZONE_IDS.length).toBeGreaterThanOrEqual(135);
    expect(new Set(WINDOWS_ZONE_IDS.map((id) => id.toLowerCase())).size).toBe(WINDOWS_ZONE_IDS.length);
    for (const target of WINDOWS_ZONE_TARGETS) expect(IANAZone.isValidZone(target), target).toBe(true);
  });

  it('looks Windows ids up case-insensitively and display names with or without their offset prefix', () => {
    expect(windowsIdToIana('w. europe standard time')).toBe('Europe/Berlin');
    expect(windowsIdToIana('Romance Standard Time')).toBe('Europe/Paris');
    expect(windowsDisplayNameToIana('(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi')).toBe('Asia/Kolkata');
    expect(windowsDisplayNameToIana('Canberra, Melbourne, Sydney')).toBe('Australia/Sydney');
    expect(windowsDisplayNameToIana('(GMT-08:00) Pacific Time (US & Canada); Tijuana')).toBe(
      'America/Los_Angeles',
    );
    expect(windowsDisplayNameToIana('Nowhere Standard Time')).toBeNull();
  });
});

describe('readCalendar: zones defined only by the file', () => {
  const custom = exchangeZone('Customized Time Zone', ['+0100', '10', '-1SU'], ['+0200', '3', '-1SU']);

  it('evaluates a custom VTIMEZONE in winter and in summer (last Sunday rules)', () => {
    const winter = read(['DTSTART;TZID=Customized Time Zone:20261208T100000'], { before: custom });
    const summer = read(['DTSTART;TZID=Customized Time Zone:20260608T100000'], { before: custom });
    expect(winter.start).toBe('2026-12-08T09:00:00.000Z');
    expect(summer.start).toBe('2026-06-08T08:00:00.000Z');
    expect(summer.certain).toBe(true);
  });

  it('switches on the rule’s day: the day before and after the last Sunday of March 2026 (the 29th)', () => {
    const before = read(['DTSTART;TZID=Customized Time Zone:20260328T100000'], { before: custom });
    const after = read(['DTSTART;TZID=Customized Time Zone:20260330T100000'], { before: custom });
    expect(before.start).toBe('2026-03-28T09:00:00.000Z');
    expect(after.start).toBe('2026-03-30T08:00:00.000Z');
  });

  it('reads a time in the skipped hour with the offset from before the gap', () => {
    const facts = read(['DTSTART;TZID=Customized Time Zone:20260329T023000'], { before: custom });
    expect(facts.start).toBe('2026-03-29T01:30:00.000Z');
  });

  it('evaluates "2SU" and "1SU" rules (US since 2007) from a Lotus-style zone name', () => {
    const eastern = exchangeZone('Eastern', ['-0500', '11', '1SU'], ['-0400', '3', '2SU']);
    // 1 November 2026 is the first Sunday: summer time the Friday before, standard time the Monday after.
    const friday = read(['DTSTART;TZID=Eastern:20261030T090000'], { before: eastern });
    const monday = read(['DTSTART;TZID=Eastern:20261102T090000'], { before: eastern });
    expect(friday.start).toBe('2026-10-30T13:00:00.000Z');
    expect(monday.start).toBe('2026-11-02T14:00:00.000Z');
    expect(monday.timezone).toBe('America/New_York');
  });

  it('names a custom zone by a fixed offset when no IANA zone is known for it', () => {
    const facts = read(['DTSTART;TZID=Customized Time Zone:20260608T100000'], { before: custom });
    expect(facts.timezone).toBe('Etc/GMT-2');
  });

  it('evaluates observances given by RDATE, and by BYMONTHDAY with BYDAY', () => {
    const zone = [
      'BEGIN:VTIMEZONE',
      'TZID:Bowout Test Zone',
      'BEGIN:STANDARD',
      'DTSTART:20001029T020000',
      'RDATE:20251026T020000,20261025T020000',
      'TZOFFSETFROM:+0300',
      'TZOFFSETTO:+0200',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:20000312T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=SU',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0300',
      'END:DAYLIGHT',
      'END:VTIMEZONE',
    ];
    // Second Sunday of March 2026 is the 8th; the RDATE ends summer time on 25 October 2026.
    expect(read(['DTSTART;TZID=Bowout Test Zone:20260307T120000'], { before: zone }).start).toBe(
      '2026-03-07T10:00:00.000Z',
    );
    expect(read(['DTSTART;TZID=Bowout Test Zone:20260309T120000'], { before: zone }).start).toBe(
      '2026-03-09T09:00:00.000Z',
    );
    expect(read(['DTSTART;TZID=Bowout Test Zone:20261026T120000'], { before: zone }).start).toBe(
      '2026-10-26T10:00:00.000Z',
    );
  });

  it('matches a quoted TZID parameter to a VTIMEZONE whose TZID escapes its comma', () => {
    const zone = exchangeZone('Somewhere\\, Elsewhere', ['+0100', '10', '-1SU'], ['+0200', '3', '-1SU']);
    const facts = read(['DTSTART;TZID="Somewhere, Elsewhere":20260608T100000'], { before: zone });
    expect(facts.start).toBe('2026-06-08T08:00:00.000Z');
  });

  it('reads an empty TZID by its empty VTIMEZONE, uncertain', () => {
    const zone = [
      'BEGIN:VTIMEZONE',
      'TZID:',
      'BEGIN:STANDARD',
      'DTSTART:16010101T000000',
      'TZOFFSETFROM:+0000',
      'TZOFFSETTO:+0000',
      'END:STANDARD',
      'END:VTIMEZONE',
    ];
    const facts = read(['DTSTART;TZID=:20260608T100000'], { before: zone });
    expect(facts.start).toBe('2026-06-08T10:00:00.000Z');
    expect(facts.certain).toBe(false);
  });

  it('falls back to the sender’s offset, uncertain, for a TZID nobody defines', () => {
    const facts = read(['DTSTART;TZID=Mystery Zone:20260608T100000'], {}, 180);
    expect(facts.start).toBe('2026-06-08T07:00:00.000Z');
    expect(facts.certain).toBe(false);
  });

  it('uses the standard offset of a "(UTC+hh:mm)" display name it does not know, uncertain', () => {
    const facts = read(['DTSTART;TZID="(UTC+03:00) Somewhere New":20260608T100000']);
    expect(facts.start).toBe('2026-06-08T07:00:00.000Z');
    expect(facts.certain).toBe(false);
  });
});

describe('readCalendar: floating and all-day times', () => {
  it('reads a floating time in the sender’s offset and marks it uncertain', () => {
    const facts = read(['DTSTART:20261208T100000'], {}, 60);
    expect(facts.start).toBe('2026-12-08T09:00:00.000Z');
    expect(facts.timezone).toBe('Etc/GMT-1');
    expect(facts.certain).toBe(false);
  });

  it('reads a floating time in the calendar’s X-WR-TIMEZONE when it has one, still uncertain', () => {
    const facts = read(['DTSTART:20260714T100000'], { before: ['X-WR-TIMEZONE:America/Chicago'] }, 60);
    expect(facts.start).toBe('2026-07-14T15:00:00.000Z');
    expect(facts.timezone).toBe('America/Chicago');
    expect(facts.certain).toBe(false);
  });

  it('reads a floating time as UTC with no zone when the sender’s offset is unknown', () => {
    const facts = read(['DTSTART:20261208T100000'], {}, null);
    expect(facts.start).toBe('2026-12-08T10:00:00.000Z');
    expect(facts.timezone).toBeNull();
    expect(facts.certain).toBe(false);
  });

  it('reports an all-day event by its date, with no start instant, uncertain', () => {
    const facts = read(['DTSTART;VALUE=DATE:20261208', 'DTEND;VALUE=DATE:20261209']);
    expect(facts.start).toBeNull();
    expect(facts.end).toBeNull();
    expect(facts.startDate).toBe('2026-12-08');
    expect(facts.endDate).toBe('2026-12-09');
    expect(facts.certain).toBe(false);
  });

  it('treats a bare 8-digit DTSTART without VALUE=DATE as all-day', () => {
    expect(read(['DTSTART:20261208']).startDate).toBe('2026-12-08');
  });
});

describe('readCalendar: end and duration', () => {
  it('adds a DURATION to the start when there is no DTEND', () => {
    const facts = read(['DTSTART;TZID=Europe/Berlin:20261208T100000', 'DURATION:PT45M']);
    expect(facts.end).toBe('2026-12-08T09:45:00.000Z');
  });

  it('adds DURATION days on the wall clock, so a day across a DST change is still a day', () => {
    const facts = read(['DTSTART;TZID=Europe/Berlin:20260328T100000', 'DURATION:P1DT1H']);
    expect(facts.start).toBe('2026-03-28T09:00:00.000Z');
    expect(facts.end).toBe('2026-03-29T09:00:00.000Z');
  });

  it('adds a DURATION to a UTC start and to an all-day date', () => {
    expect(read(['DTSTART:20261208T150000Z', 'DURATION:PT1H30M']).end).toBe('2026-12-08T16:30:00.000Z');
    expect(read(['DTSTART;VALUE=DATE:20261208', 'DURATION:P2D']).endDate).toBe('2026-12-10');
  });

  it('reads DTEND in its own zone', () => {
    const facts = read([
      'DTSTART;TZID=America/New_York:20261208T090000',
      'DTEND;TZID=Europe/London:20261208T150000',
    ]);
    expect(facts.end).toBe('2026-12-08T15:00:00.000Z');
  });

  it('drops an end that comes before the start, and malformed durations', () => {
    expect(read(['DTSTART:20261208T150000Z', 'DTEND:20261208T140000Z']).end).toBeNull();
    expect(read(['DTSTART:20261208T150000Z', 'DURATION:-PT1H']).end).toBeNull();
    expect(read(['DTSTART:20261208T150000Z', 'DURATION:PT']).end).toBeNull();
  });
});

describe('readCalendar: which calendars are invitations', () => {
  it.each(['CANCEL', 'REPLY', 'COUNTER', 'DECLINECOUNTER', 'REFRESH'])(
    'returns null for METHOD:%s',
    (method) => {
      expect(readCalendar(calendar(['DTSTART:20261208T150000Z'], { method }), null)).toBeNull();
    },
  );

  it('reads METHOD:REQUEST, METHOD:PUBLISH and a calendar with no METHOD, in any case', () => {
    for (const method of ['REQUEST', 'PUBLISH', 'request', null])
      expect(readCalendar(calendar(['DTSTART:20261208T150000Z'], { method }), null)?.start).toBe(
        '2026-12-08T15:00:00.000Z',
      );
  });

  it('unescapes text in one pass, so an escaped backslash before "n" is not a line break', () => {
    const facts = read(['DTSTART:20261208T150000Z', 'LOCATION:Room 4\\, Floor 2\\nC:\\\\new']);
    expect(facts.location).toBe('Room 4, Floor 2 C:\\new');
  });

  it('keeps the UID and SEQUENCE, so the event can be declined later', () => {
    const facts = read(['DTSTART:20261208T150000Z']);
    expect(facts.uid).toBe('interview-42@example.com');
    expect(facts.sequence).toBe(3);
    expect(facts.method).toBe('REQUEST');
  });

  it('returns null for a calendar without an event', () => {
    expect(readCalendar('BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n', null)).toBeNull();
    expect(readCalendar('', null)).toBeNull();
    expect(readCalendar('not a calendar at all', null)).toBeNull();
  });
});

describe('readCalendar: choosing the event', () => {
  const event = (lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
  const file = (...events: string[][]) =>
    ['BEGIN:VCALENDAR', 'METHOD:REQUEST', ...events.flat(), 'END:VCALENDAR'].join('\r\n');

  it('skips cancelled events and reads the first live one', () => {
    const facts = readCalendar(
      file(
        event(['UID:a', 'STATUS:CANCELLED', 'DTSTART:20261201T100000Z']),
        event(['UID:b', 'STATUS:CONFIRMED', 'DTSTART:20261202T100000Z']),
      ),
      null,
    );
    expect(facts?.uid).toBe('b');
    expect(facts?.status).toBe('CONFIRMED');
  });

  it('returns null when every event is cancelled', () => {
    expect(
      readCalendar(file(event(['UID:a', 'STATUS:CANCELLED', 'DTSTART:20261201T100000Z'])), null),
    ).toBeNull();
  });

  it('prefers the master event over an override of one occurrence, even when the override comes first', () => {
    const facts = readCalendar(
      file(
        event(['UID:series', 'RECURRENCE-ID:20261208T100000Z', 'DTSTART:20261208T120000Z']),
        event(['UID:series', 'RRULE:FREQ=WEEKLY', 'DTSTART:20261201T100000Z']),
      ),
      null,
    );
    expect(facts?.start).toBe('2026-12-01T10:00:00.000Z');
  });

  it('reads an override when it is the only event (an invitation to one occurrence)', () => {
    const facts = readCalendar(
      file(event(['UID:series', 'RECURRENCE-ID:20261208T100000Z', 'DTSTART:20261208T120000Z'])),
      null,
    );
    expect(facts?.start).toBe('2026-12-08T12:00:00.000Z');
  });

  it('lists every event with readCalendarEvents, overrides and cancelled ones included', () => {
    const events = readCalendarEvents(
      file(
        event(['UID:a', 'STATUS:CANCELLED', 'DTSTART:20261201T100000Z']),
        event(['UID:a', 'RECURRENCE-ID:20261208T100000Z', 'DTSTART:20261208T120000Z']),
      ),
      null,
    );
    expect(events.map((e) => [e.status, e.isOverride])).toEqual([
      ['CANCELLED', false],
      [null, true],
    ]);
  });
});

describe('readCalendar: the organizer', () => {
  const organizer = (line: string) =>
    readCalendar(
      [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        line,
        'DTSTART:20261208T150000Z',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n'),
      null,
    )?.organizer;

  it('reads mailto: in any case, with the CN quoted or not', () => {
    expect(organizer('ORGANIZER;CN=Hannah Cole:MAILTO:Hannah.Cole@Fabrikam.com')).toEqual({
      name: 'Hannah Cole',
      address: 'hannah.cole@fabrikam.com',
    });
    expect(organizer('ORGANIZER;CN="Okafor, Daniel":mailto:daniel@contoso.com')).toEqual({
      name: 'Okafor, Daniel',
      address: 'daniel@contoso.com',
    });
  });

  it('prefers the EMAIL= parameter, which holds the address when the value is not a mailto:', () => {
    expect(organizer('ORGANIZER;CN=Hannah Cole;EMAIL=hannah@fabrikam.com:urn:uuid:1234')?.address).toBe(
      'hannah@fabrikam.com',
    );
  });

  it('reads an organizer value wrapped in quotes, and one with a colon inside a quoted parameter', () => {
    expect(organizer('ORGANIZER:"mailto:x@example.com"')?.address).toBe('x@example.com');
    expect(organizer('ORGANIZER;CN="Talent: Team";SENT-BY="mailto:a@b.com":mailto:t@example.com')).toEqual({
      name: 'Talent: Team',
      address: 't@example.com',
    });
  });

  it('reads a CN folded across lines', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'ORGANIZER;CN="Hannah',
      '  Cole":mailto:h@fabrikam.com',
      'DTSTART:20261208T150000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(readCalendar(ics, null)?.organizer?.name).toBe('Hannah Cole');
  });

  it('drops placeholder names and names that only repeat the address', () => {
    expect(organizer('ORGANIZER;CN="No Name":MAILTO:m@example.com')?.name).toBeNull();
    expect(organizer('ORGANIZER;CN=m@example.com:MAILTO:m@example.com')?.name).toBeNull();
  });

  it('never invents an address from an encoded-word trick or a broken value', () => {
    expect(organizer('ORGANIZER:mailto:=?utf-8?q?=40attacker.com?=@example.com')).toBeNull();
    expect(organizer('ORGANIZER:mailto:not an address')).toBeNull();
    expect(organizer('ATTENDEE:mailto:a@example.com')).toBeNull();
  });

  it('keeps CR, LF and control characters out of the name', () => {
    expect(organizer('ORGANIZER;CN="Eve^nBcc: x@evil.com\u0007":mailto:eve@example.com')?.name).toBe(
      'Eve Bcc: x@evil.com',
    );
  });
});

describe('readCalendar: hostile input', () => {
  /** Runs once; the test timeout guards against unbounded work (speed is measured in bench/). */
  const bounded = <T>(run: () => T): { result: T } => ({ result: run() });

  it('ignores impossible dates instead of inventing one', () => {
    for (const value of [
      '20261345T100000Z',
      '20260231T100000Z',
      '20261208T250000Z',
      '99991208T100000Z',
      'tomorrow',
    ])
      expect(read([`DTSTART:${value}`]).start).toBeNull();
  });

  it('still reads an event whose END lines are missing', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      'UID:x',
      'ORGANIZER:mailto:h@fabrikam.com',
      'DTSTART:20261208T150000Z',
    ].join('\r\n');
    expect(readCalendar(ics, null)?.start).toBe('2026-12-08T15:00:00.000Z');
  });

  it('treats a second BEGIN:VEVENT without an END as a new event, not a nested one', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:a',
      'STATUS:CANCELLED',
      'BEGIN:VEVENT',
      'UID:b',
      'DTSTART:20261208T150000Z',
      'END:VCALENDAR',
    ].join('\r\n');
    expect(readCalendarEvents(ics, null).map((e) => e.uid)).toEqual(['a', 'b']);
    expect(readCalendar(ics, null)?.uid).toBe('b');
  });

  it('reads a long line full of quoted parameters, colons inside quotes skipped', () => {
    const line = `ORGANIZER;X-NOISE=${'"a:b";'.repeat(3_000)}CN=Hannah:mailto:x@example.com`;
    const ics = ['BEGIN:VEVENT', line, 'DTSTART:20261208T150000Z', 'END:VEVENT'].join('\r\n');
    const { result } = bounded(() => readCalendar(ics, null));
    expect(result?.organizer).toEqual({ name: 'Hannah', address: 'x@example.com' });
  });

  it('reads a multi-megabyte calendar in bounded time', () => {
    const filler = Array.from(
      { length: 100_000 },
      (_, i) => `ATTENDEE;CN="Person ${i}":mailto:p${i}@example.com`,
    );
    const ics = calendar(['DTSTART:20261208T150000Z', ...filler]);
    expect(ics.length).toBeGreaterThan(4_000_000);
    const { result } = bounded(() => readCalendar(ics, null));
    expect(result?.start).toBe('2026-12-08T15:00:00.000Z');
  });

  it('reads a single huge line full of quotes in linear time', () => {
    const line = `ORGANIZER;CN=${'"a";'.repeat(400_000)}:mailto:x@example.com`;
    const ics = ['BEGIN:VEVENT', line, 'DTSTART:20261208T150000Z', 'END:VEVENT'].join('\r\n');
    const { result } = bounded(() => readCalendar(ics, null));
    // Cut at the line bound, the line has no value left: no organizer, and no time spent finding one.
    expect(result?.organizer).toBeNull();
    expect(result?.start).toBe('2026-12-08T15:00:00.000Z');
  });

  it('survives thousands of nested components and returns in bounded time', () => {
    const nested = Array.from({ length: 20_000 }, (_, i) => `BEGIN:X${i}`);
    const ics = calendar(['DTSTART:20261208T150000Z', ...nested]);
    const { result } = bounded(() => readCalendar(ics, null));
    expect(result).not.toBeNull();
  });

  it('bounds a VTIMEZONE with thousands of observances and RDATEs', () => {
    const observances = Array.from({ length: 2_000 }, (_, i) => [
      'BEGIN:DAYLIGHT',
      `DTSTART:${1700 + (i % 300)}0101T000000`,
      `RDATE:${Array.from({ length: 20 }, () => '20260101T000000').join(',')}`,
      'RRULE:FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=SU,MO,TU,WE,TH,FR,SA',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'END:DAYLIGHT',
    ]).flat();
    const before = ['BEGIN:VTIMEZONE', 'TZID:Huge', ...observances, 'END:VTIMEZONE'];
    const ics = calendar(['DTSTART;TZID=Huge:20260608T100000', 'DURATION:PT1H'], { before });
    const { result } = bounded(() => readCalendar(ics, null));
    expect(result?.start).toBe('2026-06-08T08:00:00.000Z');
  });

  it('reads nothing past its size bound (2 MB), whatever follows', () => {
    const ics = calendar(['DTSTART:20261208T150000Z'], { before: [`X-FILLER:${'x'.repeat(2_100_000)}`] });
    const { result } = bounded(() => readCalendar(ics, null));
    expect(result).toBeNull();
  });

  it('bounds thousands of events, and long UIDs and summaries', () => {
    const events = Array.from({ length: 20_000 }, (_, i) =>
      ['BEGIN:VEVENT', `UID:${i}`, 'STATUS:CANCELLED', 'END:VEVENT'].join('\r\n'),
    ).join('\r\n');
    const { result } = bounded(() => readCalendar(`BEGIN:VCALENDAR\r\n${events}\r\nEND:VCALENDAR`, null));
    expect(result).toBeNull();
    const ics = [
      'BEGIN:VEVENT',
      `UID:${'u'.repeat(5_000)}`,
      `SUMMARY:${'s'.repeat(5_000)}`,
      'DTSTART:20261208T150000Z',
      'END:VEVENT',
    ].join('\r\n');
    const facts = readCalendar(ics, null);
    expect(facts?.uid).toBeNull();
    expect(facts?.summary).toHaveLength(500);
  });
});

describe('readCalendar: real-shaped calendars in test/fixtures/calendar', () => {
  const FIXTURES = new URL('../fixtures/calendar/', import.meta.url);
  const expected = JSON.parse(readFileSync(new URL('expected.json', FIXTURES), 'utf8')) as {
    files: { file: string; facts: Record<string, unknown> | null }[];
  };

  it.each(expected.files.map((f) => [f.file, f.facts] as const))(
    '%s gives its expected facts',
    (file, facts) => {
      const actual = readCalendar(readFileSync(new URL(file, FIXTURES), 'utf8'), 120);
      if (facts === null) expect(actual).toBeNull();
      else expect(actual).toMatchObject(facts);
    },
  );
});

describe('several calendar parts: the latest word on the event', () => {
  const part = (method: string, sequence: number, start: string, extra: string[] = []) =>
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      `METHOD:${method}`,
      'BEGIN:VEVENT',
      'UID:interview-7@example.com',
      `SEQUENCE:${sequence}`,
      'ORGANIZER:mailto:hannah.cole@fabrikam.com',
      `DTSTART;TZID=America/New_York:${start}`,
      ...extra,
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');

  it('takes the update with the higher SEQUENCE, in whichever order the parts come', () => {
    const first = part('REQUEST', 0, '20261208T100000');
    const update = part('REQUEST', 1, '20261210T140000');
    for (const parts of [
      [first, update],
      [update, first],
    ]) {
      const reading = readCalendars(parts, null);
      expect(reading.cancelled).toBe(false);
      expect(reading.calendar?.start).toBe('2026-12-10T19:00:00.000Z');
    }
  });

  it('says the event was cancelled when a CANCEL is the latest word', () => {
    const reading = readCalendars(
      [part('REQUEST', 0, '20261208T100000'), part('CANCEL', 1, '20261208T100000')],
      null,
    );
    expect(reading).toEqual({ calendar: null, cancelled: true });
  });

  it('says so for an event marked STATUS:CANCELLED too', () => {
    const reading = readCalendars([part('REQUEST', 2, '20261208T100000', ['STATUS:CANCELLED'])], null);
    expect(reading).toEqual({ calendar: null, cancelled: true });
  });

  it('keeps an invitation sent after the cancellation', () => {
    const reading = readCalendars(
      [part('CANCEL', 1, '20261208T100000'), part('REQUEST', 2, '20261211T090000')],
      null,
    );
    expect(reading.cancelled).toBe(false);
    expect(reading.calendar?.start).toBe('2026-12-11T14:00:00.000Z');
  });

  it('marks a Windows zone as a region the sender may name better, and an IANA TZID as not', () => {
    const windows = read(['DTSTART;TZID=W. Europe Standard Time:20261208T100000']);
    const iana = read(['DTSTART;TZID=Europe/Berlin:20261208T100000']);
    expect(windows.regionZone).toBe(true);
    expect(iana.regionZone).toBe(false);
  });
});
