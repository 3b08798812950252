/**
 * iCalendar DATE, DATE-TIME and DURATION values (RFC 5545 §3.3). A wall-clock time is held as the
 * milliseconds of a UTC clock showing it, so date arithmetic needs no zone until the zone is known.
 */

export interface DateValue {
  /** Wall-clock milliseconds; the instant itself when utc is true. */
  ms: number;
  utc: boolean;
  /** A DATE (all-day) rather than a DATE-TIME. */
  dateOnly: boolean;
}

/** Years a calendar event can reasonably be in; anything else is a broken or hostile value. */
const MIN_YEAR = 1600;
const MAX_YEAR = 2200;

/**
 * "20240411T110000", "20240411T110000Z", "20060611", and the extended forms some producers write
 * ("2024-04-11T11:00:00"). Null for anything else, including impossible dates such as 20240231.
 */
export function parseDateValue(value: string): DateValue | null {
  const text = value.trim();
  if (text.length > 40) return null;
  const match = text.match(
    /^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?(?:\.\d{1,3})?(Z)?)?$/i,
  );
  if (!match) return null;
  const [, y, mo, d, h, mi, s, z] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  // A leap second (60) is read as the last second of the minute.
  const second = Math.min(59, Number(s ?? 0));
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  return { ms, utc: z !== undefined, dateOnly: h === undefined };
}

export interface Duration {
  /** Nominal days (weeks count as 7): added to the wall clock, so a day across a DST change stays a day. */
  days: number;
  /** Exact milliseconds (hours, minutes, seconds). */
  ms: number;
}

/** "PT1H", "PT45M", "P1D", "P1W", "P1DT2H30M". Null for negative or malformed durations. */
export function parseDuration(value: string): Duration | null {
  const text = value.trim().toUpperCase();
  if (text.length > 40) return null;
  const match = text.match(
    /^\+?P(?:(\d{1,4})W)?(?:(\d{1,4})D)?(?:T(?:(\d{1,5})H)?(?:(\d{1,6})M)?(?:(\d{1,7})S)?)?$/,
  );
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, w, d, h, m, s] = match;
  return {
    days: Number(w ?? 0) * 7 + Number(d ?? 0),
    ms: ((Number(h ?? 0) * 60 + Number(m ?? 0)) * 60 + Number(s ?? 0)) * 1000,
  };
}

/** "2024-04-11" for wall-clock milliseconds. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
