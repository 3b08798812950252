import { IANAZone } from 'luxon';
import { clockFiguresAt } from '../numeric-clock.js';
import { offsetForLocal, type VTimezone } from './calendar-vtimezone.js';
import { displayNameOffsetMinutes, windowsDisplayNameToIana, windowsIdToIana } from './windows-zones.js';
import { zoneName } from './zones.js';

/**
 * Which zone a calendar's wall-clock time is in, and how sure that is. In order:
 *   1. an IANA name, also behind a vendor prefix ("/mozilla.org/20050126_1/America/New_York"), or a
 *      Windows zone id ("W. Europe Standard Time"): tzdb rules, which know history better than the
 *      VTIMEZONE a client wrote; when the file's own VTIMEZONE disagrees at that time, the time is uncertain;
 *   2. any other TZID the file defines in a VTIMEZONE: its own rules;
 *   3. a Windows display name without a VTIMEZONE ("(UTC+01:00) Amsterdam, Berlin, ..."): its IANA zone;
 *   4. an offset written in the TZID ("GMT+02:00", or a display name's "(UTC+05:30)" prefix);
 *   5. otherwise, and for floating times: the calendar's X-WR-TIMEZONE, else the sender's offset, uncertain.
 */

export interface ZoneContext {
  /** VTIMEZONEs of the file by TZID. */
  timezones: Map<string, VTimezone>;
  /** The calendar's X-WR-TIMEZONE, when it names a known zone. */
  calendarZone: string | null;
  senderOffsetMinutes: number | null;
}

export interface ResolvedTime {
  /** The instant, UTC milliseconds. */
  ms: number;
  /** An IANA name, else a fixed-offset name; null when nothing at all was known about the zone. */
  zone: string | null;
  /** False when the zone was assumed or the file contradicts itself. */
  certain: boolean;
}

const MINUTE = 60_000;
const MAX_CACHED = 256;
const validity = new Map<string, string | null>();

/** The name Intl knows this zone by (case fixed), or null. Cached: Intl zone checks are not cheap. */
function knownIana(name: string): string | null {
  const cached = validity.get(name);
  if (cached !== undefined) return cached;
  let result: string | null = null;
  // Intl also takes bare offsets ("+01:00") on newer runtimes; those are not IANA names.
  if (/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name) && IANAZone.isValidZone(name)) {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    // Keep the name as written unless only its case differs ("Asia/Kolkata" is not "Asia/Calcutta").
    result = resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
  }
  if (validity.size >= MAX_CACHED) validity.clear();
  validity.set(name, result);
  return result;
}

/** The IANA zone a TZID names: an IANA name, one behind a vendor prefix, or a Windows id. */
export function ianaForTzid(tzid: string): string | null {
  const name = tzid.trim();
  if (!name || name.length > 120) return null;
  if (/^tzone:\/\/microsoft\/utc$/i.test(name)) return 'UTC';
  const direct = knownIana(name);
  if (direct) return direct;
  // "/mozilla.org/20050126_1/America/New_York", "/citadel.org/20190914_1/Europe/Berlin".
  const segments = name.split('/').filter(Boolean);
  if (name.startsWith('/') || segments[0]?.includes('.')) {
    for (const count of [3, 2, 1]) {
      if (segments.length <= count) continue;
      const found = knownIana(segments.slice(-count).join('/'));
      if (found) return found;
    }
  }
  return windowsIdToIana(name);
}

/** The offset (minutes) of an IANA zone at an instant: its wall clock then, minus the instant. */
function ianaOffsetAt(zone: string, ms: number): number {
  const clock = clockFiguresAt(ms, zone);
  if (!clock) return 0;
  const wall = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / MINUTE);
}

/**
 * The offset (minutes) of an IANA zone at a wall-clock time. In a repeated hour the earlier instant; in a
 * skipped hour the offset from before the gap, as RFC 5545 §3.3.5 reads such times.
 */
