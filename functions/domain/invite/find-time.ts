import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { InterviewTime } from '../model.js';
import { type DateOrder, dateOrder, detectLanguage, type TimeLanguage } from './time-language.js';
import { MIN_SCORE, scoreCandidate } from './time-score.js';
import {
  cityZones,
  countryZones,
  luxonZone,
  type Places,
  refineZone,
  type StatedZone,
  senderZone,
  topLevelDomain,
  type ZoneHints,
  zoneAfterTime,
  zoneFromZoneLine,
} from './time-zone.js';
import { zoneName } from './zones.js';

/** What else is known about the invite, to read its dates the way its writer meant them. */
export interface TimeHints {
  /** The original sender's address: its country domain (.uk, .de) says day-first and which clock. */
  senderAddress?: string | null;
  /** The original subject ("Interview @ Tue Dec 8, 2026 2pm - 3pm (PST)"), read when the body has no date. */
  subject?: string;
  /** A language tag such as the Content-Language header ("de-DE", "en-GB"). */
  language?: string;
}

// Bounds that keep hostile input cheap: only lines that could hold a date go to chrono, and not too many.
const MAX_TEXT = 20_000;
const MAX_PIECE = 400;
const MAX_CANDIDATE_CHARS = 8_000;
const MAX_RESULTS = 60;
const MAX_SUBJECT = 300;
const MAX_GAP = 60;
// Interviews lie after the invite was written; the margin covers any two zones' difference.
const PAST_MARGIN_MS = 36 * 3_600_000;
const DAY_MS = 86_400_000;
const DAY_START_HOUR = 9;
// Where an office city is looked for: the date's own paragraph, roughly.
const CITY_BEFORE = 300;
const CITY_AFTER = 500;

/**
 * A piece of text worth parsing: a time ("2pm", "14:00", "15h", "10 Uhr"), a numeric date, a month name
 * next to a number, a weekday or a relative word. Phone numbers, addresses and prose stay out of chrono.
 */
const MONTH =
  '(?:jan|feb|f[eé]v|mar|mär|mrt|apr|avr|abr|ma[iy]|mag|mei|jun|jui|giu|jul|lug|aug|ao[uû]|ago|sep|set|o[ck]t|ott|out|nov|de[cz]|déc|dic|ene|gen)';
const DATE_HINT = new RegExp(
  [
    '\\d{1,2}\\s?(?:[:.h]\\s?\\d{2}|[ap]\\.?m\\b|[ap]\\.m\\.|uhr|uur|ore\\b|h\\b|hrs?\\b)',
    '\\b\\d{1,2}[./-]\\d{1,2}\\b',
    '\\b\\d{4}[./-]\\d{1,2}[./-]\\d{1,2}',
    `\\b${MONTH}[a-zäéèëêûüôöîïàâçñíóúãõì]*\\.?,?\\s{0,2}\\d`,
    `\\d(?:st|nd|rd|th|er|º|\\.)?\\s{0,3}(?:de\\s{1,2})?${MONTH}`,
    'today|tomorrow|tonight|noon|midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\\bdays?\\b',
    'heute|morgen|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mittag|\\btage',
    'aujourd|demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|midi|\\bjours?\\b',
    '\\bhoy\\b|mañana|lunes|martes|miércoles|jueves|viernes|sábado|domingo|mediod|días?\\b',
    'domani|oggi|lunedì|martedì|mercoledì|giovedì|venerdì|vandaag|maandag|dinsdag|woensdag|donderdag',
    'vrijdag|zaterdag|zondag|amanhã|hoje|feira',
  ].join('|'),
  'i',
);

const NUMERIC_DATE = /(?<![\d./:-])(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?!\d)/;
const DOTTED_DATE = /(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2,4}(?!\d)/;
const SLASHED_DATE = /(?<![\d/])\d{1,2}\/\d{1,2}(?!\d)/;
const ISO_OFFSET = /\d(?:Z|[+-]\d{2}:?\d{2})(?![\d\p{L}])/u;
const NEXT_WEEKDAY = /\b(?:next|nächste[nmrs]?|prochain|próxim[oa])\b/iu;
const RANGE_JOIN = /^\s{0,3}(?:-|–|—|to|until|till|bis|à|au|a|hasta|y)\s{0,3}$/iu;
const ZONE_OFFSET_IN_GAP = /(?:UTC|GMT)\s?[+\-−–]\s?\d{1,2}(?::?\d{2})?/giu;
// "de 14:00 a 15:00", "desde las 14:00 hasta las 15:00": chrono's Spanish locale misses these ranges.
const SPANISH_RANGE =
  /\b(de|desde)(\s{1,3}las?)?(\s{1,3}\d{1,2}(?::\d{2})?(?:\s?h(?:rs|oras)?)?\s{1,3})(a|hasta)(\s{1,3}las?)?(?=\s{1,3}\d)/giu;

