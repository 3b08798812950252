import * as chrono from 'chrono-node';
import { type DateLines, originalIndex } from './time-text.js';

const MAX_RESULTS = 60;
const MAX_GAP = 60;
// How far after a day its time may be written (a sentence or a table header away).
const PAIR_WINDOW = 200;
const RANGE_JOIN = /^\s{0,3}(?:-|–|—|to|until|till|bis|à|au|a|hasta|y)\s{0,3}$/iu;
const PHONE_NUMBER = /\+?\d[\d\s().-]{7,}\d/;
const ZONE_OFFSET_IN_GAP = /(?:UTC|GMT)\s?[+\-−–]\s?\d{1,2}(?::?\d{2})?/giu;

/** One possible interview time: where it is written, its date and time parts and the end of a range. */
export interface Candidate {
  index: number;
  end: number;
  text: string;
  date: chrono.ParsedComponents;
  time: chrono.ParsedComponents | null;
  until: chrono.ParsedComponents | null;
  /** "The day after tomorrow", "pasado mañana", "après-demain": two days after the reference. */
  dayAfterTomorrow: boolean;
  /** Written as a span of several days ("du 9 au 11 décembre"): a window to book in, not one meeting. */
  spansDays?: boolean;
  /** Where the time was written, when apart from the day: its zone is looked for after it. */
  timeSpan?: { index: number; end: number };
  /**
   * A time corrected later in a thread takes its day (and, unless it writes one, its zone) from the time it
   * corrects: that one.
   */
  corrects?: Candidate;
}

/** A clock time written without a day, not joined to any ("It's 10:30, not 10:00"): a correction, maybe. */
export interface LooseTime {
  index: number;
  end: number;
  text: string;
  time: chrono.ParsedComponents;
  until: chrono.ParsedComponents | null;
}

