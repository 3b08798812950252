import { IANAZone } from 'luxon';

/**
 * UTC offsets of IANA zones, fast. Asking Intl for one offset costs ~15 µs, and reading one invite needs
 * several; so each zone's transitions in a year are found once (weekly samples, then bisection to the
 * minute) and every later lookup is a search in that small table. Far years are asked directly.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const FIRST_TABLE_YEAR = 1970;
const LAST_TABLE_YEAR = 2100;
const MAX_TABLES = 500;

interface Transitions {
  from: number;
  to: number;
  /** Offsets in force from each start on (ascending), over [from, to]. */
  starts: number[];
  offsets: number[];
}

/** Tables by zone, then by year: no key is built per lookup. */
const TABLES = new Map<string, Map<number, Transitions>>();
let tableCount = 0;
const ZONES = new Map<string, IANAZone | null>();

function ianaZone(name: string): IANAZone | null {
  let zone = ZONES.get(name);
  if (zone === undefined) {
    const created = IANAZone.create(name);
    zone = created.isValid ? created : null;
    ZONES.set(name, zone);
  }
  return zone;
}

export function isValidZoneName(name: string): boolean {
  return ianaZone(name) !== null;
}

function transitions(zone: IANAZone, year: number): Transitions {
  const from = Date.UTC(year, 0, 1) - DAY_MS;
  const to = Date.UTC(year + 1, 0, 1) + DAY_MS;
  const starts = [from];
  const offsets = [zone.offset(from)];
  let before = from;
  let offset = zone.offset(from);
  while (before < to) {
    const after = Math.min(before + WEEK_MS, to);
    const next = zone.offset(after);
    if (next !== offset) {
      // The offset changes once in (before, after]: bisect to the first minute of the new one.
      let low = before;
      let high = after;
      while (high - low > MINUTE_MS) {
        const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
        if (zone.offset(middle) === offset) low = middle;
        else high = middle;
      }
      starts.push(high);
      offsets.push(next);
    }
    before = after;
    offset = next;
  }
  return { from, to, starts, offsets };
}

/** A zone's transitions in a year, computed once (all tables are dropped when there are too many). */
function tableOf(name: string, zone: IANAZone, year: number): Transitions {
  let years = TABLES.get(name);
  let table = years?.get(year);
  if (table) return table;
  if (tableCount >= MAX_TABLES) {
    TABLES.clear();
    tableCount = 0;
    years = undefined;
  }
  if (!years) {
    years = new Map();
    TABLES.set(name, years);
  }
  table = transitions(zone, year);
  years.set(year, table);
  tableCount++;
  return table;
}

/** The zone's UTC offset in minutes at an instant (UTC when the name is not a zone). */
export function offsetAt(name: string, ms: number): number {
  const zone = ianaZone(name);
  if (!zone || !Number.isFinite(ms)) return 0;
  const year = new Date(ms).getUTCFullYear();
  if (year < FIRST_TABLE_YEAR || year > LAST_TABLE_YEAR) return zone.offset(ms);
  const table = tableOf(name, zone, year);
  let offset = table.offsets[0] ?? 0;
  for (let i = 1; i < table.starts.length; i++) {
    const start = table.starts[i];
    if (start === undefined || ms < start) break;
    offset = table.offsets[i] ?? offset;
  }
  return offset;
}

/** Wall-clock fields as if in UTC, with years below 100 kept as written (Date.UTC would add 1900). */
function wallAsUtc(wall: { year: number; month: number; day: number; hour: number; minute: number }): number {
  const date = new Date(Date.UTC(2000, wall.month - 1, wall.day, wall.hour, wall.minute));
  date.setUTCFullYear(wall.year);
  return date.getTime();
}

/**
 * The instant a wall-clock time names in a zone (an IANA name, or a fixed offset in minutes). A time that
 * does not exist (skipped by daylight saving) moves forward, as a clock does; a repeated one is the first.
 */
export function wallToInstant(
  wall: { year: number; month: number; day: number; hour: number; minute: number },
  zone: string | number,
): number {
  const utc = wallAsUtc(wall);
  if (typeof zone === 'number' || Number.isNaN(utc))
    return utc - (typeof zone === 'number' ? zone : 0) * MINUTE_MS;
  const first = offsetAt(zone, utc);
  const guess = utc - first * MINUTE_MS;
  const second = offsetAt(zone, guess);
  if (second === first) return guess;
  const retry = utc - second * MINUTE_MS;
  return offsetAt(zone, retry) === second ? retry : guess;
}
