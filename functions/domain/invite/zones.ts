import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';

/**
 * An IANA name for a bare UTC offset: "UTC", or "Etc/GMT+8" for UTC-8 (the Etc names' sign is inverted
 * by POSIX convention). Offsets that are not whole hours have no IANA name and stay "UTC+05:30".
 */
export function zoneName(offsetMinutes: number | null): string | null {
  if (offsetMinutes === null) return null;
  if (offsetMinutes === 0) return 'UTC';
  if (offsetMinutes % 60 === 0 && Math.abs(offsetMinutes) <= 14 * 60) {
    const hours = -offsetMinutes / 60;
    return `Etc/GMT${hours > 0 ? '+' : ''}${hours}`;
  }
  return FixedOffsetZone.instance(offsetMinutes).name;
}

// Luxon checks a zone name by building an Intl formatter each time, and does so whenever a zone is
// given as a string: zones are resolved once here and passed to Luxon as objects.
const ZONES = new Map<string, Zone | null>();
const MAX_ZONES = 1_000;

/** The Luxon zone for an IANA name or a fixed offset ("UTC+1", "UTC-05:30"), or null. Cached. */
export function zoneOf(name: string | null | undefined): Zone | null {
  if (!name) return null;
  let zone = ZONES.get(name);
  if (zone === undefined) {
    zone =
      FixedOffsetZone.parseSpecifier(name) ?? (IANAZone.isValidZone(name) ? IANAZone.create(name) : null);
    if (ZONES.size >= MAX_ZONES) ZONES.clear();
    ZONES.set(name, zone);
  }
  return zone;
}

export function isKnownZone(name: string | null | undefined): name is string {
  return zoneOf(name) !== null;
}

/** An IANA region zone (not UTC, not an Etc/ offset, not a fixed offset). */
export function isRegionZone(name: string): boolean {
  return zoneOf(name) instanceof IANAZone && name !== 'UTC' && !name.startsWith('Etc/');
}

/** Formats an instant for people: "Tuesday 8 December 2026, 14:00 (UTC+1)". */
export function formatInZone(iso: string, zone: string): string {
  const time = DateTime.fromISO(iso, { zone: zoneOf(zone) ?? 'UTC' });
  return `${time.toFormat('cccc d LLLL yyyy, HH:mm')} (${time.offsetNameShort ?? time.toFormat('ZZ')})`;
}

export function formatDay(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: zoneOf(zone) ?? 'UTC' }).toFormat('cccc d LLLL');
}

/** Whether two zones show the same wall-clock time at this instant (so one time is enough to show). */
export function sameOffsetAt(iso: string, a: string, b: string): boolean {
  const zone = (name: string) => zoneOf(name) ?? 'UTC';
  return DateTime.fromISO(iso, { zone: zone(a) }).offset === DateTime.fromISO(iso, { zone: zone(b) }).offset;
}