/** Chrono's Portuguese locale reads no times; "às 10h", "às 15h00", "das 14h às 15h" are added here. */
function portuguese(): chrono.Chrono {
  const parser = chrono.pt.casual.clone();
  parser.parsers.push({
    pattern: () =>
      /(?<![\p{L}\d])(?:às|as|das)\s{1,3}(\d{1,2})(?:h(\d{2})?|:(\d{2}))(?:\s{0,3}(?:-|–|às|as|até|a)\s{0,3}(\d{1,2})(?:h(\d{2})?|:(\d{2})))?(?![\p{L}\d])/iu,
    extract: (context, match) => {
      const start = { hour: Number(match[1]), minute: Number(match[2] ?? match[3] ?? 0) };
      if (start.hour > 23 || start.minute > 59) return null;
      const end = match[4]
        ? { hour: Number(match[4]), minute: Number(match[5] ?? match[6] ?? 0) }
        : undefined;
      const valid = end && end.hour <= 23 && end.minute <= 59 ? end : undefined;
      return context.createParsingResult(match.index ?? 0, match[0], start, valid);
    },
  });
  return parser;
}

const PARSERS: Record<TimeLanguage | 'enDayFirst', chrono.Chrono> = {
  en: chrono.en.casual,
  enDayFirst: chrono.en.GB,
  de: chrono.de.casual,
  fr: chrono.fr.casual,
  es: chrono.es.casual,
  it: chrono.it.casual,
  nl: chrono.nl.casual,
  pt: portuguese(),
};

interface Segment {
  reduced: number;
  original: number;
  length: number;
}

/** The lines that could hold a date, joined, and where each came from in the original text. */
interface Reduced {
  text: string;
  segments: Segment[];
}

interface Context {
  source: string;
  referenceMs: number | null;
  senderOffsetMinutes: number | null;
  zoneHints: ZoneHints;
  order: DateOrder;
  /** Found on first use: a "Time zone:" line, and the zones of the sender's places. */
  zoneLine: StatedZone | null | undefined;
  places: Places | undefined;
}

interface Candidate {
  index: number;
  end: number;
  text: string;
  date: chrono.ParsedComponents;
  time: chrono.ParsedComponents | null;
  until: chrono.ParsedComponents | null;
  /** "The day after tomorrow", "pasado mañana", "après-demain": two days after the reference. */
  dayAfterTomorrow: boolean;
}

function reduce(text: string): Reduced {
  let reduced = '';
  const segments: Segment[] = [];
  let position = 0;
  while (position < text.length && reduced.length < MAX_CANDIDATE_CHARS) {
    const newline = text.indexOf('\n', position);
    const lineEnd = newline === -1 ? text.length : newline;
    for (let from = position; from < lineEnd && reduced.length < MAX_CANDIDATE_CHARS; from += MAX_PIECE) {
      const piece = text.slice(from, Math.min(lineEnd, from + MAX_PIECE));
      if (!DATE_HINT.test(piece)) continue;
      const last = segments[segments.length - 1];
      const lastEnd = last ? last.original + last.length : -2;
      if (last && lastEnd === from) {
        last.length += piece.length;
      } else if (last && lastEnd === from - 1 && text[lastEnd] === '\n') {
        last.length += piece.length + 1;
        reduced += '\n';
      } else {
        if (last) reduced += '\n';
        segments.push({ reduced: reduced.length, original: from, length: piece.length });
      }
      reduced += piece;
    }
    position = lineEnd + 1;
  }
  return { text: reduced, segments };
}

function toOriginal(reduced: Reduced, index: number): number {
  for (let i = reduced.segments.length - 1; i >= 0; i--) {
    const segment = reduced.segments[i];
    if (segment && index >= segment.reduced) {
      return segment.original + Math.min(index - segment.reduced, segment.length);
    }
  }
  return 0;
}

/** Rewrites "de 14:00 a 15:00" as "de 14:00 - 15:00" without moving any character. */
function normaliseSpanishRanges(text: string): string {
  return text.replace(SPANISH_RANGE, (_all, de: string, las1 = '', time: string, join: string, las2 = '') => {
    const dash = join.length === 1 ? '-' : `${' '.repeat(join.length - 3)} - `.slice(-join.length);
    return `${de}${' '.repeat(las1.length)}${time}${dash}${' '.repeat(las2.length)}`;
  });
}

