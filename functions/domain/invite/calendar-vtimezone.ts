import { type Component, propertiesOf, propertyOf, unescapeText } from './calendar-syntax.js';
import { parseDateValue } from './calendar-values.js';

/**
 * A VTIMEZONE's own rules (RFC 5545 §3.6.5), for zones a calendar defines itself ("Eastern",
 * "Canberra, Melbourne, Sydney", "Customized Time Zone"): each STANDARD or DAYLIGHT observance starts at
 * its DTSTART, again on each yearly RRULE occurrence (BYMONTH with BYDAY such as 2SU or -1SU, or
 * BYMONTHDAY), and on each RDATE. Local onset times are in the offset in force before the onset
 * (TZOFFSETFROM). Only the years around the asked time are expanded, so any rule costs the same.
 */

interface YearlyRule {
  interval: number;
  count: number | null;
  /** UTC milliseconds, or local milliseconds when untilIsUtc is false. */
  until: number | null;
  untilIsUtc: boolean;
  months: number[];
  byDay: { ordinal: number; weekday: number }[];
  byMonthDay: number[];
  hour: number | null;
  minute: number | null;
}

interface Observance {
  offsetFrom: number;
  offsetTo: number;
  /** Local wall time of the first onset, as milliseconds of a UTC clock showing that wall time. */
  start: number;
  rule: YearlyRule | null;
  /** Extra onsets: local wall times, or instants when written in UTC. */
  rdates: { ms: number; utc: boolean }[];
}

export interface VTimezone {
  tzid: string;
  observances: Observance[];
  /** Onsets of the three years around a year, by that year: start and end times ask for the same years. */
  onsetsByYear: Map<number, Onset[]>;
  /** Every offset its observances name, largest first: the offsets a local time may be in. */
  offsets: number[];
}

interface Onset {
  at: number;
  offsetFrom: number;
  offsetTo: number;
}

const MAX_OBSERVANCES = 24;
const MAX_RDATES = 100;
const MINUTE = 60_000;
const WEEKDAYS: Record<string, number> = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };

/** "+0530", "-0800", "-0000", "+013045" → minutes east of UTC. */
export function parseUtcOffset(value: string | undefined): number | null {
  const match = value?.trim().match(/^([+-])(\d{2})(\d{2})(\d{2})?$/);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]) + Math.round(Number(match[4] ?? 0) / 60);
  if (minutes > 18 * 60) return null;
  return match[1] === '-' ? -minutes : minutes;
}

/** The comma-separated items of a rule part, at most 31. */
function listOf(parts: Map<string, string>, name: string): string[] {
  return (parts.get(name) ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .slice(0, 31);
}

/** The whole numbers of a rule part within [min, max] (zero only when allowed). */
function numbersOf(
  parts: Map<string, string>,
  name: string,
  min: number,
  max: number,
  zeroAllowed = false,
): number[] {
  return listOf(parts, name)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= min && n <= max && (zeroAllowed || n !== 0));
}

function parseRule(value: string): YearlyRule | null {
  const parts = new Map<string, string>();
  for (const part of value.slice(0, 500).split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim().toUpperCase(), part.slice(eq + 1).trim());
  }
  // Zones change yearly; any other frequency in a VTIMEZONE is nonsense, and the DTSTART still holds.
  if (parts.get('FREQ')?.toUpperCase() !== 'YEARLY') return null;
  const byDay: YearlyRule['byDay'] = [];
  // Seven weekdays at most: a longer list only repeats them, and each entry costs a scan of the month.
  for (const entry of listOf(parts, 'BYDAY').slice(0, 7)) {
    const match = entry.toUpperCase().match(/^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/);
    if (match)
      byDay.push({ ordinal: Number(match[1] ?? 0), weekday: WEEKDAYS[match[2] as string] as number });
  }
  const untilValue = parts.get('UNTIL');
  const until = untilValue ? parseDateValue(untilValue) : null;
  const count = Number(parts.get('COUNT'));
  return {
    interval: Math.max(1, Math.min(100, Number(parts.get('INTERVAL')) || 1)),
    count: Number.isInteger(count) && count > 0 ? count : null,
    until: until ? until.ms : null,
    untilIsUtc: until?.utc ?? false,
    months: numbersOf(parts, 'BYMONTH', 1, 12),
    byDay,
    byMonthDay: numbersOf(parts, 'BYMONTHDAY', -31, 31),
    hour: numbersOf(parts, 'BYHOUR', 0, 23, true)[0] ?? null,
    minute: numbersOf(parts, 'BYMINUTE', 0, 59, true)[0] ?? null,
  };
}

