import { DateTime, FixedOffsetZone, IANAZone } from 'luxon';

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

/** Whether two zones show the same wall-clock time at this instant (so one time is enough to show). */
export function sameOffsetAt(iso: string, a: string, b: string): boolean {
  const zone = (name: string) => (isKnownZone(name) ? name : 'UTC');
  return DateTime.fromISO(iso, { zone: zone(a) }).offset === DateTime.fromISO(iso, { zone: zone(b) }).offset;
}