function hasTime(components: chrono.ParsedComponents): boolean {
  return components.isCertain('hour');
}

function hasDate(components: chrono.ParsedComponents): boolean {
  return components.isCertain('day') || components.isCertain('weekday');
}

/** Text between two results that still reads as one expression: spaces, "on", "at", a zone word. */
function joinable(source: string, from: number, to: number): boolean {
  if (to < from || to - from > MAX_GAP) return false;
  const gap = source.slice(from, to);
  if ((gap.match(/\n/g)?.length ?? 0) > 1) return false;
  return !/\d|[.!?;]\s/.test(gap.replace(ZONE_OFFSET_IN_GAP, ''));
}

/**
 * Chrono's results as interview candidates: a time-only result next to a date-only one is one candidate
 * ("10:00am - 10:30am (Pacific Time) on Tuesday, December 8"), and "14:00 … a 15:00" gets its end.
 */
function candidates(results: chrono.ParsedResult[], reduced: Reduced, source: string): Candidate[] {
  const found: Candidate[] = [];
  // "10h" read as "in ten hours", "now" (Italian "ora") and other offsets from now are never an interview's time.
  const dated = results.filter((result) => {
    const tags = result.tags();
    return !tags.has('result/relativeDateAndTime') && !tags.has('casualReference/now');
  });
  const spans = dated.slice(0, MAX_RESULTS).map((result) => ({
    result,
    index: toOriginal(reduced, result.index),
    end: toOriginal(reduced, result.index + result.text.length - 1) + 1,
  }));
  for (let i = 0; i < spans.length; i++) {
    const current = spans[i];
    if (!current) continue;
    const { result, index, end } = current;
    const next = spans[i + 1];
    // "pasado mañana", "après-demain": the locales read only the "tomorrow" part.
    // The locales read only the "tomorrow" of "pasado mañana" and "après-demain"; chrono's English "day after
    // tomorrow" depends on the machine's zone. All three are counted here from the reference.
    const dayAfterTomorrow =
      /(?:pasado\s+|apr[eè]s-?\s*)$/iu.test(source.slice(Math.max(0, index - 10), index)) ||
      /\bday after tomorrow\b/i.test(result.text);
    const base = { index, end, text: result.text, dayAfterTomorrow };
    const start = result.start;
    if (next && joinable(source, end, next.index)) {
      const other = next.result.start;
      const timeThenDate = hasTime(start) && !hasDate(start) && hasDate(other) && !hasTime(other);
      const dateThenTime = hasDate(start) && !hasTime(start) && hasTime(other) && !hasDate(other);
      if (timeThenDate || dateThenTime) {
        const timeResult = timeThenDate ? result : next.result;
        found.push({
          ...base,
          end: next.end,
          text: source.slice(index, next.end),
          date: timeThenDate ? other : start,
          time: timeResult.start,
          until: timeResult.end ?? null,
        });
        i++;
        continue;
      }
      if (hasDate(start) && hasTime(start) && !result.end && hasTime(other) && !hasDate(other)) {
        if (RANGE_JOIN.test(source.slice(end, next.index))) {
          found.push({ ...base, end: next.end, date: start, time: start, until: other });
          i++;
          continue;
        }
      }
    }
    if (!hasDate(start)) continue; // a time without a date is not an interview
    found.push({ ...base, date: start, time: hasTime(start) ? start : null, until: result.end ?? null });
  }
  return found;
}

/** The reference's own calendar day in the sender's clock, as a UTC midnight (for day arithmetic only). */
function referenceDay(context: Context): number | null {
  if (context.referenceMs === null) return null;
  const local = new Date(context.referenceMs + (context.senderOffsetMinutes ?? 0) * 60_000);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
}

/**
 * The written wall-clock date and time. Forward reading is done here rather than by chrono's forwardDate,
 * which compares instants in the machine's own zone: a weekday alone that already passed means next week's.
 */
