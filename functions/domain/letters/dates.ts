import { IANAZone } from 'luxon';
import { zoneOf } from '../invite/zones.js';
import type { LetterLanguage } from '../model.js';
import { clockFiguresAt, formatterFor } from '../numeric-clock.js';

/**
 * Dates for letters, written as each language writes them, in the interview's own zone. Intl formatters
 * come from the one cache of them (numeric-clock.ts): built once per set of options, locale and zone.
 */

export type Closeness = 'past' | 'today' | 'tomorrow' | 'later';

export interface InterviewWhen {
  closeness: Closeness;
  /** The weekday and date: "Tuesday 8 December", "Dienstag, 8. Dezember", "martes 8 de diciembre". */
  date: string;
  /** The time of day as the language writes it: "14:00", "2:00 PM", "14 h 30", "14.00 uur", "14h30". */
  time: string;
  /** 0–23 in the interview's zone, for "a las"/"a la", "alle"/"all'". */
  hour: number;
}

const LOCALES: Record<LetterLanguage, string> = {
  en: 'en-GB',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
  it: 'it-IT',
  nl: 'nl-NL',
  pt: 'pt-BR',
};

/**
 * The instant and zone Intl can format: an IANA zone as it is; a fixed offset ("UTC+05:30") as UTC, with
 * the instant moved by the offset, since Intl on Node 20 knows no offset zones.
 */
function intlInstant(iso: string, zone: string | null): { at: Date; timeZone: string } {
  const at = new Date(iso);
  const luxonZone = zoneOf(zone);
  if (luxonZone instanceof IANAZone) return { at, timeZone: luxonZone.name };
  const offset = luxonZone ? luxonZone.offset(at.getTime()) : 0;
  return { at: new Date(at.getTime() + offset * 60_000), timeZone: 'UTC' };
}

const DAY = { year: 'numeric', month: '2-digit', day: '2-digit' } as const;

function dayKey(at: Date, timeZone: string): string {
  return formatterFor('en-CA', timeZone, DAY).format(at);
}

/** Whether the interview is today, tomorrow or later, in its own zone, seen at `now`. */
export function closeness(iso: string, zone: string | null, now: Date): Closeness {
  if (Date.parse(iso) < now.getTime()) return 'past';
  const { at, timeZone } = intlInstant(iso, zone);
  const { at: local } = intlInstant(now.toISOString(), zone);
  const today = dayKey(local, timeZone);
  const day = dayKey(at, timeZone);
  if (day === today) return 'today';
  return day === dayKey(new Date(local.getTime() + 86_400_000), timeZone) ? 'tomorrow' : 'later';
}

function parts(format: Intl.DateTimeFormat, at: Date): Record<string, string> {
  const found: Record<string, string> = {};
  for (const part of format.formatToParts(at)) found[part.type] = part.value;
  return found;
}

/**
 * An instant's wall clock in a zone, with the weekday: what the letters and the draft need of it, read from
 * numeric figures (numeric-clock.ts) with names of weekdays and months from tables, formatToParts costing
 * several times more. A year outside 1000–9999 reads as null, and the caller formats to parts as before.
 */
interface LetterClock {
  year: string;
  /** 0–11. */
  month: number;
  day: string;
  hour: string;
  minute: string;
  second: string;
  zoneName: string;
  /** 0 for Sunday, as Date.getUTCDay counts. */
  weekday: number;
}

const twoDigits = (value: number) => (value < 10 ? `0${value}` : String(value));

function clockFigures(at: Date, timeZone: string): LetterClock | null {
  const clock = clockFiguresAt(at, timeZone);
  if (clock?.yearDigits !== 4 || !clock.zoneName) return null;
  const month = clock.month - 1;
  return {
    year: String(clock.year),
    month,
    day: String(clock.day),
    hour: twoDigits(clock.hour),
    minute: twoDigits(clock.minute),
    second: twoDigits(clock.second),
    zoneName: clock.zoneName,
    weekday: new Date(Date.UTC(clock.year, month, clock.day)).getUTCDay(),
  };
}

/** A locale's weekday and month names as one of its formatters writes them, read once from that formatter. */
interface Names {
  weekdays: string[];
  months: string[];
}

