import type * as chrono from 'chrono-node';
import { type DateLines, originalIndex } from './time-text.js';

const MAX_RESULTS = 60;
const MAX_GAP = 60;
const RANGE_JOIN = /^\s{0,3}(?:-|–|—|to|until|till|bis|à|au|a|hasta|y)\s{0,3}$/iu;
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
  index: number;
  end: number;
}

const WEEKDAY_GAP = /^[\s,(（]{0,3}$/u;

/** A weekday read on its own right after a date ("1月12日（周二）"): the date's own weekday, not a second date. */
function withoutEchoedWeekdays(spans: Span[], source: string): Span[] {
  return spans.filter((span, i) => {
    const previous = spans[i - 1];
    const start = span.result.start;
    if (!previous || !start.isCertain('weekday') || start.isCertain('day') || start.isCertain('hour'))
      return true;
    return !(
      previous.result.start.isCertain('day') && WEEKDAY_GAP.test(source.slice(previous.end, span.index))
    );
  });
}

/**
 * Chrono's results as interview candidates: a time-only result next to a date-only one is one candidate
 * ("10:00am - 10:30am (Pacific Time) on Tuesday, December 8"), "14:00 … a 15:00" gets its end, and a
 * time without a date is dropped (it is not an interview).
 */
export function findCandidates(
  results: chrono.ParsedResult[],
  lines: DateLines,
  source: string,
): Candidate[] {
  const found: Candidate[] = [];
  // "10h" read as "in ten hours", "now" (Italian "ora") and other offsets from now are never an interview's time.
  const dated = results.filter((result) => {
    const tags = result.tags();
    return !tags.has('result/relativeDateAndTime') && !tags.has('casualReference/now');
  });
  const spans = withoutEchoedWeekdays(
    dated.slice(0, MAX_RESULTS).map((result) => ({
      result,
      index: originalIndex(lines, result.index),
      end: originalIndex(lines, result.index + result.text.length - 1) + 1,
    })),
    source,
  );
  for (let i = 0; i < spans.length; i++) {
    const current = spans[i];
    if (!current) continue;
    const { result, index, end } = current;
    const next = spans[i + 1];
    const base = {
      index,
      end,
      text: result.text,
      dayAfterTomorrow: isDayAfterTomorrow(source, index, result.text),
    };
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
      const rangeEnd = hasDate(start) && hasTime(start) && !result.end && hasTime(other) && !hasDate(other);
      if (rangeEnd && RANGE_JOIN.test(source.slice(end, next.index))) {
        found.push({ ...base, end: next.end, date: start, time: start, until: other });
        i++;
        continue;
      }
    }
    if (!hasDate(start)) continue;
    found.push({ ...base, date: start, time: hasTime(start) ? start : null, until: result.end ?? null });
  }
  return found;
}