function wallClock(candidate: Candidate, context: Context) {
  const { date, time } = candidate;
  let day = Date.UTC(date.get('year') ?? 0, (date.get('month') ?? 1) - 1, date.get('day') ?? 1);
  const reference = referenceDay(context);
  if (reference !== null && candidate.dayAfterTomorrow) day = reference + 2 * DAY_MS;
  else if (reference !== null && !date.isCertain('day') && date.isCertain('weekday') && day < reference) {
    day += 7 * DAY_MS;
  }
  const calendar = new Date(day);
  return {
    year: calendar.getUTCFullYear(),
    month: calendar.getUTCMonth() + 1,
    day: calendar.getUTCDate(),
    hour: time ? (time.get('hour') ?? 0) : DAY_START_HOUR,
    minute: time ? (time.get('minute') ?? 0) : 0,
  };
}

/** Both numbers of a slashed or dashed date could be the month: 10/12 is October or December. */
function ambiguousOrder(text: string, order: DateOrder): boolean {
  if (order.basis === 'strong') return false;
  const match = NUMERIC_DATE.exec(text);
  if (!match || match[2] === '.') return false;
  const first = Number(match[1]);
  const second = Number(match[3]);
  return first >= 1 && second >= 1 && first <= 12 && second <= 12 && first !== second;
}

function statedZone(candidate: Candidate, context: Context, year: number): StatedZone | null {
  const written = zoneAfterTime(context.source, candidate.index, candidate.end, context.zoneHints, year);
  if (written) return written;
  if (context.zoneLine === undefined) {
    context.zoneLine = zoneFromZoneLine(context.source, context.zoneHints, year);
  }
  if (context.zoneLine) return context.zoneLine;
  // An ISO-style offset ("2026-12-08T14:00:00+02:00") that chrono read itself.
  if (!candidate.time?.isCertain('timezoneOffset') || !ISO_OFFSET.test(candidate.text)) return null;
  const offset = candidate.time.get('timezoneOffset');
  return offset === null || offset === undefined ? null : { kind: 'fixed', offsetMinutes: offset };
}

function zoneLabel(zone: StatedZone): string | null {
  return zone.kind === 'iana' ? zone.name : zoneName(zone.offsetMinutes);
}

/**
 * The end of a range on the start's day, or the next day when it is not after the start ("11pm to 1am").
 * Chrono's own end date is not used: it depends on the machine's zone.
 */
function endInstant(candidate: Candidate, start: DateTime): DateTime | null {
  const until = candidate.until;
  if (!until || !hasTime(until) || !candidate.time) return null;
  let end = start.set({ hour: until.get('hour') ?? 0, minute: until.get('minute') ?? 0 });
  if (end <= start) end = end.plus({ days: 1 });
  const hours = end.diff(start, 'hours').hours;
  return end.isValid && hours > 0 && hours <= 12 ? end : null;
}

/** The sender's country, then the cities named around the date ("at our Leiden office"), looked up once. */
function places(context: Context, candidate: Candidate): Places {
  if (!context.places) {
    let cities: string[] | undefined;
    const around = context.source.slice(
      Math.max(0, candidate.index - CITY_BEFORE),
      candidate.end + CITY_AFTER,
    );
    context.places = {
      country: countryZones(context.zoneHints),
      cities: () => {
        cities ??= cityZones(around);
        return cities;
      },
    };
  }
  return context.places;
}

/**
 * "Next Tuesday" is read two ways (the coming Tuesday, or the one in next week); they agree unless the
 * coming one is still in the reference's own week (said on a Monday).
 */
function ambiguousNextWeekday(candidate: Candidate, context: Context): boolean {
  if (candidate.date.isCertain('day') || !NEXT_WEEKDAY.test(candidate.text)) return false;
  const weekday = candidate.date.get('weekday');
  if (context.referenceMs === null || weekday === null || weekday === undefined) return true;
  const reference = DateTime.fromMillis(context.referenceMs, {
    zone: luxonZone({ kind: 'fixed', offsetMinutes: context.senderOffsetMinutes ?? 0 }),
  });
  const target = weekday === 0 ? 7 : weekday; // chrono counts Sunday as 0, ISO as 7
  return target > reference.weekday;
}

/**
 * How likely the candidate is the interview. Cheap on purpose (no zone work): "in the past" compares the
 * wall-clock time read at the sender's offset with a margin wider than any two zones apart.
 */
function score(candidate: Candidate, context: Context): number | null {
  // Without the original's date, only a date with its year written can be placed.
  if (context.referenceMs === null && !/\d{4}/.test(candidate.text)) return null;
  const wall = wallClock(candidate, context);
  const rough =
    Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) -
    (context.senderOffsetMinutes ?? 0) * 60_000;
  if (Number.isNaN(rough)) return null;
  return scoreCandidate({
    text: context.source,
    index: candidate.index,
    end: candidate.end,
    hasTime: candidate.time !== null,
    hasEnd: candidate.time !== null && candidate.until !== null && hasTime(candidate.until),
    hasDayOfMonth: candidate.date.isCertain('day'),
    inPast: context.referenceMs !== null && rough < context.referenceMs - PAST_MARGIN_MS,
  });
}

