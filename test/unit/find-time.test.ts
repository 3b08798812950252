import { execFileSync } from 'node:child_process';
import { DateTime, IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { findInterviewTime, type TimeHints } from '../../functions/domain/invite/find-time.js';
import { dateOrder, detectLanguage } from '../../functions/domain/invite/time-language.js';
import { offsetAt, wallToInstant } from '../../functions/domain/invite/time-offsets.js';
import {
  monthFirst,
  normaliseCommaHours,
  normaliseDottedDays,
  normaliseDottedTimes,
} from '../../functions/domain/invite/time-text.js';
import { messageAge, messageStarts } from '../../functions/domain/invite/time-thread.js';
import { zoneAfterTime } from '../../functions/domain/invite/time-zone.js';
import { WINDOWS_ZONE_IDS, windowsDisplayNameToIana } from '../../functions/domain/invite/windows-zones.js';
import {
  AMBIGUOUS_ABBREVIATIONS,
  COUNTRY_ZONES,
  ZONE_ABBREVIATIONS,
  ZONE_CITIES,
  ZONE_PHRASES,
} from '../../functions/domain/invite/zone-words.js';

/*
 * Every expected instant below was worked out by hand from the wall-clock time and the zone's offset on
 * that date (2026: US daylight saving 8 March – 1 November, EU 29 March – 25 October, Sydney on AEDT from
 * 4 October), and cross-checked with Luxon in a scratch script, never with the code under test.
 */

// Wednesday 1 July 2026, 10:00 in New York (-04:00) and Wednesday 2 December 2026, 15:30 in New York (-05:00).
const SUMMER = '2026-07-01T14:00:00.000Z';
const WINTER = '2026-12-02T20:30:00.000Z';

interface Expected {
  start: string | null;
  end?: string | null;
  timezone?: string | null;
  certain?: boolean;
}

interface Case extends Expected {
  says: string;
  text: string;
  reference?: string | null;
  offset?: number | null;
  hints?: TimeHints;
}

function check(c: Case): void {
  const found = findInterviewTime(
    c.text,
    c.reference === undefined ? WINTER : c.reference,
    c.offset ?? null,
    c.hints,
  );
  if (c.start === null) {
    expect(found).toBeNull();
    return;
  }
  expect(found?.start).toBe(c.start);
  if (c.end !== undefined) expect(found?.end).toBe(c.end);
  if (c.timezone !== undefined) expect(found?.timezone).toBe(c.timezone);
  if (c.certain !== undefined) expect(found?.certain).toBe(c.certain);
}

/**
 * [zone word, IANA zone it names, UTC instant of 14:00 on Tuesday 14 July 2026, of 14:00 on Tuesday 8 December
 * 2026, and for a seasonal abbreviation the month whose offset it names]. Written in the other season
 * ("EST" in July) the word is read as its region's clock, the likelier meaning, but not as certain.
 */
const ZONE_WORDS: Array<[string, string, string, string, ('July' | 'December')?]> = [
  ['PT', 'America/Los_Angeles', '2026-07-14T21:00:00.000Z', '2026-12-08T22:00:00.000Z'],
  ['PST', 'America/Los_Angeles', '2026-07-14T21:00:00.000Z', '2026-12-08T22:00:00.000Z', 'December'],
  ['PDT', 'America/Los_Angeles', '2026-07-14T21:00:00.000Z', '2026-12-08T22:00:00.000Z', 'July'],
  ['Pacific Time', 'America/Los_Angeles', '2026-07-14T21:00:00.000Z', '2026-12-08T22:00:00.000Z'],
  [
    '(Pacific Time - US & Canada)',
    'America/Los_Angeles',
    '2026-07-14T21:00:00.000Z',
    '2026-12-08T22:00:00.000Z',
  ],
  ['ET', 'America/New_York', '2026-07-14T18:00:00.000Z', '2026-12-08T19:00:00.000Z'],
  ['EST', 'America/New_York', '2026-07-14T18:00:00.000Z', '2026-12-08T19:00:00.000Z', 'December'],
  ['EDT', 'America/New_York', '2026-07-14T18:00:00.000Z', '2026-12-08T19:00:00.000Z', 'July'],
  ['Eastern Time', 'America/New_York', '2026-07-14T18:00:00.000Z', '2026-12-08T19:00:00.000Z'],
  ['CT', 'America/Chicago', '2026-07-14T19:00:00.000Z', '2026-12-08T20:00:00.000Z'],
  ['Central Time', 'America/Chicago', '2026-07-14T19:00:00.000Z', '2026-12-08T20:00:00.000Z'],
  ['MT', 'America/Denver', '2026-07-14T20:00:00.000Z', '2026-12-08T21:00:00.000Z'],
  ['CET', 'Europe/Berlin', '2026-07-14T12:00:00.000Z', '2026-12-08T13:00:00.000Z', 'December'],
  ['CEST', 'Europe/Berlin', '2026-07-14T12:00:00.000Z', '2026-12-08T13:00:00.000Z', 'July'],
  ['BST', 'Europe/London', '2026-07-14T13:00:00.000Z', '2026-12-08T14:00:00.000Z', 'July'],
  ['UK time', 'Europe/London', '2026-07-14T13:00:00.000Z', '2026-12-08T14:00:00.000Z'],
  ['London time', 'Europe/London', '2026-07-14T13:00:00.000Z', '2026-12-08T14:00:00.000Z'],
  ['GMT+2', 'Etc/GMT-2', '2026-07-14T12:00:00.000Z', '2026-12-08T12:00:00.000Z'],
  ['UTC-05:00', 'Etc/GMT+5', '2026-07-14T19:00:00.000Z', '2026-12-08T19:00:00.000Z'],
  ['IST', 'Asia/Kolkata', '2026-07-14T08:30:00.000Z', '2026-12-08T08:30:00.000Z'],
  ['AEST', 'Australia/Sydney', '2026-07-14T04:00:00.000Z', '2026-12-08T03:00:00.000Z', 'July'],
  ['AEDT', 'Australia/Sydney', '2026-07-14T04:00:00.000Z', '2026-12-08T03:00:00.000Z', 'December'],
  ['JST', 'Asia/Tokyo', '2026-07-14T05:00:00.000Z', '2026-12-08T05:00:00.000Z'],
  ['SGT', 'Asia/Singapore', '2026-07-14T06:00:00.000Z', '2026-12-08T06:00:00.000Z'],
  ['Berlin time', 'Europe/Berlin', '2026-07-14T12:00:00.000Z', '2026-12-08T13:00:00.000Z'],
  ['Paris time', 'Europe/Paris', '2026-07-14T12:00:00.000Z', '2026-12-08T13:00:00.000Z'],
  [
    '(GMT+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    'Europe/Amsterdam',
    '2026-07-14T12:00:00.000Z',
    '2026-12-08T13:00:00.000Z',
  ],
  [
    '(UTC-08:00) Pacific Time (US & Canada)',
    'America/Los_Angeles',
    '2026-07-14T21:00:00.000Z',
    '2026-12-08T22:00:00.000Z',
  ],
];

describe('zone words are read as the zone of their region, at the interview date', () => {
  const cases = ZONE_WORDS.flatMap(([word, zone, summer, winter, season]) => [
    {
      says: `"${word}" in July`,
      text: `We'd like to invite you to an interview on Tuesday, July 14, 2026 at 2:00 PM ${word}.`,
      reference: SUMMER,
      offset: -240,
      start: summer,
      timezone: zone,
      certain: season !== 'December',
    },
    {
      says: `"${word}" in December`,
      text: `We'd like to invite you to an interview on Tuesday, December 8, 2026 at 2:00 PM ${word}.`,
      reference: WINTER,
      offset: -300,
      start: winter,
      timezone: zone,
      certain: season !== 'July',
    },
  ]);
  it.each(cases)('reads $says', check);
});

describe('relative words are read against the original message date, in the sender zone', () => {
  it.each<Case>([
    {
      says: '"tomorrow" as the day after the original was written',
      text: 'Your interview is scheduled for tomorrow at 3pm ET.',
      offset: -300,
      start: '2026-12-03T20:00:00.000Z',
      certain: true,
    },
    {
      says: '"tomorrow" in the sender\'s evening, when it is already the next day in UTC',
      text: 'Your interview is tomorrow at 10am PT.',
      reference: '2026-12-03T03:30:00.000Z',
      offset: -480,
      start: '2026-12-03T18:00:00.000Z',
      certain: true,
    },
    {
      says: '"next Tuesday" written on a Wednesday, when both readings give the coming Tuesday',
      text: 'Your interview is next Tuesday at 2pm ET.',
      offset: -300,
      start: '2026-12-08T19:00:00.000Z',
      certain: true,
    },
    {
      says: '"next Thursday" written on a Wednesday as uncertain (tomorrow, or a week later)',
      text: 'Your interview is next Thursday at 2pm ET.',
      offset: -300,
      start: '2026-12-10T19:00:00.000Z',
      certain: false,
    },
    {
      says: '"this Friday"',
      text: 'Your interview is this Friday at 10am ET.',
      offset: -300,
      start: '2026-12-04T15:00:00.000Z',
      certain: true,
    },
    {
      says: '"the day after tomorrow"',
      text: 'We have the interview the day after tomorrow at 10am ET.',
      offset: -300,
      start: '2026-12-04T15:00:00.000Z',
    },
    {
      says: '"in two days" without a time as no interview time (no hour is made up)',
      text: 'Your interview is in two days.',
      offset: -300,
      start: null,
    },
    {
      says: 'German "morgen" with no zone in the clock of the language and the sender\'s offset, uncertain',
      text: 'Wir freuen uns auf das Gespräch morgen um 10 Uhr.',
      offset: 60,
      start: '2026-12-03T09:00:00.000Z',
      timezone: 'Europe/Berlin',
      certain: false,
    },
    {
      says: 'French "demain" with "heure de Paris"',
      text: 'Votre entretien aura lieu demain à 10h (heure de Paris).',
      offset: 60,
      start: '2026-12-03T09:00:00.000Z',
      timezone: 'Europe/Paris',
      certain: true,
    },
    {
      says: 'Spanish "pasado mañana" (the day after tomorrow) with "hora peninsular"',
      text: 'Le esperamos para la entrevista pasado mañana a las 10:00 (hora peninsular).',
      offset: 60,
      start: '2026-12-04T09:00:00.000Z',
      timezone: 'Europe/Madrid',
    },
    {
      says: 'French "après-demain"',
      text: 'Nous vous proposons un entretien après-demain à 10h (heure de Paris).',
      offset: 60,
      start: '2026-12-04T09:00:00.000Z',
    },
    {
      says: "a weekday that already passed this week as next week's",
      text: 'Your interview is on Monday at 10am ET.',
      offset: -300,
      start: '2026-12-07T15:00:00.000Z',
    },
    {
      says: '"pasado mañana" across the end of the year (regression: the day ran past the month)',
      text: 'La entrevista es pasado mañana a las 10:00 (hora peninsular).',
      reference: '2026-12-30T10:00:00.000Z',
      offset: 60,
      start: '2027-01-01T09:00:00.000Z',
    },
    {
      says: 'nothing relative when the original date is unknown',
      text: 'Your interview is tomorrow at 3pm ET.',
      reference: null,
      offset: null,
      start: null,
    },
    {
      says: 'a full date even when the original date is unknown',
      text: 'Your interview is on December 8, 2026 at 2pm ET.',
      reference: null,
      offset: null,
      start: '2026-12-08T19:00:00.000Z',
      certain: true,
    },
  ])('reads $says', check);
});

describe('numeric dates are day-first or month-first as the sender writes them', () => {
  const text = 'Your interview: 10/12/2026 at 2:00 PM GMT.';
  it.each<Case>([
    {
      says: '10/12 from a .co.uk sender as 10 December',
      text,
      offset: 0,
      hints: { senderAddress: 'hr@firm.co.uk' },
      start: '2026-12-10T14:00:00.000Z',
      timezone: 'Europe/London',
      certain: true,
    },
    {
      says: '10/12 from an en-GB message as 10 December',
      text,
      hints: { language: 'en-GB' },
      start: '2026-12-10T14:00:00.000Z',
      timezone: 'UTC',
      certain: true,
    },
    {
      says: '10/12 from a .us sender as 12 October',
      text,
      reference: '2026-09-01T14:00:00.000Z',
      offset: -240,
      hints: { senderAddress: 'hr@city.gov' },
      start: '2026-10-12T14:00:00.000Z',
      certain: true,
    },
    {
      says: '10/12 with only an American Date offset as 12 October, but uncertain',
      text,
      reference: '2026-09-01T14:00:00.000Z',
      offset: -240,
      hints: { senderAddress: 'talent@firm.com' },
      start: '2026-10-12T14:00:00.000Z',
      certain: false,
    },
    {
      says: '10/12 with only a European Date offset as 10 December, but uncertain',
      text,
      offset: 60,
      hints: { senderAddress: 'talent@firm.com' },
      start: '2026-12-10T14:00:00.000Z',
      certain: false,
    },
    {
      says: '13/12 as 13 December whatever the hints, since 13 is no month',
      text: 'Your interview: 13/12/2026 at 2:00 PM GMT.',
      start: '2026-12-13T14:00:00.000Z',
      certain: true,
    },
    {
      says: 'a month name before the day from a day-first country as that day (not January 2021)',
      text: 'Date: Thursday, January 21\nTime: 3:00 PM IST',
      reference: '2027-01-15T11:42:00.000Z',
      offset: 330,
      hints: { senderAddress: 'talent@firm.co.in' },
      start: '2027-01-21T09:30:00.000Z',
      certain: true,
    },
    {
      says: 'a dotted date as day-first, even in English',
      text: 'Your interview is on 08.12.2026 at 14:00 CET.',
      offset: -300,
      start: '2026-12-08T13:00:00.000Z',
      certain: true,
    },
    {
      says: 'an ISO date as written',
      text: 'Interview slot: 2026-12-10 14:00 UTC',
      start: '2026-12-10T14:00:00.000Z',
      timezone: 'UTC',
      certain: true,
    },
    {
      says: 'a German sender without a zone in their own country zone (uncertain)',
      text: 'Your interview: 10/12/2026 at 14:00.',
      offset: 60,
      hints: { senderAddress: 'personal@firma.de' },
      start: '2026-12-10T13:00:00.000Z',
      timezone: 'Europe/Berlin',
      certain: false,
    },
    {
      says: 'a UK sender without a zone at the summer offset, though they wrote in winter',
      text: 'We would like to interview you on 14/07/2026 at 14:00.',
      reference: '2026-03-02T10:00:00.000Z',
      offset: 0,
      hints: { senderAddress: 'hr@firm.co.uk' },
      start: '2026-07-14T13:00:00.000Z',
      timezone: 'Europe/London',
      certain: false,
    },
  ])('reads $says', check);
});

describe('German, French, Spanish, Italian, Dutch, Portuguese, Swedish, Polish, Japanese and Chinese invites', () => {
  it.each<Case>([
    {
      says: 'German with Uhr and no zone, in the clock of the language and the offset (Berlin)',
      text: 'Wir laden Sie am Dienstag, 8. Dezember um 14:00 Uhr zu einem Vorstellungsgespräch ein.',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
      timezone: 'Europe/Berlin',
      certain: false,
    },
    {
      says: 'Swiss German with a dotted time ("14.00 Uhr") on its own line under the date',
      text: 'Datum: Mittwoch, 9. Dezember 2026\nZeit: 14.00 Uhr\nOrt: Seefeldstrasse 88, 8008 Zürich',
      offset: 60,
      hints: { senderAddress: 'hr@treuhand.ch' },
      start: '2026-12-09T13:00:00.000Z',
      timezone: 'Europe/Zurich',
      certain: false,
    },
    {
      says: 'Italian "alle ore 15.30"',
      text: 'Il colloquio si terrà martedì 8 dicembre alle ore 15.30 presso la nostra sede di Milano.',
      offset: 60,
      start: '2026-12-08T14:30:00.000Z',
      timezone: 'Europe/Rome',
      certain: false,
    },
    {
      says: 'Dutch "om 10.15 uur"',
      text: 'Het gesprek is op dinsdag 8 december om 10.15 uur op ons kantoor.',
      offset: 60,
      hints: { senderAddress: 'hr@bedrijf.nl' },
      start: '2026-12-08T09:15:00.000Z',
      timezone: 'Europe/Amsterdam',
      certain: false,
    },
    {
      says: 'Polish "o 14.30"',
      text: 'Zapraszamy na rozmowę we wtorek 8 grudnia o 14.30 w naszym biurze.',
      offset: 60,
      hints: { senderAddress: 'hr@firma.pl' },
      start: '2026-12-08T13:30:00.000Z',
      timezone: 'Europe/Warsaw',
      certain: false,
    },
    {
      says: 'Swedish with a colon time and no "kl." on a line of its own ("Tid: 10:00–11:00 (CET)")',
      text: 'Din intervju är nu bokad:\n\nDatum: tisdag 8 december 2026\nTid: 10:00–11:00 (CET)\nPlats: Sveavägen 44, Stockholm',
      offset: 60,
      hints: { senderAddress: 'no-reply@teamtailor.com' },
      start: '2026-12-08T09:00:00.000Z',
      end: '2026-12-08T10:00:00.000Z',
      timezone: 'Europe/Stockholm',
      certain: true,
    },
    {
      says: 'Austrian German "um halb zehn" (half an hour before ten)',
      text: 'Gerne würden wir Sie am Dienstag, 8. Dezember, um halb zehn in unserer Zentrale in Wien zu einem Gespräch begrüßen.',
      offset: 60,
      hints: { senderAddress: 'hr@versicherung.at' },
      start: '2026-12-08T08:30:00.000Z',
      timezone: 'Europe/Vienna',
      certain: false,
    },
    {
      says: 'Dutch "om kwart over tien", and "halb drei" as an afternoon hour',
      text: 'Ik wil je graag uitnodigen voor een gesprek op dinsdag 8 december om kwart over tien in Eindhoven.',
      offset: 60,
      start: '2026-12-08T09:15:00.000Z',
      timezone: 'Europe/Amsterdam',
      certain: false,
    },
    {
      says: 'German "um halb drei" in office hours (14:30)',
      text: 'Wir laden Sie am Dienstag, 8. Dezember um halb drei zu einem Vorstellungsgespräch ein.',
      offset: 60,
      start: '2026-12-08T13:30:00.000Z',
    },
    {
      says: 'French "à midi" (and not "après-midi")',
      text: "Je me permets de vous rappeler notre entretien de mardi 8 décembre à midi, pour le poste d'ingénieur.",
      offset: 60,
      start: '2026-12-08T11:00:00.000Z',
      timezone: 'Europe/Paris',
    },
    {
      says: 'Italian "a mezzogiorno"',
      text: 'Il colloquio si terrà martedì 8 dicembre a mezzogiorno presso la nostra sede di Ivrea.',
      offset: 60,
      start: '2026-12-08T11:00:00.000Z',
      timezone: 'Europe/Rome',
    },
    {
      says: 'Polish "w południe" after "instead of" another day: the new day counts',
      text: 'Niestety musimy przesunąć nasze spotkanie. Zamiast w poniedziałek 7 grudnia, proponuję środę 9 grudnia w południe, w naszym biurze w Gdańsku.',
      offset: 60,
      hints: { senderAddress: 'kierownik@shipping.pl' },
      start: '2026-12-09T11:00:00.000Z',
      timezone: 'Europe/Warsaw',
    },
    {
      says: 'Belgian Dutch "om 10u"',
      text: 'We nodigen je uit voor een gesprek op dinsdag 8 december om 10u op ons kantoor in Gent.',
      offset: 60,
      hints: { senderAddress: 'hr@bureau.be' },
      start: '2026-12-08T09:00:00.000Z',
      timezone: 'Europe/Brussels',
    },
    {
      says: 'German with MEZ',
      text: 'Ihr Vorstellungsgespräch findet am 08.12.2026 um 14:00 Uhr MEZ statt.',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
      timezone: 'Europe/Berlin',
      certain: true,
    },
    {
      says: 'French',
      text: 'Nous vous invitons à un entretien le mardi 8 décembre à 14h00 (heure de Paris).',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
      timezone: 'Europe/Paris',
      certain: true,
    },
    {
      says: 'Spanish',
      text: 'Le invitamos a una entrevista el martes 8 de diciembre a las 14:00 (hora de Madrid).',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
      timezone: 'Europe/Madrid',
      certain: true,
    },
    {
      says: 'Italian',
      text: 'Ti confermo il colloquio martedì 8 dicembre 2026 alle ore 14:00 (ora italiana).',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
      timezone: 'Europe/Rome',
      certain: true,
    },
    {
      says: 'Dutch',
      text: 'We hebben het gesprek ingepland op dinsdag 8 december om 14.00 uur (Nederlandse tijd).',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
      timezone: 'Europe/Amsterdam',
      certain: true,
    },
    {
      says: 'Portuguese, whose "às 14h" chrono does not read by itself',
      text: 'Gostaríamos de convidá-lo para uma entrevista na terça-feira, 8 de dezembro, às 14h (hora de Lisboa).',
      offset: 0,
      start: '2026-12-08T14:00:00.000Z',
      timezone: 'Europe/Lisbon',
      certain: true,
    },
    {
      says: 'Swedish, whose "kl. 14.30" chrono does not read by itself, with no zone (Stockholm by the language)',
      text: 'Vi vill gärna träffa dig för en intervju tisdag 8 december kl. 14.30–15.15.',
      offset: 60,
      start: '2026-12-08T13:30:00.000Z',
      end: '2026-12-08T14:15:00.000Z',
      timezone: 'Europe/Stockholm',
      certain: false,
    },
    {
      says: 'Portuguese "dia 3/3 (quarta-feira) às 10:30" with no zone, in the clock of the city named (Recife)',
      text: 'A entrevista será presencial, no dia 3/3 (quarta-feira) às 10:30, no Hospital Capibaribe, Recife – PE.',
      reference: '2027-02-19T14:48:00.000Z',
      offset: -180,
      hints: { senderAddress: 'rh@capibaribesaude.com.br' },
      start: '2027-03-03T13:30:00.000Z',
      timezone: 'America/Recife',
      certain: false,
    },
    {
      says: 'Portuguese "Hora: 11h00 (hora dos Açores)"',
      text: 'Data: sexta-feira, 5 de março\nHora: 11h00 (hora dos Açores) – 12h00 em Lisboa',
      reference: '2027-02-26T14:03:00.000Z',
      offset: 0,
      start: '2027-03-05T12:00:00.000Z',
      timezone: 'Atlantic/Azores',
      certain: true,
    },
    {
      says: 'Polish, which chrono has no locale for ("8 grudnia 2026 r., godz. 14:00")',
      text: 'Zapraszamy na rozmowę kwalifikacyjną we wtorek, 8 grudnia 2026 r., godz. 14:00 (czasu polskiego).',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
      timezone: 'Europe/Warsaw',
      certain: true,
    },
    {
      says: 'Polish "jutro o 10:30" (tomorrow), with no zone',
      text: 'Potwierdzam naszą rozmowę jutro o 10:30.',
      offset: 60,
      start: '2026-12-03T09:30:00.000Z',
      timezone: 'Europe/Warsaw',
      certain: false,
    },
    {
      says: 'Japanese with "日本時間" after the range',
      text: '面接日時：12月8日（火）14:00〜15:00（日本時間）',
      offset: 540,
      start: '2026-12-08T05:00:00.000Z',
      end: '2026-12-08T06:00:00.000Z',
      timezone: 'Asia/Tokyo',
      certain: true,
    },
    {
      says: 'Japanese "午後2時" with the zone at the end of the line',
      text: '12月8日(火) 午後2時〜（60分程度）※日本時間',
      offset: 540,
      start: '2026-12-08T05:00:00.000Z',
      timezone: 'Asia/Tokyo',
      certain: true,
    },
    {
      says: 'Chinese "下午2:30" after a weekday in brackets, with no zone (China by the language and offset)',
      text: '面试时间：2026年12月8日（周二）下午2:30',
      offset: 480,
      start: '2026-12-08T06:30:00.000Z',
      timezone: 'Asia/Shanghai',
      certain: false,
    },
    {
      says: 'Chinese with "北京时间"',
      text: '时间：12月8日 下午3:00（北京时间），时长约60分钟',
      offset: 480,
      start: '2026-12-08T07:00:00.000Z',
      timezone: 'Asia/Shanghai',
      certain: true,
    },
  ])('reads $says', check);
});

describe('ranges give a start and an end', () => {
  it.each<Case>([
    {
      says: '"2:00–3:00 PM" with an en dash',
      text: 'Interview: Tuesday, December 8, 2026 from 2:00–3:00 PM ET',
      offset: -300,
      start: '2026-12-08T19:00:00.000Z',
      end: '2026-12-08T20:00:00.000Z',
    },
    {
      says: '"14:00 - 15:00 Uhr"',
      text: 'Vorstellungsgespräch am 8. Dezember von 14:00 - 15:00 Uhr MEZ',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
      end: '2026-12-08T14:00:00.000Z',
    },
    {
      says: '"from 10am to 11am"',
      text: 'The interview runs from 10am to 11am ET on December 8.',
      offset: -300,
      start: '2026-12-08T15:00:00.000Z',
      end: '2026-12-08T16:00:00.000Z',
    },
    {
      says: '"de 14h à 15h"',
      text: 'Entretien le mardi 8 décembre de 14h à 15h (heure de Paris).',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
      end: '2026-12-08T14:00:00.000Z',
    },
    {
      says: 'Spanish "de 14:00 a 15:00", which chrono alone misses',
      text: 'Entrevista el martes 8 de diciembre de 14:00 a 15:00 (hora peninsular).',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
      end: '2026-12-08T14:00:00.000Z',
    },
    {
      says: 'a range over midnight',
      text: 'The interview is on Dec 8 from 11pm to 1am ET.',
      offset: -300,
      start: '2026-12-09T04:00:00.000Z',
      end: '2026-12-09T06:00:00.000Z',
    },
    {
      says: 'a time range before its date, with a Calendly zone between them',
      text: 'Interview: 10:00am - 10:30am (Pacific Time - US & Canada) on Tuesday, December 8, 2026',
      offset: -480,
      start: '2026-12-08T18:00:00.000Z',
      end: '2026-12-08T18:30:00.000Z',
      timezone: 'America/Los_Angeles',
    },
    {
      says: 'an Outlook "When:" line with a Windows zone label',
      text: 'When: Tuesday, December 8, 2026 2:00 PM-3:00 PM (UTC-08:00) Pacific Time (US & Canada).',
      offset: -300,
      start: '2026-12-08T22:00:00.000Z',
      end: '2026-12-08T23:00:00.000Z',
    },
    {
      says: 'a Windows-1252 dash that arrived as a C1 control character',
      text: 'Details for your onsite interview.\nDate: Wednesday, July 22\nTime: 10:00 AM \u0096 2:00 PM PT',
      reference: SUMMER,
      offset: -240,
      start: '2026-07-22T17:00:00.000Z',
      end: '2026-07-22T21:00:00.000Z',
    },
    {
      says: 'a date line, a time line and a "Time zone:" line',
      text: 'Date: Tuesday, December 8, 2026\nTime: 2:00 PM - 3:00 PM\nTime zone: Eastern Time - US & Canada',
      offset: -300,
      start: '2026-12-08T19:00:00.000Z',
      end: '2026-12-08T20:00:00.000Z',
      timezone: 'America/New_York',
      certain: true,
    },
  ])('reads $says', check);
});

describe('the interview is picked among the other dates of the mail', () => {
  it.each<Case>([
    {
      says: 'an invite that says how to cancel is still an invite',
      text: 'We would like to interview you on Tuesday, December 8 at 2pm ET. If you need to cancel or reschedule, we can cancel the slot for you.',
      offset: -300,
      start: '2026-12-08T19:00:00.000Z',
    },
    {
      says: 'over "applied on" and "confirm by"',
      text: "Thank you for applying on November 20, 2026. We'd like to invite you to an interview on December 8, 2026 at 2:00 PM ET. Please confirm by December 4 at 5pm ET.",
      offset: -300,
      start: '2026-12-08T19:00:00.000Z',
    },
    {
      says: 'over a forwarded "Sent:" header',
      text: 'From: Dana <dana@example.com>\nSent: Monday, November 30, 2026 4:02 PM\nTo: Sam\nSubject: Interview\n\nYour interview is on December 8 at 2pm ET.',
      offset: -300,
      start: '2026-12-08T19:00:00.000Z',
    },
    {
      says: 'in German, over "Bewerbung vom" and "bis zum"',
      text: 'Vielen Dank für Ihre Bewerbung vom 20. November. Gerne laden wir Sie am 8. Dezember um 14:00 Uhr MEZ zu einem Vorstellungsgespräch ein. Bitte bestätigen Sie bis zum 4. Dezember um 12 Uhr.',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
    },
    {
      says: 'in French, over an "Envoyé :" header',
      text: 'De : Marie <marie@example.fr>\nEnvoyé : lundi 30 novembre 2026 16:02\nÀ : moi\nObjet : Entretien\n\nBonjour, nous vous proposons un entretien le mardi 8 décembre à 14h (heure de Paris).',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
    },
    {
      says: 'in Spanish, over an "Enviado el:" header',
      text: 'De: Ana <ana@example.es>\nEnviado el: lunes, 30 de noviembre de 2026 16:02\nPara: yo\nAsunto: Entrevista\n\nHola, le invitamos a una entrevista el martes 8 de diciembre a las 14:00 (hora peninsular).',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
    },
    {
      says: 'the new time of a rescheduled interview',
      text: 'Your interview originally scheduled for December 7 at 10am ET has been moved to December 8 at 2pm ET.',
      offset: -300,
      start: '2026-12-08T19:00:00.000Z',
    },
    {
      says: 'the first slot when two are offered',
      text: 'Could you do an interview on Monday, December 7 at 10am ET or Tuesday, December 8 at 2pm ET?',
      offset: -300,
      start: '2026-12-07T15:00:00.000Z',
    },
    {
      says: 'nothing in a newsletter whose only time is a webinar',
      text: 'LIVE WEBINAR\nJoin recruiters on Thursday, December 10 at 1pm ET for a live Q&A on interview prep. Register: https://example.com/webinar',
      offset: -300,
      start: null,
    },
    {
      says: 'nothing when the only date lies before the message',
      text: 'Posted on November 1, 2026 at 9am. Thanks for your interest!',
      offset: -300,
      start: null,
    },
  ])('picks $says', check);
});

describe('a day and its time written apart, schedules, and times that are no interview', () => {
  it.each<Case>([
    {
      says: 'a Brazilian date line and its "Horário" line, told from Spanish by its own words',
      text: 'Bom dia, Larissa.\n\nConforme conversamos por telefone, confirmo sua entrevista presencial:\n\nData: quarta, 9 de dezembro\nHorário: 14h30\nLocal: Av. Mauá 1050, sala 701, Porto Alegre/RS\n\nVocê vai conversar com o gerente técnico.',
      offset: -180,
      hints: { senderAddress: 'rh@agro.com.br' },
      start: '2026-12-09T17:30:00.000Z',
      timezone: 'America/Sao_Paulo',
    },
    {
      says: 'a day with its office address and postcode, then a programme table: the first row is the start',
      text: 'Vos entretiens finaux sont confirmés le mardi 8 décembre 2026, dans nos bureaux (42 rue du Faubourg Poissonnière, 75010 Paris). Voici le programme (heure de Paris) :\n\nHoraire | Entretien | Avec\n10:00 – 10:45 | Étude de cas | Karim Haddad\n11:00 – 11:45 | Entretien technique | Julie Marchand',
      offset: 60,
      start: '2026-12-08T09:00:00.000Z',
      timezone: 'Europe/Paris',
    },
    {
      says: "a day with its address, then the schedule's rows: the first row is the start",
      text: 'Här är schemat för din intervjudag tisdag 8 december hos Umeälv Energi AB (Storgatan 40, Umeå):\n09:00–09:30  Välkommen och rundvandring\n09:30–10:30  Teknisk intervju\n12:00        Lunch',
      offset: 60,
      hints: { senderAddress: 'hr@energi.se' },
      start: '2026-12-08T08:00:00.000Z',
      timezone: 'Europe/Stockholm',
    },
    {
      says: 'rounds listed under their day, each with its number: the first round is the start',
      text: 'Please find your interview schedule for Tuesday, 8 December 2026 below.\n  Round 1 - Technical: 10:00 AM - 10:45 AM IST - Naveen Kumar\n  Round 2 - System Design: 11:00 AM - 11:45 AM IST\n  HR Discussion: 2:00 PM - 2:30 PM IST',
      offset: 330,
      hints: { senderAddress: 'hr@fintech.com' },
      start: '2026-12-08T04:30:00.000Z',
      timezone: 'Asia/Kolkata',
      certain: true,
    },
    {
      says: 'a phone number between a day and a time keeps them apart',
      text: 'Your interview is on Tuesday, December 8.\nQuestions? Call 020 7946 0123.\nOffice hours 9:00 AM',
      offset: 0,
      start: null,
    },
    {
      says: 'Dutch "in plaats daarvan … naar" is the new time, not the one to be moved',
      text: 'Helaas moeten we ons gesprek van woensdag 9 december om 14:00 uur verplaatsen.\n\nIn plaats daarvan verplaatsen we het gesprek naar vrijdag 11 december om 9:00 uur, zelfde locatie in Rotterdam.',
      offset: 60,
      hints: { senderAddress: 'recruiter@terminals.nl' },
      start: '2026-12-11T08:00:00.000Z',
      timezone: 'Europe/Amsterdam',
    },
    {
      says: 'a day and its time in the next sentence',
      text: 'Could we move your interview to Thursday, December 10? The new time would be 12:30 PM - 1:30 PM ET.',
      offset: -300,
      start: '2026-12-10T17:30:00.000Z',
      end: '2026-12-10T18:30:00.000Z',
      certain: true,
    },
    {
      says: 'a schedule: the day, a header, then one session per row, from the first to the last',
      text: 'Tuesday, December 8, 2026\n\nTime (PT) | Session | With\n8:00 AM – 8:45 AM | Portfolio review | Ilana\n9:00 AM – 9:45 AM | Product sense | Keiko',
      offset: -480,
      start: '2026-12-08T16:00:00.000Z',
      end: '2026-12-08T17:45:00.000Z',
      timezone: 'America/Los_Angeles',
      certain: true,
    },
    {
      says: 'no time from a day and a time a phone number apart',
      text: 'Please reply by Friday, December 4. Questions? Call 0755-5555 0123 (weekdays 9:00-18:00).',
      offset: 480,
      start: null,
    },
    {
      says: 'no time from a deadline written as a label',
      text: 'Please record your video interview.\nDeadline: Friday, December 11, 2026 at 11:59 PM Eastern Time',
      offset: -300,
      start: null,
    },
    {
      says: 'no time from a Chinese deadline ("前" after the date)',
      text: '如需改期，请在12月7日18:00前告知。',
      offset: 480,
      start: null,
    },
    {
      says: 'no time from an interview that was cancelled',
      text: 'Unfortunately, your interview scheduled for Wednesday, December 9 from 2:00 PM to 3:00 PM EST has been cancelled.',
      offset: -300,
      start: null,
    },
    {
      says: 'no time from windows to book in',
      text: 'Pick a time with my scheduling link. Wes has the most openings on Tuesday 12/8, anywhere between 9 AM and 4 PM PT.',
      offset: -480,
      start: null,
    },
    {
      says: 'no time from the start date of a job offered',
      text: 'Please sign your offer letter by Friday. Your anticipated start date is Monday, December 14, 2026 at 8:00 AM.',
      offset: -300,
      start: null,
    },
    {
      says: 'the latest message of a thread that answers without quoting ("在 … 写道："), not the first invitation',
      text: '没问题。面试改为12月10日（周四）上午10:00，地点不变。\n\n在 2026-12-01 09:41:03，"林晓雯" <linxiaowen@163.com> 写道：\n请问可以改到下周吗？\n\n在 2026-11-30 14:20:05，"赵敏" <zhaomin@example.cn> 写道：\n现邀请您参加面试：\n时间：2026年12月8日（周二）上午10:00\n地点：星链大厦12层',
      offset: 480,
      start: '2026-12-10T02:00:00.000Z',
    },
    {
      says: 'the latest message of a quoted thread even when an older one reads more like an invitation',
      text: 'Thursday 10 December at 3:00pm it is. Speak then!\n\nOn Tue, Dec 1, 2026 at 6:48 PM Amir Haddad <amir@example.com>\nwrote:\n\n> Would Thursday afternoon be possible?\n>\n> On Tue, Dec 1, 2026 at 10:12 AM Eleanor Price <eleanor@firm.co.uk> wrote:\n>\n>> We would like to invite you to an interview on Tuesday 8 December from 10:00am to 11:00am.',
      offset: 0,
      hints: { senderAddress: 'eleanor@firm.co.uk' },
      start: '2026-12-10T15:00:00.000Z',
    },
    {
      says: 'French "13 h 30" with its minutes',
      text: "L'entrevue aura lieu le jeudi 10 décembre à 13 h 30 (heure de l'Est).\n\nLe mar. 1 déc. 2026, 14 h 05, Maxime <m@studio.ca> a\nécrit :",
      offset: -300,
      start: '2026-12-10T18:30:00.000Z',
      timezone: 'America/Toronto',
      certain: true,
    },
    {
      says: 'the confirmed time, not the first of the times offered',
      text: 'Are you available for an on-site interview tomorrow? I have 10:00 AM, 2:15 PM or 4:30 PM (ET).\nKayla: 2:15 works\nGreat! You are confirmed for tomorrow at 2:15 PM ET at our Cleveland site.',
      offset: -300,
      start: '2026-12-03T19:15:00.000Z',
    },
  ])('reads $says', check);
});

describe('text that holds no interview time', () => {
  it.each<Case>([
    {
      says: 'an interview the employer writes they must cancel',
      text: 'Unfortunately we need to cancel your interview this Thursday (10 December, 10:00am AWST) for the Geotechnical Engineer role.',
      offset: 480,
      start: null,
    },
    { says: 'no date at all', text: "Thanks for your interest! We'll be in touch.", start: null },
    { says: 'a time without a date', text: 'Your interview is at 3pm ET.', offset: -300, start: null },
    { says: 'empty text', text: '', start: null },
    {
      says: 'a date without a time (no hour is made up)',
      text: 'Your interview is on Tuesday, December 8.',
      offset: -300,
      start: null,
    },
    {
      says: 'a day held while the exact times are to follow',
      text: 'We are planning to host you on Friday, March 5. Our coordinator will send you the itinerary with the exact times early next week.',
      reference: '2027-02-24T22:02:00.000Z',
      offset: -360,
      start: null,
    },
    {
      says: 'a zone written far from the time, which is not taken',
      text: 'Interview on December 8, 2026 at 2pm.\n\nOur Central office is on the 4th floor.',
      offset: -300,
      start: '2026-12-08T19:00:00.000Z',
      timezone: 'Etc/GMT+5',
      certain: false,
    },
  ])('handles $says', check);
});

describe('zones written in other ways', () => {
  it.each<Case>([
    {
      says: 'an IANA zone name written out by a scheduling tool',
      text: 'Date: Tuesday, 8 December 2026\nTime: 16:00 – 16:45 (Europe/Berlin)',
      offset: 0,
      start: '2026-12-08T15:00:00.000Z',
      end: '2026-12-08T15:45:00.000Z',
      timezone: 'Europe/Berlin',
      certain: true,
    },
    {
      says: 'a bare offset with a true minus sign named after the sender\'s city that keeps it ("UTC−3", São Paulo)',
      text: 'quarta-feira, 9/12, às 9h30 (UTC−3)\nAv. Brigadeiro Faria Lima 3900, 12º andar – São Paulo',
      offset: -180,
      hints: { senderAddress: 'consultora@talentos.com.br' },
      start: '2026-12-09T12:30:00.000Z',
      timezone: 'America/Sao_Paulo',
      certain: true,
    },
    {
      says: "a bare offset no place of the sender's keeps stays an offset",
      text: 'Your interview: Tuesday, December 8, 2026 at 10:00 (UTC-3)',
      offset: 0,
      hints: { senderAddress: 'hr@example.de' },
      start: '2026-12-08T13:00:00.000Z',
      timezone: 'Etc/GMT+3',
      certain: true,
    },
    {
      says: '"AEDT" at an office whose address names its state ("Abbotsford VIC 3067") as Melbourne\'s clock',
      text: 'The panel would like to interview you on Wednesday 9 December, 2:30pm AEDT, at our office (Level 3, 21 Trenerry Crescent, Abbotsford VIC 3067).',
      offset: 660,
      hints: { senderAddress: 'lead@water.com.au' },
      start: '2026-12-09T03:30:00.000Z',
      timezone: 'Australia/Melbourne',
      certain: true,
    },
    {
      says: "Zoom's display name after the time, without an offset, in summer and named for the sender",
      text: 'Topic: Interview\nTime: Mar 30, 2027 09:00 AM Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna\nNote the time is one hour ahead of Dublin.',
      reference: '2027-03-24T14:30:00.000Z',
      offset: 60,
      hints: { senderAddress: 'hr@logistics.nl' },
      start: '2027-03-30T07:00:00.000Z',
      timezone: 'Europe/Amsterdam',
      certain: true,
    },
    {
      says: "a Windows zone display name as the region's zone, not the first city it lists",
      text: 'When: Tuesday, 8 December 2026 14:00 (UTC+00:00) Dublin, Edinburgh, Lisbon, London',
      offset: 0,
      hints: { senderAddress: 'careers@kestrelwater.com' },
      start: '2026-12-08T14:00:00.000Z',
      timezone: 'Europe/London',
      certain: true,
    },
    {
      says: "a Windows display name's standard offset in summer: the region's clock that day, named for the sender",
      text: 'When: Thursday, 22 April 2027 10:30 (UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
      reference: '2027-04-15T07:30:00.000Z',
      offset: 120,
      hints: { senderAddress: 'werving@bedrijf.nl' },
      start: '2027-04-22T08:30:00.000Z',
      timezone: 'Europe/Amsterdam',
      certain: true,
    },
    {
      says: '"my time (SGT)" beside the other person\'s time',
      text: "Let's lock in Tuesday 8 December at 10:00am my time (SGT), which should be 1:00pm your time in Sydney.",
      offset: 660,
      start: '2026-12-08T02:00:00.000Z',
      timezone: 'Asia/Singapore',
      certain: true,
    },
    {
      says: '"AEST" from a Queensland office in summer as Brisbane\'s clock (UTC+10 all year)',
      text: 'Interview: Tuesday 8 December at 10am AEST\nLevel 4, 260 Wickham Street, Fortitude Valley QLD 4006',
      offset: 600,
      start: '2026-12-08T00:00:00.000Z',
      timezone: 'Australia/Brisbane',
      certain: true,
    },
    {
      says: '"MST" from Phoenix in summer as Arizona\'s clock',
      text: 'Your interview is on Tuesday, July 14, 2026 at 2:00 PM MST at our Phoenix office.',
      reference: SUMMER,
      offset: -420,
      start: '2026-07-14T21:00:00.000Z',
      timezone: 'America/Phoenix',
      certain: true,
    },
    {
      says: '"CST" written during daylight time as the Central clock, not certain',
      text: 'Your interview is on Tuesday, July 14, 2026 at 2:00 PM CST.',
      reference: SUMMER,
      offset: -300,
      start: '2026-07-14T19:00:00.000Z',
      timezone: 'America/Chicago',
      certain: false,
    },
    {
      says: '"IST" from an Irish sender in February (Ireland keeps GMT then) as the Irish clock, not certain',
      text: 'Interview on Tuesday, February 9, 2027 at 3:00 PM IST.',
      reference: '2027-02-01T10:00:00.000Z',
      offset: 0,
      hints: { senderAddress: 'talent@firm.ie' },
      start: '2027-02-09T15:00:00.000Z',
      timezone: 'Europe/Dublin',
      certain: false,
    },
  ])('reads $says', check);
});

describe('where the sender is makes a region word precise without moving the instant', () => {
  it.each<Case>([
    {
      says: '"CET" from a Spanish company as Europe/Madrid',
      text: 'Entrevista el martes 8 de diciembre a las 14:00 CET.',
      offset: 60,
      hints: { senderAddress: 'rrhh@empresa.es' },
      start: '2026-12-08T13:00:00.000Z',
      timezone: 'Europe/Madrid',
    },
    {
      says: '"CEST" at a Leiden office as Europe/Amsterdam',
      text: 'We invite you to an interview on Wednesday, October 21, 2026 at 10:00 AM CEST at our Leiden office.',
      reference: '2026-10-01T10:00:00.000Z',
      offset: 120,
      start: '2026-10-21T08:00:00.000Z',
      timezone: 'Europe/Amsterdam',
    },
    {
      says: '"GMT" at a London office in December as Europe/London',
      text: 'The interview will take place on 10 December 2026 at 11:00 GMT at our London office.',
      offset: 0,
      start: '2026-12-10T11:00:00.000Z',
      timezone: 'Europe/London',
    },
    {
      says: '"GMT" at a London office in July as plain UTC, since London is an hour ahead then',
      text: 'The interview will take place on 14 July 2026 at 11:00 GMT at our London office.',
      reference: SUMMER,
      offset: 60,
      start: '2026-07-14T11:00:00.000Z',
      timezone: 'UTC',
    },
    {
      says: '"PT" in July from a US sender as Los Angeles, not Phoenix (same offset in July only)',
      text: 'Interview on Tuesday, July 14, 2026 at 2:00 PM PT.',
      reference: SUMMER,
      offset: -420,
      hints: { senderAddress: 'recruiting@agency.us' },
      start: '2026-07-14T21:00:00.000Z',
      timezone: 'America/Los_Angeles',
    },
    {
      says: '"IST" from an Irish sender as Dublin',
      text: 'Interview on Tuesday, December 8, 2026 at 2:00 PM IST.',
      offset: 0,
      hints: { senderAddress: 'jobs@firm.ie' },
      start: '2026-12-08T14:00:00.000Z',
      timezone: 'Europe/Dublin',
    },
    {
      says: '"CST" from a Chinese sender as Shanghai',
      text: 'Interview on Tuesday, December 8, 2026 at 2:00 PM CST.',
      offset: 480,
      hints: { senderAddress: 'hr@firm.cn' },
      start: '2026-12-08T06:00:00.000Z',
      timezone: 'Asia/Shanghai',
    },
    {
      says: 'a zone stated for all times of the mail',
      text: 'Interview: Tuesday, December 8 at 2pm (all times Eastern)',
      offset: -300,
      start: '2026-12-08T19:00:00.000Z',
      timezone: 'America/New_York',
      certain: true,
    },
    {
      says: 'the subject when the body has no date (Google Calendar writes it there)',
      text: 'See you soon!',
      offset: -480,
      hints: { subject: 'Invitation: Interview @ Tue Dec 8, 2026 2pm - 3pm (PST) (alex@gmail.com)' },
      start: '2026-12-08T22:00:00.000Z',
      end: '2026-12-08T23:00:00.000Z',
      timezone: 'America/Los_Angeles',
    },
  ])('reads $says', check);
});

describe('a time corrected later in a thread', () => {
  it.each<Case>([
    {
      says: 'a time-only correction on the quoted day, in the quoted zone, not certain',
      text: "Hi,\n\nSorry, I meant 3:30 PM, not 2 PM. Same day.\n\nOn Mon, Dec 7, 2026 at 9:00 AM Ann Lee <ann@firm.com> wrote:\n> We'd like to interview you on Tuesday, December 8, 2026 at 2:00 PM EST.\n",
      reference: '2026-12-07T14:00:00.000Z',
      offset: -300,
      start: '2026-12-08T20:30:00.000Z',
      timezone: 'America/New_York',
      certain: false,
    },
    {
      says: "the corrected time before the replaced one and the day ('It's 10:30, not 10:00 (same day, …)')",
      text: "Apologies - wrong time in my last email. It's 10:30, not 10:00 (same day, Tuesday 8 December).\n\nOn 1 Dec 2026, at 09:12, Ann Lee <ann@firm.co.uk> wrote:\n\n> Interview on Tuesday 8 December at 10:00 at our London office.\n",
      offset: 0,
      hints: { senderAddress: 'ann@firm.co.uk' },
      start: '2026-12-08T10:30:00.000Z',
      timezone: 'Europe/London',
      certain: false,
    },
    {
      says: 'a German correction under an Outlook header block',
      text: 'Korrektur: Das Gespräch ist um 11:00 Uhr, nicht um 10:00 Uhr.\n\nVon: Eva Roth <eva@firma.de>\nGesendet: Dienstag, 1. Dezember 2026 09:00\nAn: Max\nBetreff: Einladung\n\nWir laden Sie am Dienstag, 8. Dezember 2026, um 10:00 Uhr ein.',
      offset: 60,
      hints: { senderAddress: 'eva@firma.de' },
      start: '2026-12-08T10:00:00.000Z',
      timezone: 'Europe/Berlin',
      certain: false,
    },
    {
      says: 'a time in a later message without words of correction as no correction',
      text: 'Looking forward to it. Reception opens at 8:30 and will call me when you arrive.\n\nOn Mon, Dec 7, 2026 at 9:00 AM Ann Lee <ann@firm.com> wrote:\n> Interview on Tuesday, December 8, 2026 at 10:00 AM EST.\n',
      reference: '2026-12-07T14:00:00.000Z',
      offset: -300,
      start: '2026-12-08T15:00:00.000Z',
      certain: true,
    },
  ])('reads $says', check);
});

describe('day.month. dates, Italian hours after "ore", and "IST" by the evidence for each reading', () => {
  it.each<Case>([
    {
      says: "'Dienstag, 8.12. um 14 Uhr' as 8 December, not the time 8:12",
      text: 'Wir laden Sie am Dienstag, 8.12. um 14 Uhr zum Gespräch ein.',
      offset: 60,
      start: '2026-12-08T13:00:00.000Z',
    },
    {
      says: "'am 08.12., um 9:30 Uhr' as 8 December",
      text: 'Ihr Vorstellungsgespräch findet am 08.12., um 9:30 Uhr statt.',
      offset: 60,
      start: '2026-12-08T08:30:00.000Z',
    },
    {
      says: "a dotted time ending a sentence as a time ('beginnt um 10.05.')",
      text: 'Das Gespräch am Dienstag, 8. Dezember 2026 beginnt um 10.05.',
      offset: 60,
      start: '2026-12-08T09:05:00.000Z',
    },
    {
      says: "an Italian hour after 'ore' ('martedì 8 dicembre ore 15')",
      text: 'Colloquio martedì 8 dicembre ore 15, presso la nostra sede di Bologna.',
      offset: 60,
      start: '2026-12-08T14:00:00.000Z',
    },
    {
      says: '"IST" at a Bengaluru office from a .com sender with a UTC Date as India, certain',
      text: 'Interview on Tuesday, December 8, 2026 at 3:00 PM IST at our Bengaluru office.',
      offset: 0,
      hints: { senderAddress: 'hr@firm.com' },
      start: '2026-12-08T09:30:00.000Z',
      timezone: 'Asia/Kolkata',
      certain: true,
    },
    {
      says: '"IST" in July with an Irish phone number and a UTC Date as Irish summer time',
      text: 'Interview on Tuesday, July 14, 2026 at 3:00 PM IST. Call me on +353 1 555 0100.',
      reference: SUMMER,
      offset: 0,
      hints: { senderAddress: 'hr@firm.com' },
      start: '2026-07-14T14:00:00.000Z',
      timezone: 'Europe/Dublin',
      certain: true,
    },
    {
      says: '"IST" in July from a .com sender with a UTC Date as India (Ireland is an hour ahead of UTC then)',
      text: 'Interview on Tuesday, July 14, 2026 at 3:00 PM IST.',
      reference: SUMMER,
      offset: 0,
      hints: { senderAddress: 'hr@firm.com' },
      start: '2026-07-14T09:30:00.000Z',
      timezone: 'Asia/Kolkata',
    },
    {
      says: '"IST" with an Indian phone number from an Irish address as Irish, not certain',
      text: 'Interview on Tuesday, July 14, 2026 at 3:00 PM IST. Questions: +91 80 5550 1234.',
      reference: SUMMER,
      offset: 60,
      hints: { senderAddress: 'hr@firm.ie' },
      start: '2026-07-14T14:00:00.000Z',
      timezone: 'Europe/Dublin',
      certain: false,
    },
  ])('reads $says', check);
});

describe('a move from one day to another', () => {
  it.each<Case>([
    {
      says: 'the day moved to, with its time',
      text: "We've moved your interview from Monday 7 December to Tuesday 8 December at 10am EST.",
      reference: '2026-12-03T10:00:00.000Z',
      offset: -300,
      start: '2026-12-08T15:00:00.000Z',
      certain: true,
    },
  ])('reads $says', check);
});

describe('a job offer that still holds an interview', () => {
  it.each<Case>([
    {
      says: 'the interview named in its own sentence',
      text: 'Before we send the job offer, could you join a final interview on Tuesday, December 8 at 10am EST?',
      offset: -300,
      start: '2026-12-08T15:00:00.000Z',
    },
  ])('reads $says', check);
});

describe('mail where no interview time is fixed', () => {
  it.each<Case>([
    {
      says: "a job offer's first working day",
      text: 'Wir freuen uns, Ihnen die Stelle anzubieten. Ihr erster Arbeitstag wäre Montag, der 14. Dezember 2026, um 9:00 Uhr.',
      offset: 60,
      start: null,
    },
    {
      says: "a date in an offer with no interview words in its sentence ('Start: Monday, December 14 at 9:00 AM')",
      text: 'We are delighted to offer you the position of Analyst. Your offer letter is attached.\n\nStart: Monday, December 14 at 9:00 AM at our Boston office.',
      offset: -300,
      start: null,
    },
    {
      says: "an offer's 'incorporación'",
      text: 'Nos complace ofrecerte el puesto. La incorporación sería el lunes 14 de diciembre a las 8:30.',
      offset: 60,
      start: null,
    },
    {
      says: 'a booking window of several days',
      text: 'Please pick a slot for your interview on my Calendly. Slots are open from Monday 7 December to Friday 11 December, 9am - 5pm GMT.',
      offset: 0,
      start: null,
    },
    {
      says: "a German booking window ('zwischen dem 7. und 11. Dezember, jeweils von 9 bis 16 Uhr')",
      text: 'Buchen Sie bitte selbst einen Termin für das Gespräch.\n\nFreie Zeiten gibt es zwischen dem 7. und 11. Dezember, jeweils von 9 bis 16 Uhr.',
      offset: 60,
      start: null,
    },
    {
      says: "a French window of days ('du 9 au 11 décembre, de 9h à 12h')",
      text: "Merci d'indiquer vos disponibilités pour l'entretien sur ce Doodle.\n\nLes créneaux vont du 9 au 11 décembre, de 9h à 12h.",
      offset: 60,
      start: null,
    },
    {
      says: "a window of hours to book in ('any slot between 9am and 5pm next week')",
      text: 'Book any 30-minute slot between 9am and 5pm next week using this link: https://calendly.com/x',
      offset: -300,
      start: null,
    },
    {
      says: 'a time whose zone the writer asks for',
      text: "Would Tuesday, December 8 at 3pm work for a chat? Let me know which time zone you're in.",
      offset: 0,
      start: null,
    },
    {
      says: "a time with its zone, though the writer asks for the reader's",
      text: 'Would Tuesday, December 8 at 3pm CET work for the interview? What time zone are you in, in case it does not?',
      offset: 60,
      start: '2026-12-08T14:00:00.000Z',
    },
  ])('reads $says', check);
});

describe('hostile input stays bounded and never crashes', () => {
  /** The test timeout guards against unbounded work; speed is measured in bench/. */
  function bounded(text: string, hints?: TimeHints) {
    return { found: findInterviewTime(text, WINTER, -300, hints) };
  }

  it('reads 1 MB of digits and slashes in bounded time and finds nothing', () => {
    const { found } = bounded('1/2/3/4/5/6/7/8/9/0/'.repeat(52_429));
    expect(found).toBeNull();
  });

  it('reads 1 MB of dates on one line in bounded time', () => {
    const { found } = bounded('Interview on December 8 at 2pm ET, '.repeat(30_000));
    expect(found?.start).toBe('2026-12-08T19:00:00.000Z');
  });

  it('reads 1 MB of short date lines in bounded time', () => {
    expect(() => bounded('12/10 10:00-11:00 (UTC+01:00) Amsterdam\n'.repeat(25_000))).not.toThrow();
  });

  it('does not look past the first 20,000 characters', () => {
    const { found } = bounded(`${'x '.repeat(15_000)}Interview on December 8, 2026 at 2pm ET`);
    expect(found).toBeNull();
  });

  it('survives brackets, zone words and offsets in bulk', () => {
    expect(() =>
      bounded(`Interview 8 Dec 2pm ${'((((GMT+99:99 UTC- PT ET (UTC+01:00) '.repeat(20_000)}`),
    ).not.toThrow();
  });

  it('takes no inherited property for a zone word or a country (regression: "constructor" crashed)', () => {
    const text = 'Interview on December 8, 2026 at 2pm constructor __proto__ toString';
    expect(() => findInterviewTime(text, WINTER, 0)).not.toThrow();
    expect(() => findInterviewTime(text, WINTER, 0, { senderAddress: 'a@b.constructor' })).not.toThrow();
    expect(findInterviewTime(text, WINTER, 0)?.start).toBe('2026-12-08T14:00:00.000Z');
  });

  it('ignores an unparseable reference and odd hints', () => {
    expect(() =>
      findInterviewTime('Interview on December 8, 2026 at 2pm ET', 'not a date', 99_999, {
        senderAddress: '@@@',
        language: '\u0000',
        subject: 'x'.repeat(100_000),
      }),
    ).not.toThrow();
  });
});

describe('language and date order come from cheap hints', () => {
  it.each([
    ['Wir laden Sie am Dienstag zum Vorstellungsgespräch ein.', undefined, 'de'],
    ['Nous vous invitons à un entretien mardi prochain.', undefined, 'fr'],
    ['Le invitamos a una entrevista el próximo martes.', undefined, 'es'],
    ['Ti confermo il colloquio per giovedì alle ore 15.', undefined, 'it'],
    ['We hebben het gesprek ingepland op dinsdag.', undefined, 'nl'],
    ['Gostaríamos de convidá-la para uma entrevista na quinta-feira.', undefined, 'pt'],
    ['Your interview is on Tuesday.', undefined, 'en'],
    ['Vi vill gärna träffa dig för en intervju på tisdag.', undefined, 'sv'],
    ['Zapraszamy na rozmowę kwalifikacyjną we wtorek.', undefined, 'pl'],
    ['以下の日程で一次面接を確定いたしました。', undefined, 'ja'],
    ['面接日時：12月8日（火）14:00', undefined, 'ja'],
    ['现邀请您参加面试，时间：12月8日下午2:30', undefined, 'zh'],
    ['12:00', 'de-DE', 'de'],
  ])('reads %j (language tag %s) as %s', (text, hint, language) => {
    expect(detectLanguage(text, hint)).toBe(language);
  });

  it.each([
    ['en', 'uk', undefined, 0, { dayFirst: true, basis: 'strong' }],
    ['en', 'us', undefined, -300, { dayFirst: false, basis: 'strong' }],
    ['en', null, 'en-US', null, { dayFirst: false, basis: 'strong' }],
    ['en', null, 'en-AU', null, { dayFirst: true, basis: 'strong' }],
    ['en', 'com', undefined, -300, { dayFirst: false, basis: 'weak' }],
    ['en', 'com', undefined, 60, { dayFirst: true, basis: 'weak' }],
    ['en', null, undefined, null, { dayFirst: false, basis: 'default' }],
    ['fr', 'com', undefined, -300, { dayFirst: true, basis: 'strong' }],
    ['ja', 'jp', undefined, 540, { dayFirst: false, basis: 'strong' }],
  ] as const)(
    'orders dates for language %s, domain %s, tag %s, offset %s',
    (language, tld, tag, offset, order) => {
      expect(dateOrder(language, tld, tag, offset)).toEqual(order);
    },
  );
});

describe('the machine the code runs on', () => {
  // Regression: chrono's forwardDate, its range ends and its "day after tomorrow" read the machine's own zone.
  it('does not change the answer, whatever its time zone', () => {
    const script = [
      "import { findInterviewTime } from './functions/domain/invite/find-time.ts';",
      "const w = '2026-12-02T20:30:00.000Z';",
      'console.log(JSON.stringify([',
      "  findInterviewTime('We have the interview the day after tomorrow at 10am ET.', w, -300)?.start,",
      "  findInterviewTime('The interview is on Dec 8 from 11pm to 1am ET.', w, -300)?.end,",
      "  findInterviewTime('Your interview is on Tuesday at 2pm ET.', w, -300)?.start,",
      ']));',
    ].join('\n');
    for (const zone of ['Asia/Kolkata', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
      const output = execFileSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        {
          env: { ...process.env, TZ: zone },
          encoding: 'utf8',
        },
      );
      expect(JSON.parse(output), zone).toEqual([
        '2026-12-04T15:00:00.000Z',
        '2026-12-09T06:00:00.000Z',
        '2026-12-08T19:00:00.000Z',
      ]);
    }
  }, 60_000);
});

describe('zone offsets from the transition tables', () => {
  it.each([
    'America/New_York',
    'Europe/London',
    'Australia/Sydney',
    'Australia/Lord_Howe',
    'Africa/Casablanca',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'America/Sao_Paulo',
  ])('agree with Luxon every 3 hours of 2026 and around each change in %s', (zone) => {
    const wrong: string[] = [];
    const start = Date.UTC(2026, 0, 1);
    let previous = offsetAt(zone, start);
    for (let ms = start; ms < Date.UTC(2027, 0, 1); ms += 3 * 3_600_000) {
      const expected = DateTime.fromMillis(ms, { zone }).offset;
      if (offsetAt(zone, ms) !== expected) wrong.push(new Date(ms).toISOString());
      if (expected !== previous) {
        // A change happened in the last 3 hours: check each minute of them.
        for (let minute = ms - 3 * 3_600_000; minute <= ms; minute += 60_000) {
          const exact = DateTime.fromMillis(minute, { zone }).offset;
          if (offsetAt(zone, minute) !== exact) wrong.push(new Date(minute).toISOString());
        }
      }
      previous = expected;
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    [
      'a time skipped in spring, moved forward as a clock does',
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30 },
      '2026-03-08T07:30:00.000Z',
    ],
    [
      'a time repeated in autumn, at its first occurrence',
      { year: 2026, month: 11, day: 1, hour: 1, minute: 30 },
      '2026-11-01T05:30:00.000Z',
    ],
    [
      'an ordinary summer time',
      { year: 2026, month: 7, day: 14, hour: 14, minute: 0 },
      '2026-07-14T18:00:00.000Z',
    ],
  ])('places %s in New York', (_says, wall, instant) => {
    expect(new Date(wallToInstant(wall, 'America/New_York')).toISOString()).toBe(instant);
  });

  it('keeps a two-digit year as written', () => {
    expect(
      new Date(wallToInstant({ year: 26, month: 12, day: 8, hour: 14, minute: 0 }, 0)).toISOString(),
    ).toBe('0026-12-08T14:00:00.000Z');
  });
});

describe('dotted clock times are given a colon without moving a character', () => {
  it.each([
    ['Zeit: 14.00 Uhr', 'Zeit: 14:00 Uhr'],
    ['alle ore 15.30 presso', 'alle ore 15:30 presso'],
    ['om 10.15 uur', 'om 10:15 uur'],
    ['kl. 9.30', 'kl. 9:30'],
    ['at 2.30pm', 'at 2:30pm'],
    ['10.00 - 11:00', '10:00 - 11:00'],
    // Dates, versions and amounts stay as they are.
    ['am 3.03.2027 um', 'am 3.03.2027 um'],
    ['Version 2.10 und 4.50 EUR', 'Version 2.10 und 4.50 EUR'],
    ['um 25.00 Uhr', 'um 25.00 Uhr'],
  ])('%s', (text, expected) => {
    expect(normaliseDottedTimes(text)).toBe(expected);
    expect(normaliseDottedTimes(text)).toHaveLength(text.length);
  });
});

describe('day.month. dates after a weekday or a date word are written day-first without moving a character', () => {
  it.each([
    ['am Donnerstag, 18.03., um 15:00 Uhr', 'am Donnerstag, 18/03 , um 15:00 Uhr'],
    ['Montag, 22.3. um 9 Uhr', 'Montag, 22/3  um 9 Uhr'],
    ['Termin: 7.4. ab 10 Uhr', 'Termin: 7/4  ab 10 Uhr'],
    ['giovedì 18.03. alle 15', 'giovedì 18/03  alle 15'],
    // Full dates, times ending a sentence, and impossible days stay as they are.
    ['am 18.03.2027 um', 'am 18.03.2027 um'],
    ['Beginn 9.05. Bitte pünktlich.', 'Beginn 9.05. Bitte pünktlich.'],
    ['am 32.13. um', 'am 32.13. um'],
  ])('%s', (text, expected) => {
    expect(normaliseDottedDays(text)).toBe(expected);
    expect(normaliseDottedDays(text)).toHaveLength(text.length);
  });
});

describe('an hour after a comma with a time word is read as a time, not a year, without moving a character', () => {
  it.each([
    ['Freitag, 26. Februar, 10 Uhr, in den', 'Freitag, 26. Februar 10:00  , in den'],
    ['viernes 26 de febrero, 9 h en', 'viernes 26 de febrero 9:00 en'],
    ["Friday 26 February, 10 o'clock", 'Friday 26 February 10:00      '],
    // Not an hour: past 23, no time word, or too short to rewrite in place.
    ['Freitag, 26. Februar, 25 Uhr', 'Freitag, 26. Februar, 25 Uhr'],
    ['Februar, 10 Personen', 'Februar, 10 Personen'],
    ['Februar,10h', 'Februar,10h'],
  ])('%s', (text, expected) => {
    expect(normaliseCommaHours(text)).toBe(expected);
    expect(normaliseCommaHours(text)).toHaveLength(text.length);
  });

  it('reads "Freitag, 26. Februar, 10 Uhr" as ten in the morning on that Friday', () => {
    const found = findInterviewTime(
      'Wir möchten Sie gern kennenlernen: Freitag, 26. Februar, 10 Uhr, in Leipzig.',
      '2027-02-10T09:00:00Z',
      60,
    );
    expect(found?.start).toBe('2027-02-26T09:00:00.000Z');
  });
});

describe('the zone tables', () => {
  const zones = [
    ...Object.values(ZONE_ABBREVIATIONS),
    ...Object.values(ZONE_CITIES),
    ...ZONE_PHRASES.values(),
    ...Object.values(COUNTRY_ZONES).flat(),
    ...Object.values(AMBIGUOUS_ABBREVIATIONS).flatMap((readings) => readings.map((reading) => reading.zone)),
  ];
  it('name only zones that exist', () => {
    expect(zones.filter((zone) => !IANAZone.isValidZone(zone))).toEqual([]);
  });

  it('are all read after a time, whatever the first letters of the phrase or abbreviation', () => {
    const hints = { tld: null, senderOffsetMinutes: null };
    const words = [...ZONE_PHRASES.keys(), ...Object.keys(ZONE_ABBREVIATIONS)];
    const unread = words.filter(
      (word) => zoneAfterTime(`at 10:00 ${word} on Monday`, 3, 8, hints, 2026) === null,
    );
    expect(unread).toEqual([]);
  });

  it('find every Windows zone id however it is written: in any case, after an offset prefix or white space', () => {
    const unread = WINDOWS_ZONE_IDS.filter(
      (id) =>
        windowsDisplayNameToIana(id) === null ||
        windowsDisplayNameToIana(`(UTC+01:00) ${id.toUpperCase()}`) === null ||
        windowsDisplayNameToIana(` \t${id.toLowerCase()}`) === null,
    );
    expect(unread).toEqual([]);
    expect(windowsDisplayNameToIana('(PST). Please let us know, thanks')).toBeNull();
  });
});

describe('numeric dates are turned month-first for the English reader without moving a character', () => {
  it.each([
    ['21/01/2027 at 3 PM', true, '01/21/2027 at 3 PM'],
    ['21/01/2027 at 3 PM', false, '21/01/2027 at 3 PM'],
    ['on 13.10.2026', false, 'on 10.13.2026'],
    ['from 10-11am, or 9.45', true, 'from 10-11am, or 9.45'],
    ['call 555-0134 or 2026-12-08', true, 'call 555-0134 or 2026-12-08'],
    ['3/11 10/12:30', true, '11/3 10/12:30'],
  ])('%j (day first: %s) as %j', (text, dayFirst, expected) => {
    expect(monthFirst(text, dayFirst)).toBe(expected);
    expect(monthFirst(text, dayFirst)).toHaveLength(text.length);
  });
});

describe('the messages of a thread, newest first', () => {
  const ages = (text: string, needles: string[]) => {
    const starts = messageStarts(text);
    return needles.map((needle) => messageAge(starts, text.indexOf(needle)));
  };

  it('counts quote lines, wrapped ones too, and deeper quoting as one boundary each', () => {
    const text = [
      'Moved to Thursday.',
      '',
      'On Tue, Dec 1, 2026 at 6:48 PM Amir Haddad',
      '<amir@example.com>',
      'wrote:',
      '',
      '> Thursday works.',
      '>',
      '> On Mon, Nov 30, 2026 at 10:12 AM Eleanor <eleanor@firm.co.uk> wrote:',
      '>',
      '>> Interview on Tuesday.',
    ].join('\n');
    expect(ages(text, ['Moved', 'Thursday works', 'Interview on'])).toEqual([0, 1, 2]);
  });

  it('counts header blocks and separator lines', () => {
    const text = [
      'Thursday it is.',
      '________________________________',
      'From: Amir <amir@example.com>',
      'Sent: Monday, November 30, 2026 6:48 PM',
      'To: Eleanor <eleanor@firm.co.uk>',
      '',
      'Could we do Thursday?',
      '',
      '-----Original Message-----',
      'Von: Eleanor <eleanor@firm.co.uk>',
      'Gesendet: Montag, 30. November 2026 10:12',
      '',
      'Interview am Dienstag.',
    ].join('\n');
    expect(ages(text, ['Thursday it is', 'Could we', 'Interview am'])).toEqual([0, 1, 2]);
  });

  it('reads header blocks in every language the forward reader knows, bold or quoted', () => {
    const text = [
      '週四下午可以。',
      '寄件者: 陳怡君 <yijun.chen@example.com.tw>',
      '寄件日期: 2027年3月1日 星期一 上午 10:12',
      '',
      '면접은 화요일입니다.',
      '> 보낸 사람: 김민지 <minji@example.co.kr>',
      '> 보낸 날짜: 2027년 2월 26일 금요일 오후 3:05',
      '',
      '> Tuesday then.',
      '> **From:** Amir <amir@example.com>',
      '> **Sent:** Friday, February 26, 2027 9:00 AM',
      '',
      '> Interview on Monday.',
    ].join('\n');
    expect(ages(text, ['週四', '면접은', 'Tuesday then', 'Interview on'])).toEqual([0, 1, 2, 3]);
  });

  it('does not take a From line without its date line for a header block', () => {
    const text = 'Schedule\nFrom: 10:00\nTo: 11:00\nRoom 4';
    expect(messageStarts(text)).toEqual([]);
  });
});