/** The names read so far, by the UTC formatter of their options and locale (one per pair). */
const NAMES = new WeakMap<Intl.DateTimeFormat, Names>();

/**
 * The names `options` write in `locale`, indexed as Date counts weekdays and months, read from the same
 * formatter's parts for a day of each (in UTC): a name depends on the locale, the options and the day
 * alone, so these are the very names formatting an instant gives.
 */
function namesOf(locale: string, options: typeof LETTER_DATE | typeof USER_WALL_CLOCK): Names {
  const format = formatterFor(locale, 'UTC', options);
  let names = NAMES.get(format);
  if (!names) {
    const weekdays: string[] = [];
    const months: string[] = [];
    for (let day = 0; day < 7; day++) {
      // 4 January 2026 was a Sunday.
      const at = new Date(Date.UTC(2026, 0, 4 + day, 12));
      weekdays[at.getUTCDay()] = parts(format, at).weekday ?? '';
    }
    for (let month = 0; month < 12; month++)
      months[month] = parts(format, new Date(Date.UTC(2026, month, 15, 12))).month ?? '';
    names = { weekdays, months };
    NAMES.set(format, names);
  }
  return names;
}

/** An American zone writes dates the American way ("Tuesday, December 8", "2:00 PM"). */
export function isAmericanZone(zone: string | null): boolean {
  return (
    zone !== null &&
    /^(?:America\/(?!Argentina|Sao_Paulo|Santiago|Bogota|Lima|Caracas|Montevideo|Asuncion|La_Paz|Mexico_City)|US\/|Canada\/|Pacific\/Honolulu)/.test(
      zone,
    )
  );
}

const LETTER_DATE = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
} as const;

/** The interview's date and time, as a fluent writer of `language` writes them. */
export function interviewWhen(
  iso: string,
  zone: string | null,
  language: LetterLanguage,
  now: Date,
): InterviewWhen {
  const { at, timeZone } = intlInstant(iso, zone);
  const american = language === 'en' && isAmericanZone(zone);
  const locale = american ? 'en-US' : LOCALES[language];
  const figures = clockFigures(at, timeZone);
  let p: { weekday?: string; day?: string; month?: string; hour?: string; minute?: string };
  if (figures) {
    const names = namesOf(locale, LETTER_DATE);
    p = {
      weekday: names.weekdays[figures.weekday],
      day: figures.day,
      month: names.months[figures.month],
      hour: figures.hour,
      minute: figures.minute,
    };
  } else {
    p = parts(formatterFor(locale, timeZone, LETTER_DATE), at);
  }
  const hour = Number(p.hour);
  const minute = p.minute ?? '00';
  const hh = String(hour).padStart(2, '0');
  const { weekday, day, month } = p;
  const date = {
    en: american ? `${weekday}, ${month} ${day}` : `${weekday} ${day} ${month}`,
    de: `${weekday}, ${day}. ${month}`,
    fr: `${weekday} ${day} ${month}`,
    es: `${weekday} ${day} de ${month}`,
    it: `${weekday} ${day} ${month}`,
    nl: `${weekday} ${day} ${month}`,
    pt: `${weekday}, ${day} de ${month}`,
  }[language];
  const time = {
    en: american
      ? `${hour % 12 === 0 ? 12 : hour % 12}:${minute} ${hour < 12 ? 'AM' : 'PM'}`
      : `${hh}:${minute}`,
    de: `${hh}:${minute}`,
    fr: minute === '00' ? `${hour} h` : `${hour} h ${minute}`,
    es: `${hour}:${minute}`,
    it: `${hour}:${minute}`,
    nl: `${hour}.${minute}`,
    pt: minute === '00' ? `${hour}h` : `${hour}h${minute}`,
  }[language];
  return { closeness: closeness(iso, zone, now), date, time, hour };
}

/**
 * Everything Bowout shows its user of an instant, read in one pass: the date and time in English, the
 * zone's short name ("PST", "GMT+1"), and the seconds, which with the rest give the zone's offset. The
 * values are the same in en-US and en-GB (only their order and punctuation differ, which are not used).
 */
const USER_WALL_CLOCK = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
} as const;