function readObservance(component: Component): Observance | null {
  const offsetTo = parseUtcOffset(propertyOf(component, 'TZOFFSETTO')?.value);
  if (offsetTo === null) return null;
  const offsetFrom = parseUtcOffset(propertyOf(component, 'TZOFFSETFROM')?.value) ?? offsetTo;
  const start = parseDateValue(propertyOf(component, 'DTSTART')?.value ?? '');
  const rrule = propertyOf(component, 'RRULE');
  const rdates: Observance['rdates'] = [];
  for (const rdate of propertiesOf(component, 'RDATE')) {
    for (const item of rdate.value.split(',')) {
      if (rdates.length >= MAX_RDATES) break;
      // A PERIOD ("start/end" or "start/duration") starts the observance at its start.
      const parsed = parseDateValue(item.split('/')[0] ?? '');
      if (parsed) rdates.push({ ms: parsed.ms, utc: parsed.utc });
    }
  }
  if (!start && rdates.length === 0) return null;
  return {
    offsetFrom,
    offsetTo,
    // Without a DTSTART the observance still has its RDATEs; put its own start far in the past.
    start: start ? start.ms : Date.UTC(1601, 0, 1),
    rule: rrule ? parseRule(rrule.value) : null,
    rdates,
  };
}

/** Reads a VTIMEZONE component; null when it has no usable observance. */
export function readVTimezone(component: Component): VTimezone | null {
  const tzid = unescapeTzid(propertyOf(component, 'TZID')?.value ?? '');
  const observances: Observance[] = [];
  for (const child of component.children) {
    if (observances.length >= MAX_OBSERVANCES) break;
    if (child.name !== 'STANDARD' && child.name !== 'DAYLIGHT') continue;
    const observance = readObservance(child);
    if (observance) observances.push(observance);
  }
  if (observances.length === 0) return null;
  const offsets = new Set<number>();
  for (const o of observances) offsets.add(o.offsetTo).add(o.offsetFrom);
  return { tzid, observances, onsetsByYear: new Map(), offsets: [...offsets].sort((a, b) => b - a) };
}