/** A time named as the one replaced: "not 10:00", "nicht um 13:00 Uhr", "instead of 11am", "invece delle 10". */
const REPLACED_TIME_BEFORE =
  /(?:\b(?:not|nicht|non|pas|niet|inte|nie|no|rather than|instead of|statt|anstatt|invece d(?:i|elle|ei|ell')|au lieu de|en lugar de|en vez de|in plaats van|em vez de|istället för|zamiast)|\bet non)(?:\s+(?:at|um|alle|à|a las|om|às|kl\.?|o|de))?\s*$/i;

/** The stems of verbs of moving a meeting, in the invites' languages ("moved", "verschoben", "spostato"). */
export const MOVE_VERBS =
  '(?:mov|push|reschedul|shift|chang|postpon|bump|verschob|verschieb|verleg|déplac|report|décal|cambi|aplaz|pospus|spost|rinvi|posticip|anticip|verplaats|verzet|adiad|remarc|flytt|przesu|przenies)\\w*';
/** A verb of moving before a span of days: "moved your interview from Monday 7 to Tuesday 8 December". */
const MOVED_BEFORE = new RegExp(`\\b${MOVE_VERBS}\\b[^.!?\\n]{0,60}$`, 'i');
const MOVED_WINDOW = 80;

/** A span of days written without a time ("du 9 au 11 décembre"; not "11pm to 1am", which ends the next day). */
function spansDays(result: chrono.ParsedResult): boolean {
  const end = result.end;
  if (!end?.isCertain('day') || hasTime(result.start)) return false;
  return end.get('day') !== result.start.get('day') || end.get('month') !== result.start.get('month');
}

function isReplacedTime(source: string, index: number): boolean {
  return REPLACED_TIME_BEFORE.test(source.slice(Math.max(0, index - 24), index));
}

export function hasTime(components: chrono.ParsedComponents): boolean {
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

// The locales read only the "tomorrow" of "pasado mañana" and "après-demain"; chrono's English "day after
// tomorrow" depends on the machine's zone. All three are counted from the reference instead.
function isDayAfterTomorrow(source: string, index: number, text: string): boolean {
  return (
    /(?:pasado\s+|apr[eè]s-?\s*|day after\s+)$/iu.test(source.slice(Math.max(0, index - 12), index)) ||
    /\bday after tomorrow\b/i.test(text)
  );
}

interface Span {
  result: chrono.ParsedResult;
  /** The result's start, without the weekday when that only repeats the day before it. */
  start: chrono.ParsedComponents;
  index: number;
  end: number;
}

const WEEKDAY_GAP = /^[\s,(（]{0,3}$/u;

/**
 * A weekday read right after a date ("1月12日（周二）", "dia 3/3 (quarta-feira) às 10:30") is the date's own
 * weekday, not a second date: alone it is dropped, and with a time it keeps only the time.
 */
function withoutEchoedWeekdays(spans: Span[], source: string): Span[] {
  const kept: Span[] = [];
  for (const [i, span] of spans.entries()) {
    const previous = spans[i - 1];
    const start = span.start;
    const echo =
      previous !== undefined &&
      start.isCertain('weekday') &&
      !start.isCertain('day') &&
      previous.start.isCertain('day') &&
      WEEKDAY_GAP.test(source.slice(previous.end, span.index));
    if (!echo) kept.push(span);
    else if (start.isCertain('hour') && start instanceof chrono.ParsingComponents) {
      const time = start.clone();
      time.delete('weekday');
      kept.push({ ...span, start: time });
    }
  }
  return kept;
}

/** A time-only result: a clock time with no day ("12:30 PM - 4:30 PM ET", a table row's "1:00 PM"). */
function timeOnly(start: chrono.ParsedComponents): boolean {
  return hasTime(start) && !hasDate(start);
}

/**
 * The time-only result that goes with a day written without one: the first that follows it closely, with
 * no other day in between and at most one blank line ("Could we move it to Thursday, February 4? The new
 * time would be 12:30 PM"; a schedule's date line and its first row "1:00 PM – 1:45 PM | …").
 */
function laterTime(spans: Span[], from: number, source: string, used: Set<number>): number {
  const day = spans[from];
  if (!day) return -1;
  for (let j = from + 1; j < spans.length; j++) {
    const span = spans[j];
    if (!span || span.index - day.end > PAIR_WINDOW) return -1;
    if (hasDate(span.start)) return -1;
    if (used.has(j) || !timeOnly(span.start)) continue;
    // No phone number in between (an address, a postcode or a round's number is fine), and at most one
    // blank line.
    const gap = source.slice(day.end, span.index);
    if (PHONE_NUMBER.test(gap)) return -1;
    return (gap.match(/\n[ \t>]*\n/g)?.length ?? 0) <= 1 ? j : -1;
  }
  return -1;
}

/** The end of a range written as its own result after the start: "9 AM and 4 PM" after "between". */
function rangeEndAfter(spans: Span[], at: number, source: string): number {
  const start = spans[at];
  const next = spans[at + 1];
  if (!start || !next || start.result.end || !timeOnly(next.start)) return -1;
  const gap = source.slice(start.end, next.index);
  const between = /\bbetween\b/i.test(source.slice(Math.max(0, start.index - 30), start.end));
  return RANGE_JOIN.test(gap) || (between && /^\s{0,3}and\s{0,3}$/i.test(gap)) ? at + 1 : -1;
}

const minutesOf = (components: chrono.ParsedComponents) =>
  (components.get('hour') ?? 0) * 60 + (components.get('minute') ?? 0);

/**
 * The last row of a schedule whose first time is at `from`: the later times that follow it one per line
 * ("9:30 AM – 10:15 AM | Portfolio" then "10:30 AM – 11:15 AM | Product thinking").
 */
function lastRow(spans: Span[], from: number, source: string, used: Set<number>): number {
  let last = from;
  for (let j = from + 1; j < spans.length; j++) {
    const span = spans[j];
    const previous = spans[last];
    if (!span || !previous || used.has(j) || !timeOnly(span.start)) break;
    const gap = source.slice(previous.end, span.index);
    if ((gap.match(/\n/g)?.length ?? 0) !== 1 || /\d/.test(gap)) break;
    if (minutesOf(span.start) <= minutesOf(previous.start)) break;
    last = j;
  }
  return last;
}

/** The result to end a candidate at: its own end, or the end of the last row of its schedule. */
function scheduleEnd(spans: Span[], from: number, source: string, used: Set<number>): Span | undefined {
  const final = lastRow(spans, from, source, used);
  for (let j = from + 1; j <= final; j++) used.add(j);
  return final > from ? spans[final] : undefined;
}

/**
 * Chrono's results as interview candidates: a day and its time are one candidate, whether chrono read
 * them together, side by side ("10:00am - 10:30am (Pacific Time) on Tuesday, December 8") or close apart
 * (a date line and the first row of a schedule under it); "14:00 … a 15:00" gets its end; a time without
 * a day is dropped (it is not an interview), and so is nothing else: a day without a time is kept, to be
 * told apart from the interview by its caller.
 */
export function findCandidates(
  results: chrono.ParsedResult[],
  lines: DateLines,
  source: string,
  loose: LooseTime[] = [],
): Candidate[] {
  const found: Candidate[] = [];
  // "10h" read as "in ten hours", "now" (Italian "ora") and other offsets from now are never an interview's time.
  const dated = results.filter((result) => {
    const tags = result.tags();
    return !tags.has('result/relativeDateAndTime') && !tags.has('casualReference/now');
  });
  const spans = withoutEchoedWeekdays(
    dated.slice(0, MAX_RESULTS).map((result) => {
      const index = originalIndex(lines, result.index);
      // A move from one day to another: the day moved to is the one in force.
      const moved =
        result.end !== null &&
        spansDays(result) &&
        MOVED_BEFORE.test(source.slice(Math.max(0, index - MOVED_WINDOW), index));
      return {
        result,
        start: moved && result.end ? result.end : result.start,
        index,
        end: originalIndex(lines, result.index + result.text.length - 1) + 1,
      };
    }),
    source,
    // The time a correction replaces ("10:30, not 10:00") goes with no day.
  ).filter((span) => !timeOnly(span.start) || !isReplacedTime(source, span.index));
  const used = new Set<number>();
  for (let i = 0; i < spans.length; i++) {
    const current = spans[i];
    if (!current || used.has(i)) continue;
    const { result, start, index, end } = current;
    const dayAfterTomorrow = isDayAfterTomorrow(source, index, result.text);
    const severalDays = start === result.start && spansDays(result);
    // Every candidate is made here, in one shape: the span's own place and text unless told otherwise.
    const candidate = (
      date: chrono.ParsedComponents,
      time: chrono.ParsedComponents | null,
      until: chrono.ParsedComponents | null,
      to = end,
      text = result.text,
    ): Candidate => {
      const made: Candidate = { index, end: to, text, date, time, until, dayAfterTomorrow };
      if (severalDays) made.spansDays = true;
      return made;
    };
    const next = spans[i + 1];
    if (next && !used.has(i + 1) && timeOnly(start) && hasDate(next.start) && !hasTime(next.start)) {
      // A time, then its day: "10:00am (Pacific Time) on Tuesday, December 8".
      if (!joinable(source, end, next.index)) {
        loose.push({ index, end, text: result.text, time: start, until: result.end ?? null });
      } else {
        used.add(i + 1);
        found.push(candidate(next.start, start, result.end ?? null, next.end, source.slice(index, next.end)));
      }
      continue;
    }
    if (!hasDate(start)) {
      if (timeOnly(start))
        loose.push({ index, end, text: result.text, time: start, until: result.end ?? null });
      continue;
    }
    if (hasTime(start)) {
      const rangeEnd = rangeEndAfter(spans, i, source);
      if (rangeEnd >= 0) used.add(rangeEnd);
      const until = spans[rangeEnd] ?? scheduleEnd(spans, i, source, used);
      found.push(
        candidate(
          start,
          start,
          until ? (until.result.end ?? until.start) : (result.end ?? null),
          rangeEnd >= 0 ? (until?.end ?? end) : end,
        ),
      );
      continue;
    }
    const adjacent =
      next !== undefined && !used.has(i + 1) && timeOnly(next.start) && joinable(source, end, next.index);
    const paired = adjacent ? i + 1 : laterTime(spans, i, source, used);
    const time = spans[paired];
    if (!time) {
      found.push(candidate(start, null, null));
      continue;
    }
    used.add(paired);
    const rangeEnd = rangeEndAfter(spans, paired, source);
    if (rangeEnd >= 0) used.add(rangeEnd);
    // A panel or itinerary: the day's schedule runs from its first row to the end of its last.
    const until = spans[rangeEnd] ?? (rangeEnd >= 0 ? undefined : scheduleEnd(spans, paired, source, used));
    const last = rangeEnd >= 0 && until ? until : time;
    // A time next to its day is one expression; one further off keeps the day's own span for scoring.
    const withTime = candidate(
      start,
      time.start,
      until ? (until.result.end ?? until.start) : (time.result.end ?? null),
      adjacent ? last.end : end,
      adjacent ? source.slice(index, last.end) : result.text,
    );
    if (!adjacent) withTime.timeSpan = { index: time.index, end: last.end };
    found.push(withTime);
  }
  return found;
}
