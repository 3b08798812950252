import * as chrono from 'chrono-node';
import type { InterviewTime } from '../model.js';
import { type Candidate, findCandidates, hasTime, type LooseTime, MOVE_VERBS } from './time-candidates.js';
import { type DateOrder, dateOrder, detectLanguage, type TimeLanguage } from './time-language.js';
import { chinese, dutch, italian, japanese, polish, portuguese, swedish } from './time-locales.js';
import { offsetAt, wallToInstant } from './time-offsets.js';
import { MIN_SCORE, OFFER_MAIL, scoreCandidate } from './time-score.js';
import {
  dateLines,
  monthFirst,
  normaliseCommaHours,
  normaliseDottedDays,
  normaliseDottedTimes,
  normaliseFrenchTimes,
  normaliseSpanishRanges,
  normaliseSpokenTimes,
} from './time-text.js';
import { isQuoteLine, messageAge, messageStarts } from './time-thread.js';
import {
  callingCodes,
  cityZones,
  clockOf,
  countryZones,
  homeZone,
  languageZones,
  type Places,
  readAbbreviation,
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
  /** The invite's other addresses (Reply-To, the calendar's organizer): their country when the sender's is unknown. */
  otherAddresses?: readonly (string | null)[];
}

// Bounds that keep hostile input cheap (see also time-text.ts: only lines that could hold a date go to chrono).
const MAX_TEXT = 20_000;
const MAX_SUBJECT = 300;
// Where a job offer says it is one: its first lines.
const OFFER_SAMPLE = 3_000;
// What the language is told from (detectLanguage reads its first 600 characters).
const LANGUAGE_SAMPLE = 600;
// Interviews lie after the invite was written; the margin covers any two zones' difference.
const PAST_MARGIN_MS = 36 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
// Date's own limit: an instant beyond it has no ISO form.
const MAX_INSTANT_MS = 8.64e15;
const MAX_RANGE_MINUTES = 12 * 60;
// Where an office city is looked for: the date's own paragraph, roughly.
const CITY_BEFORE = 300;
const CITY_AFTER = 500;

const NUMERIC_DATE = /(?<![\d./:-])(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?!\d)/;
const ISO_OFFSET = /\d(?:Z|[+-]\d{2}:?\d{2})(?![\d\p{L}])/u;
const NEXT_WEEKDAY = /\b(?:next|nächste[nmrs]?|prochain|próxim[oa])\b/iu;
// Languages whose dates may be written "22.3." (day.month. without a year).
const DOTTED_DAY_LANGUAGES = new Set<TimeLanguage>(['de', 'fr', 'es', 'it', 'nl', 'pt', 'sv']);
/**
 * Words around a time without a day that make it a correction of an earlier message's time: "Sorry, I meant
 * 2:30 PM, not 11:30 AM", "kleine Korrektur: … um 14:00 Uhr statt, nicht um 13:00", "push it back to 3pm".
 */
const CORRECTION =
  /\b(?:not|nicht|non|pas|niet|inte|nie)\s+(?:(?:at|um|alle|à|a las|om|às|kl\.?|o)\s+)?\d|\b(?:i meant|meant to (?:say|write)|correction|corrected|wrong time|typo|mistake|actually|instead|same day|korrektur|korrigier|versehen|falsch|gemeint|sondern|gleicher tag|am selben tag|datum bleibt|erreur|je voulais dire|plutôt|même jour|corrección|quise decir|en realidad|mismo día|correzione|errore|sbagliat|intendevo|stesso giorno|correctie|vergissing|bedoelde|eigenlijk|dezelfde dag|correção|engano|queria dizer|mesmo dia|rättelse|menade|samma dag|korekta|pomyłk|ten sam dzień)/i;