const MONTH_INDEX: ReadonlyMap<string, number> = new Map(
  [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ].map((name, index) => [name, index]),
);

/** An instant on the user's clock in a zone, with the zone's name and its offset (minutes) at that instant. */
export interface WallClock {
  weekday: string;
  day: string;
  month: string;
  year: string;
  hour: string;
  minute: string;
  /** The zone as mail apps name it: its short name, or its offset ("UTC+1"). */
  zoneName: string;
  /** Minutes east of UTC at the instant, as Luxon reckons it; 0 for a zone that is not known. */
  offset: number;
}

/**
 * The instant in `zone` as Bowout shows it to its user, read with one formatter call: an IANA zone through
 * Intl (the offset worked out from the wall clock, to the second, as Luxon does); a fixed offset from the
 * UTC clock moved by it; an unknown zone as UTC.
 */
export function wallClock(iso: string, zone: string): WallClock {
  const luxonZone = zoneOf(zone);
  const at = new Date(iso);
  if (luxonZone instanceof IANAZone) {
    const p = userParts(at, luxonZone.name);
    return shown(p, p.timeZoneName ?? luxonZone.name, offsetOf(p, at.getTime()));
  }
  const offset = luxonZone ? luxonZone.offset(at.getTime()) : 0;
  const p = userParts(new Date(at.getTime() + offset * 60_000), 'UTC');
  return shown(p, luxonZone?.name ?? 'UTC', offset);
}

/** The parts USER_WALL_CLOCK formats an instant into, from its figures where they read (clockFigures). */
function userParts(at: Date, timeZone: string): Record<string, string | undefined> {
  const figures = clockFigures(at, timeZone);
  if (!figures) return parts(formatterFor('en-US', timeZone, USER_WALL_CLOCK), at);
  const names = namesOf('en-US', USER_WALL_CLOCK);
  return {
    weekday: names.weekdays[figures.weekday],
    day: figures.day,
    month: names.months[figures.month],
    year: figures.year,
    hour: figures.hour,
    minute: figures.minute,
    second: figures.second,
    timeZoneName: figures.zoneName,
  };
}

function shown(p: Record<string, string | undefined>, zoneName: string, offset: number): WallClock {
  const { weekday = '', day = '', month = '', year = '', hour = '', minute = '' } = p;
  return { weekday, day, month, year, hour, minute, zoneName, offset };
}

/** The zone's offset from the wall clock it shows at `ms`, to the whole second, as Luxon works it out. */
function offsetOf(p: Record<string, string | undefined>, ms: number): number {
  const year = Number(p.year);
  const month = MONTH_INDEX.get(p.month ?? '') ?? Number.NaN;
  const day = Number(p.day);
  let asUtc = Date.UTC(year, month, day, Number(p.hour), Number(p.minute), Number(p.second));
  if (year >= 0 && year < 100) {
    const early = new Date(asUtc);
    early.setUTCFullYear(year, month, day);
    asUtc = early.getTime();
  }
  const over = ms % 1000;
  return (asUtc - (ms - (over >= 0 ? over : 1000 + over))) / 60_000;
}

/** "Tuesday 8 December 2026, 14:00 (PST)". */
export const showWallClock = (p: WallClock): string =>
  `${p.weekday} ${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} (${p.zoneName})`;

/**
 * An instant as Bowout shows it to its user, in `zone`: "Tuesday 8 December 2026, 14:00 (PST)", the zone
 * named as mail apps name it (its short name, or its offset: "UTC+1").
 */
export function formatForUser(iso: string, zone: string): string {
  return showWallClock(wallClock(iso, zone));
}

const HOUR = { hour: 'numeric', hourCycle: 'h23' } as const;

/** The hour (0–23) an instant falls in, in `zone` (UTC when the zone is not known); NaN for no instant. */
export function hourIn(at: Date, zone: string): number {
  const luxonZone = zoneOf(zone);
  const ms = at.getTime();
  if (Number.isNaN(ms)) return Number.NaN;
  if (luxonZone instanceof IANAZone) return Number(formatterFor('en-US', luxonZone.name, HOUR).format(at));
  const offset = luxonZone ? luxonZone.offset(ms) : 0;
  return new Date(ms + offset * 60_000).getUTCHours();
}