/** A TZID as a VTIMEZONE writes it ("Pacific Time (US & Canada)\, Tijuana") or as a parameter quotes it. */
export function unescapeTzid(value: string): string {
  return unescapeText(value.trim().replace(/^"(.*)"$/, '$1'));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function weekdayOf(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/** The days of one month a yearly rule selects. */
function daysSelected(rule: YearlyRule, year: number, month: number, startDay: number): number[] {
  const last = daysInMonth(year, month);
  const monthDays = rule.byMonthDay.map((d) => (d > 0 ? d : last + d + 1)).filter((d) => d >= 1 && d <= last);
  if (rule.byDay.length === 0) return monthDays.length > 0 ? monthDays : startDay <= last ? [startDay] : [];
  const days: number[] = [];
  for (const { ordinal, weekday } of rule.byDay) {
    const first = 1 + ((weekday - weekdayOf(year, month, 1) + 7) % 7);
    const matching: number[] = [];
    for (let d = first; d <= last; d += 7) matching.push(d);
    if (ordinal === 0) days.push(...matching);
    else {
      const pick = ordinal > 0 ? matching[ordinal - 1] : matching[matching.length + ordinal];
      if (pick !== undefined) days.push(pick);
    }
  }
  return monthDays.length > 0 ? days.filter((d) => monthDays.includes(d)) : days;
}

/** An onset at a local wall time, which is in the offset in force before it. */
function localOnset(observance: Observance, local: number): Onset {
  const { offsetFrom, offsetTo } = observance;
  return { at: local - offsetFrom * MINUTE, offsetFrom, offsetTo };
}

/** The onsets of one observance in the given years, as instants. */
function onsetsIn(observance: Observance, years: number[]): Onset[] {
  const { offsetFrom, offsetTo } = observance;
  const onsets = [localOnset(observance, observance.start)];
  for (const rdate of observance.rdates)
    onsets.push(rdate.utc ? { at: rdate.ms, offsetFrom, offsetTo } : localOnset(observance, rdate.ms));
  const rule = observance.rule;
  if (!rule) return onsets;
  const start = new Date(observance.start);
  const startYear = start.getUTCFullYear();
  for (const year of years) {
    const step = year - startYear;
    if (step < 0 || step % rule.interval !== 0) continue;
    if (rule.count !== null && step / rule.interval >= rule.count) continue;
    for (const month of rule.months.length > 0 ? rule.months : [start.getUTCMonth() + 1]) {
      for (const day of daysSelected(rule, year, month, start.getUTCDate())) {
        const local = Date.UTC(
          year,
          month - 1,
          day,
          rule.hour ?? start.getUTCHours(),
          rule.minute ?? start.getUTCMinutes(),
          start.getUTCSeconds(),
        );
        // The rule starts at DTSTART: a DTSTART of 1 January does not undo that year's March onset.
        if (local <= observance.start) continue;
        const onset = localOnset(observance, local);
        if (rule.until !== null && (rule.untilIsUtc ? onset.at : local) > rule.until) continue;
        onsets.push(onset);
      }
    }
  }
  return onsets;
}

export interface ZoneOffset {
  offset: number;
  /** False when no observance had begun yet and the first one's TZOFFSETFROM was assumed. */
  defined: boolean;
}

const MAX_CACHED_YEARS = 8;

function onsetsAround(zone: VTimezone, year: number): Onset[] {
  const cached = zone.onsetsByYear.get(year);
  if (cached) return cached;
  const years = [year - 1, year, year + 1];
  const onsets = zone.observances.flatMap((observance) => onsetsIn(observance, years));
  if (zone.onsetsByYear.size >= MAX_CACHED_YEARS) zone.onsetsByYear.clear();
  zone.onsetsByYear.set(year, onsets);
  return onsets;
}

/** The offset in force at an instant (UTC milliseconds). */
export function offsetAtInstant(zone: VTimezone, at: number): ZoneOffset {
  let latest: Onset | null = null;
  let earliest: Onset | null = null;
  for (const onset of onsetsAround(zone, new Date(at).getUTCFullYear())) {
    if (!earliest || onset.at < earliest.at) earliest = onset;
    // At equal onsets (Exchange writes both observances from 1601-01-01) the later-listed one wins.
    if (onset.at <= at && (!latest || onset.at >= latest.at)) latest = onset;
  }
  if (latest) return { offset: latest.offsetTo, defined: true };
  return { offset: earliest?.offsetFrom ?? 0, defined: false };
}

/**
 * The offset for a local wall time (milliseconds of a UTC clock showing it). In a repeated hour the
 * earlier instant is chosen; in a skipped hour the offset from before the gap (RFC 5545 §3.3.5).
 */
export function offsetForLocal(zone: VTimezone, local: number): ZoneOffset {
  const sorted = zone.offsets;
  for (const candidate of sorted) {
    const found = offsetAtInstant(zone, local - candidate * MINUTE);
    if (found.offset === candidate) return found;
  }
  return offsetAtInstant(zone, local - (sorted[0] ?? 0) * MINUTE);
}
