import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';

/** A zone Luxon can use, from an IANA name or a minute offset. */
export function zoneName(offsetMinutes: number | null): string | null {
  if (offsetMinutes === null) return null;
  return FixedOffsetZone.instance(offsetMinutes).name;
}

export function isKnownZone(name: string | null | undefined): name is string {
  if (!name) return false;
  return IANAZone.isValidZone(name) || FixedOffsetZone.parseSpecifier(name) !== null;
}

/** Formats an instant for people: "Tuesday 8 December 2026, 14:00 (UTC+1)". */
export function formatInZone(iso: string, zone: string): string {
  const time = DateTime.fromISO(iso, { zone: isKnownZone(zone) ? zone : 'UTC' });
  return `${time.toFormat('cccc d LLLL yyyy, HH:mm')} (${time.offsetNameShort ?? time.toFormat('ZZ')})`;
}

export function formatDay(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { zone: isKnownZone(zone) ? zone : 'UTC' }).toFormat('cccc d LLLL');
}