/** The chosen candidate as instants: its written zone (made precise by the sender's place), or the sender's. */
function resolve(candidate: Candidate, context: Context): InterviewTime | null {
  const wall = wallClock(candidate, context);
  const written = statedZone(candidate, context, wall.year);
  let zone: StatedZone = written ??
    senderZone(context.zoneHints, context.referenceMs, places(context, candidate)) ?? {
      kind: 'fixed',
      offsetMinutes: 0,
    };
  const start = DateTime.fromObject(wall, { zone: luxonZone(zone) });
  if (!start.isValid) return null;
  // Only a zone with the same offset replaces it, so the instant stays as computed.
  if (written) zone = refineZone(written, start.toMillis(), start.offset, places(context, candidate));
  const end = endInstant(candidate, start);
  const certain =
    written !== null &&
    candidate.time !== null &&
    !ambiguousOrder(candidate.text, context.order) &&
    !ambiguousNextWeekday(candidate, context);
  return {
    start: start.toUTC().toISO(),
    end: end ? end.toUTC().toISO() : null,
    timezone: zoneLabel(zone),
    certain,
  };
}

function parserFor(language: TimeLanguage, order: DateOrder, text: string): chrono.Chrono {
  if (language !== 'en') return PARSERS[language];
  // Dotted numeric dates (08.12.2026) are day-first wherever they are written.
  const dayFirst = order.dayFirst || (DOTTED_DATE.test(text) && !SLASHED_DATE.test(text));
  return dayFirst ? PARSERS.enDayFirst : PARSERS.en;
}

function best(text: string, language: TimeLanguage, context: Context): InterviewTime | null {
  const reduced = reduce(text);
  if (!reduced.text) return null;
  const parseable = language === 'es' ? normaliseSpanishRanges(reduced.text) : reduced.text;
  const reference = {
    instant: new Date(context.referenceMs ?? 0),
    timezone: context.senderOffsetMinutes ?? 0,
  };
  const results = parserFor(language, context.order, parseable).parse(parseable, reference);
  const local: Context = text === context.source ? context : { ...context, source: text, places: undefined };
  let winner: { score: number; candidate: Candidate } | null = null;
  for (const candidate of candidates(results, reduced, text)) {
    const value = score(candidate, local);
    if (value !== null && value >= MIN_SCORE && (!winner || value > winner.score)) {
      winner = { score: value, candidate };
    }
  }
  return winner ? resolve(winner.candidate, local) : null;
}

/**
 * Step: find the interview time in free text. Relative words are read against the original invite's
 * date (`referenceIso`, not the forward's) in the sender's zone; a zone written after the time is read as
 * an IANA zone at the interview's own date; without one, the sender's clock is assumed and the time is
 * uncertain. Among several dates the one near interview words wins; "applied on", "confirm by", header
 * lines and past dates lose. A date without a time starts at 09:00 (uncertain): early rather than late,
 * so reminders to cancel are never too late. A time without a date is not an interview.
 */
export function findInterviewTime(
  text: string,
  referenceIso: string | null,
  senderOffsetMinutes: number | null,
  hints: TimeHints = {},
): InterviewTime | null {
  // Windows-1252 dashes read as Latin-1 arrive as C1 controls (U+0096, U+0097): they join ranges.
  const body = text.slice(0, MAX_TEXT).replace(/[\u0096\u0097]/g, '–');
  const subject = (hints.subject ?? '').slice(0, MAX_SUBJECT);
  const parsedReference = referenceIso ? Date.parse(referenceIso) : Number.NaN;
  const language = detectLanguage(`${subject}\n${body}`, hints.language);
  const tld = topLevelDomain(hints.senderAddress);
  const context: Context = {
    source: body,
    referenceMs: Number.isNaN(parsedReference) ? null : parsedReference,
    senderOffsetMinutes,
    zoneHints: { tld, senderOffsetMinutes },
    order: dateOrder(language, tld, hints.language, senderOffsetMinutes),
    zoneLine: undefined,
    places: undefined,
  };
  const found =
    best(body, language, context) ??
    (language !== 'en' ? best(body, 'en', context) : null) ??
    (subject ? best(subject, language, { ...context, zoneLine: null }) : null);
  return found;
}