/** A time moved to: "push your interview back an hour to 3pm", "verschoben auf 15 Uhr", "spostato alle 11". */
const MOVED_TO = new RegExp(
  `\\b${MOVE_VERBS}\\b[^.!?\\n]{0,40}?\\b(?:to|auf|à|au|a las|a|alle|naar|para|till|na)\\s*$`,
  'i',
);
/** How far around a correction its words are looked for. */
const CORRECTION_BEFORE = 150;
const CORRECTION_AFTER = 100;
/** The writer asks which clock the reader keeps: a time written without a zone cannot be placed. */
const ZONE_OPEN =
  /\b(?:which|what) time ?zone\b|\btime ?zone (?:are you|you(?:'re| are)) in\b|\bwelche[rn]? zeitzone|\bquel fuseau horaire|\bdans quel fuseau|\bqué zona horaria|\bquale fuso orario|\bche fuso orario|\bwelke tijdzone|\bqual (?:o )?fuso horário|\bvilken tidszon|\bjakiej strefie czasowej/i;
const ZONE_OPEN_BEFORE = 300;
const ZONE_OPEN_AFTER = 400;
/**
 * English parsers for things that are never an interview's date, left out: fewer wrong readings ("2 weeks
 * later at 10am" is no stated day) and less time per message (compiling the first two patterns alone takes
 * about 0.4 s). Each is known by words its pattern looks for, keyed by a phrase only it reads whole: class
 * names change under minification, chrono exports no parser classes, and finding the parsers by reading
 * the phrases would compile those very patterns at every cold start. Tests run the phrases through the
 * source and the production bundle.
 */
const NEVER_AN_INTERVIEW_DATE: Record<string, string> = {
  '3 days ago': '(?:ago|before|earlier)',
  '2 weeks later': '(?:later|after|from now',
  'end of month': String.raw`(?:last\s+day|end)\s+of\s+(?:the\s+)?month`,
  'December 2026': String.raw`((?:in)\s*)?(`,
  '12/2026': String.raw`([0-9]|0[1-9]|1[012])\/([0-9]{4})`,
  '2026 December': String.raw`(?:\s*[-.\/,]?\s*|\s+of\s+)(`,
};

function english(base: chrono.Chrono): chrono.Chrono {
  const parser = base.clone();
  const context = new chrono.ParsingContext('', new Date(0));
  const patterns = new Map(parser.parsers.map((each) => [each, each.pattern(context).source]));
  const unused = Object.entries(NEVER_AN_INTERVIEW_DATE).map(([phrase, words]) => {
    const readers = parser.parsers.filter((each) => patterns.get(each)?.includes(words));
    // Exactly one, or chrono changed: fail at load (and every test) rather than keep or drop the wrong one.
    if (readers.length !== 1) {
      throw new Error(`expected one English chrono parser for "${phrase}", found ${readers.length}`);
    }
    return readers[0];
  });
  parser.parsers = parser.parsers.filter((each) => !unused.includes(each));
  return parser;
}

/**
 * Several locales' parsers build their pattern anew at every parse (a new RegExp from the same source,
 * some joining their dictionaries again first), and the others check their cache at every parse by
 * building and comparing its parts again. A pattern depends only on the parse options, which are never
 * given here, so each is built once and handed out as it is; one that keeps state between matches
 * (global or sticky) is left to build its own.
 */
function patternsBuiltOnce(base: chrono.Chrono): chrono.Chrono {
  const parser = base.clone();
  const context = new chrono.ParsingContext('', new Date(0));
  parser.parsers = parser.parsers.map((each): chrono.Parser => {
    const pattern = each.pattern(context);
    if (pattern.global || pattern.sticky) return each;
    return { pattern: () => pattern, extract: (parsing, match) => each.extract(parsing, match) };
  });
  parser.refiners = parser.refiners.map(betweenBuiltOnce);
  return parser;
}

/** A merging refiner that builds the pattern it tests between two results at every pair. */
interface MergingRefiner extends chrono.Refiner {
  patternBetween(): RegExp;
}

function isMerging(refiner: chrono.Refiner): refiner is MergingRefiner {
  return typeof (refiner as Partial<MergingRefiner>).patternBetween === 'function';
}

/**
 * Merging refiners (date and time, date ranges) build their between-pattern anew for every pair of
 * results, several from source with `new RegExp`: built once, and the refiner otherwise left as it is
 * (its own methods, reached through the prototype). A stateful (global or sticky) pattern is left alone.
 */
export function betweenBuiltOnce(refiner: chrono.Refiner): chrono.Refiner {
  if (!isMerging(refiner)) return refiner;
  const between = refiner.patternBetween();
  if (between.global || between.sticky) return refiner;
  return Object.create(refiner, { patternBetween: { value: () => between } });
}

const PARSERS: Record<TimeLanguage, chrono.Chrono> = {
  en: patternsBuiltOnce(english(chrono.en.casual)),
  de: patternsBuiltOnce(chrono.de.casual),
  fr: patternsBuiltOnce(chrono.fr.casual),
  es: patternsBuiltOnce(chrono.es.casual),
  it: patternsBuiltOnce(italian),
  nl: patternsBuiltOnce(dutch),
  pt: patternsBuiltOnce(portuguese),
  sv: patternsBuiltOnce(swedish),
  pl: patternsBuiltOnce(polish),
  ja: patternsBuiltOnce(japanese),
  zh: patternsBuiltOnce(chinese),
};

interface Context {
  source: string;
  referenceMs: number | null;
  senderOffsetMinutes: number | null;
  zoneHints: ZoneHints;
  order: DateOrder;
  language: TimeLanguage;
  /** The mail is a job offer: only dates with interview words in their sentence are interviews. */
  offer: boolean;
  /** Found on first use: a "Time zone:" line, and the zones of the sender's places. */
  zoneLine: StatedZone | null | undefined;
  places: Places | undefined;
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
    hour: time?.get('hour') ?? 0,
    minute: time?.get('minute') ?? 0,
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
  const time = candidate.timeSpan ?? candidate;
  const written = zoneAfterTime(context.source, time.index, time.end, context.zoneHints, year);
  if (written) return written;
  // A corrected time keeps the zone of the time it corrects.
  const corrected = candidate.corrects && statedZone(candidate.corrects, context, year);
  if (corrected) return corrected;
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

/** Minutes from the start to the end of a range, on the wall clock (0 without an end). */
function rangeMinutes(candidate: Candidate, wall: { hour: number; minute: number }): number {
  const until = candidate.until;
  if (!until || !hasTime(until) || !candidate.time) return 0;
  const from = wall.hour * 60 + wall.minute;
  const to = (until.get('hour') ?? 0) * 60 + (until.get('minute') ?? 0);
  return (to - from + 1440) % 1440;
}

/**
 * The end of a range on the start's day, or the next day when it is not after the start ("11pm to 1am").
 * Chrono's own end date is not used (it depends on the machine's zone); the end is the start plus the
 * written minutes, corrected by the zone's offset change when daylight saving turns in between.
 */
function endInstant(
  candidate: Candidate,
  wall: { hour: number; minute: number },
  start: number,
  zone: StatedZone,
) {
  const minutes = rangeMinutes(candidate, wall);
  if (minutes === 0 || minutes > MAX_RANGE_MINUTES) return null;
  const naive = start + minutes * MINUTE_MS;
  if (zone.kind === 'fixed') return naive;
  return naive - (offsetAt(zone.name, naive) - offsetAt(zone.name, start)) * MINUTE_MS;
}

/** The sender's country, then the cities named around the date ("at our Leiden office"), looked up once. */
function places(context: Context, candidate: Candidate): Places {
  if (!context.places) {
    let cities: string[] | undefined;
    let codes: ReadonlySet<string> | undefined;
    const source = context.source;
    const around = context.source.slice(
      Math.max(0, candidate.index - CITY_BEFORE),
      candidate.end + CITY_AFTER,
    );
    context.places = {
      country: countryZones(context.zoneHints),
      home: homeZone(context.zoneHints),
      cities: () => {
        cities ??= cityZones(around);
        return cities;
      },
      callingCodes: () => {
        codes ??= callingCodes(source);
        return codes;
      },
      language: languageZones(context.language),
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
  const local = new Date(context.referenceMs + (context.senderOffsetMinutes ?? 0) * MINUTE_MS);
  const referenceWeekday = local.getUTCDay() === 0 ? 7 : local.getUTCDay();
  const target = weekday === 0 ? 7 : weekday; // chrono counts Sunday as 0, ISO as 7
  return target > referenceWeekday;
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
    rangeMinutes: rangeMinutes(candidate, wall),
    timeEnd: candidate.timeSpan?.end ?? candidate.end,
    hasDayOfMonth: candidate.date.isCertain('day'),
    inPast: context.referenceMs !== null && rough < context.referenceMs - PAST_MARGIN_MS,
    spansDays: candidate.spansDays === true,
    inOffer: context.offer,
  });
}

/** The chosen candidate as instants: its written zone (made precise by the sender's place), or the sender's. */
function resolve(candidate: Candidate, context: Context): InterviewTime | null {
  const wall = wallClock(candidate, context);
  const stated = statedZone(candidate, context, wall.year);
  const abbreviation =
    stated && readAbbreviation(stated, wall, context.zoneHints, places(context, candidate));
  const written = abbreviation?.zone ?? null;
  // The writer asks the reader's clock, and wrote none: the time cannot be placed.
  if (!written && zoneLeftOpen(candidate, context)) return null;
  const zone: StatedZone = written ??
    senderZone(context.zoneHints, context.referenceMs, places(context, candidate)) ?? {
      kind: 'fixed',
      offsetMinutes: 0,
    };
  const start = wallToInstant(wall, clockOf(zone));
  if (!Number.isFinite(start) || Math.abs(start) > MAX_INSTANT_MS) return null;
  const end = endInstant(candidate, wall, start, zone);
  // Only a zone with the same offset replaces it, so the instants stay as computed.
  const offset = zone.kind === 'fixed' ? zone.offsetMinutes : offsetAt(zone.name, start);
  const label = written ? refineZone(written, start, offset, places(context, candidate)) : zone;
  const certain =
    written !== null &&
    candidate.corrects === undefined &&
    abbreviation?.certain !== false &&
    candidate.time !== null &&
    !ambiguousOrder(candidate.text, context.order) &&
    !ambiguousNextWeekday(candidate, context);
  return {
    start: new Date(start).toISOString(),
    end: end === null ? null : new Date(end).toISOString(),
    timezone: zoneLabel(label),
    certain,
  };
}

function zoneLeftOpen(candidate: Candidate, context: Context): boolean {
  const from = Math.max(0, candidate.index - ZONE_OPEN_BEFORE);
  return ZONE_OPEN.test(context.source.slice(from, candidate.end + ZONE_OPEN_AFTER));
}

/**
 * A time written without a day in a later message than the chosen one, with words that correct the time
 * ("It's 10:30, not 10:00", "Sorry, I meant 2:30 PM", "push it back to 3pm"): the chosen day at that time.
 */
function correction(
  winner: { age: number; candidate: Candidate },
  loose: readonly LooseTime[],
  starts: readonly number[],
  text: string,
): Candidate | null {
  for (const time of loose) {
    if (messageAge(starts, time.index) >= winner.age || isQuoteLine(text, time.index)) continue;
    // The words must be in the time's own message.
    const messageStart = starts.findLast((start) => start <= time.index) ?? 0;
    const messageEnd = starts.find((start) => start > time.index) ?? text.length;
    const from = Math.max(messageStart, time.index - CORRECTION_BEFORE);
    const around = text.slice(from, Math.min(messageEnd, time.end + CORRECTION_AFTER));
    if (!CORRECTION.test(around) && !MOVED_TO.test(text.slice(from, time.index))) continue;
    return {
      index: time.index,
      end: time.end,
      text: time.text,
      date: winner.candidate.date,
      time: time.time,
      until: time.until,
      dayAfterTomorrow: winner.candidate.dayAfterTomorrow,
      corrects: winner.candidate,
    };
  }
  return null;
}

/**
 * The candidate of the latest message with one that scores at least MIN_SCORE, the best scored there (the
 * first of equals), and that message's age. Messages are scored from the latest, so an older message's
 * candidates are not scored once a later one has a winner.
 */
function latestBest(
  timed: readonly Candidate[],
  starts: readonly number[],
  context: Context,
): { age: number; candidate: Candidate } | null {
  const ages = timed.map((candidate) => messageAge(starts, candidate.index));
  for (const age of [...new Set(ages)].sort((a, b) => a - b)) {
    let winner: { score: number; candidate: Candidate } | null = null;
    for (const [i, candidate] of timed.entries()) {
      if (ages[i] !== age) continue;
      const value = score(candidate, context);
      if (value !== null && value >= MIN_SCORE && (!winner || value > winner.score)) {
        winner = { score: value, candidate };
      }
    }
    if (winner) return { age, candidate: winner.candidate };
  }
  return null;
}

function best(text: string, language: TimeLanguage, context: Context): InterviewTime | null {
  const lines = dateLines(text);
  if (!lines.text) return null;
  // English is read month-first, with day-first numeric dates turned around beforehand (chrono's day-first
  // English would also take "January 20" for January 2020).
  const timesRead = normaliseCommaHours(normaliseSpokenTimes(normaliseDottedTimes(lines.text)));
  const dotless = DOTTED_DAY_LANGUAGES.has(language) ? normaliseDottedDays(timesRead) : timesRead;
  const parseable =
    language === 'es'
      ? normaliseSpanishRanges(dotless)
      : language === 'fr'
        ? normaliseFrenchTimes(dotless)
        : language === 'en'
          ? monthFirst(dotless, context.order.dayFirst)
          : dotless;
  const reference = {
    instant: new Date(context.referenceMs ?? 0),
    timezone: context.senderOffsetMinutes ?? 0,
  };
  const results = PARSERS[language].parse(parseable, reference);
  const local: Context = text === context.source ? context : { ...context, source: text, places: undefined };
  const loose: LooseTime[] = [];
  // A day without a time of day is no instant: no hour is made up for it.
  const timed = findCandidates(results, lines, text, loose).filter((candidate) => candidate.time !== null);
  // In a thread, the latest message that states an interview time is the word in force, and the best
  // scored of its times. The thread's messages are only told apart when there is a choice to make: between
  // times, or with a loose time that may correct the chosen one.
  const starts = timed.length > 1 || (timed.length > 0 && loose.length > 0) ? messageStarts(text) : [];
  const winner = latestBest(timed, starts, local);
  if (!winner) return null;
  const corrected = winner.age > 0 && loose.length > 0 ? correction(winner, loose, starts, text) : null;
  return resolve(corrected ?? winner.candidate, local);
}

/** The country domains of the invite's other addresses (the first five). */
function otherTlds(addresses: readonly (string | null)[] | undefined): string[] {
  const tlds: string[] = [];
  for (const address of (addresses ?? []).slice(0, 5)) {
    const tld = topLevelDomain(address);
    if (tld !== null) tlds.push(tld);
  }
  return tlds;
}

/** A Date header's offset, or nothing when it is beyond any real zone (UTC-12 to UTC+14). */
function plausibleOffset(minutes: number | null): number | null {
  return minutes !== null && Number.isFinite(minutes) && minutes >= -720 && minutes <= 840 ? minutes : null;
}

/**
 * Step: find the interview time in free text. Relative words are read against the original invite's
 * date (`referenceIso`, not the forward's) in the sender's zone; a zone written after the time is read as
 * an IANA zone at the interview's own date; without one, the sender's clock is assumed and the time is
 * uncertain. Among several dates the one near interview words wins; "applied on", "confirm by", header
 * lines and past dates lose. A date without a time is not an interview time (no hour is made up), and
 * neither is a time without a date, unless a later message of the thread corrects the chosen time with it
 * (then uncertain). A time without a zone, where the writer asks which zone the reader is in, is none.
 */
export function findInterviewTime(
  text: string,
  referenceIso: string | null,
  senderOffsetMinutes: number | null,
  hints: TimeHints = {},
): InterviewTime | null {
  const offset = plausibleOffset(senderOffsetMinutes);
  // Windows-1252 dashes read as Latin-1 arrive as C1 controls (U+0096, U+0097): they join ranges.
  const body = text.slice(0, MAX_TEXT).replace(/[\u0096\u0097]/g, '–');
  const subject = (hints.subject ?? '').slice(0, MAX_SUBJECT);
  const parsedReference = referenceIso ? Date.parse(referenceIso) : Number.NaN;
  const language = detectLanguage(`${subject}\n${body.slice(0, LANGUAGE_SAMPLE)}`, hints.language);
  const tld = topLevelDomain(hints.senderAddress);
  const context: Context = {
    source: body,
    referenceMs: Number.isNaN(parsedReference) ? null : parsedReference,
    senderOffsetMinutes: offset,
    zoneHints: {
      tld,
      senderOffsetMinutes: offset,
      otherTlds: otherTlds(hints.otherAddresses),
    },
    order: dateOrder(language, tld, hints.language, offset),
    language,
    offer: OFFER_MAIL.test(body.slice(0, OFFER_SAMPLE)),
    zoneLine: undefined,
    places: undefined,
  };
  return (
    best(body, language, context) ??
    (language !== 'en' ? best(body, 'en', context) : null) ??
    (subject ? best(subject, language, { ...context, zoneLine: null }) : null)
  );
}