export function ianaOffsetForLocal(zone: string, local: number): number {
  const guess = ianaOffsetAt(zone, local);
  const first = ianaOffsetAt(zone, local - guess * MINUTE);
  if (first === guess) {
    // In a repeated hour the offset from a few hours before fits too, and gives the earlier instant.
    const earlier = ianaOffsetAt(zone, local - guess * MINUTE - 3 * 60 * MINUTE);
    return earlier > guess && ianaOffsetAt(zone, local - earlier * MINUTE) === earlier ? earlier : guess;
  }
  const second = ianaOffsetAt(zone, local - first * MINUTE);
  return second === first ? first : Math.min(first, second);
}

/** "GMT+02:00", "UTC-5", "GMT +0100": an offset named outright. */
function statedOffset(tzid: string): number | null {
  const match = tzid.match(/^(?:GMT|UTC)\s?([+-])(\d{1,2})(?::?(\d{2}))?$/i);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  if (minutes > 14 * 60) return null;
  return match[1] === '-' ? -minutes : minutes;
}

function findVTimezone(timezones: Map<string, VTimezone>, tzid: string): VTimezone | null {
  const exact = timezones.get(tzid);
  if (exact) return exact;
  const lower = tzid.toLowerCase();
  for (const [id, zone] of timezones) if (id.toLowerCase() === lower) return zone;
  return null;
}

function atOffset(local: number, offset: number, zone: string | null, certain: boolean): ResolvedTime {
  return { ms: local - offset * MINUTE, zone, certain };
}

/** A time with no zone: the calendar's default zone, else the sender's offset; never certain. */
export function resolveFloating(local: number, context: ZoneContext): ResolvedTime {
  if (context.calendarZone)
    return atOffset(local, ianaOffsetForLocal(context.calendarZone, local), context.calendarZone, false);
  const offset = context.senderOffsetMinutes;
  if (offset !== null) return atOffset(local, offset, zoneName(offset), false);
  return atOffset(local, 0, null, false);
}

/** A wall-clock time with a TZID (already unescaped), resolved to an instant. */
export function resolveZoned(local: number, tzid: string, context: ZoneContext): ResolvedTime {
  const own = findVTimezone(context.timezones, tzid);
  const iana = ianaForTzid(tzid);
  if (iana) {
    const offset = ianaOffsetForLocal(iana, local);
    const file = own ? offsetForLocal(own, local) : null;
    const agrees = !file || (file.defined && file.offset === offset);
    return atOffset(local, offset, iana, agrees);
  }
  const displayed = windowsDisplayNameToIana(tzid);
  if (own) {
    const file = offsetForLocal(own, local);
    const ms = local - file.offset * MINUTE;
    // Name the zone after the display name when tzdb shows the same offset then; else the bare offset.
    const zone = displayed && ianaOffsetAt(displayed, ms) === file.offset ? displayed : zoneName(file.offset);
    // An empty TZID defines a zone, but nobody can tell which one was meant.
    return { ms, zone, certain: file.defined && tzid !== '' };
  }
  if (displayed) return atOffset(local, ianaOffsetForLocal(displayed, local), displayed, true);
  const stated = statedOffset(tzid);
  if (stated !== null) return atOffset(local, stated, zoneName(stated), true);
  // "(UTC+01:00) Somewhere": the standard offset, but whether summer time applies is unknown.
  const prefixed = displayNameOffsetMinutes(tzid);
  if (prefixed !== null) return atOffset(local, prefixed, zoneName(prefixed), false);
  return resolveFloating(local, context);
}

/**
 * Whether a TZID names a region rather than a place: a Windows id or display name ("W. Europe Standard
 * Time", "(UTC-07:00) Mountain Time (US & Canada)"), whose IANA zone is only the region's representative
 * city, so the sender's own city may stand for it.
 */
export function namesRegion(tzid: string): boolean {
  const name = tzid.trim();
  if (!name || name.length > 120 || knownIana(name)) return false;
  return windowsIdToIana(name) !== null || windowsDisplayNameToIana(name) !== null;
}

/** The IANA name of a calendar's X-WR-TIMEZONE, when it names one (IANA or Windows). */
export function calendarZoneOf(value: string | undefined): string | null {
  if (!value) return null;
  const name = value.trim();
  return ianaForTzid(name) ?? windowsDisplayNameToIana(name);
}
