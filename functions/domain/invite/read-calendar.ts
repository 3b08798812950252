import { DateTime } from 'luxon';
import { isPlausibleAddress, normaliseAddress } from '../mail/sanitize.js';
import { isKnownZone } from './zones.js';

/** What a calendar part says about the event, when it says it. */
export interface CalendarFacts {
  uid: string | null;
  sequence: number;
  organizer: { name: string | null; address: string } | null;
  start: string | null;
  end: string | null;
  timezone: string | null;
  /** False for floating times (no zone), which are read in the sender's zone. */
  certain: boolean;
  summary: string | null;
  location: string | null;
}

interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

const MAX_LINES = 5_000;

function unfold(ics: string): string[] {
  return ics
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n')
    .slice(0, MAX_LINES);
}

function parseProperty(line: string): Property | null {
  const colon = line.search(/:(?=(?:[^"]*"[^"]*")*[^"]*$)/);
  if (colon <= 0) return null;
  const [name = '', ...rawParams] = line.slice(0, colon).split(';');
  const params: Record<string, string> = {};
  for (const param of rawParams) {
    const eq = param.indexOf('=');
    if (eq > 0) params[param.slice(0, eq).toUpperCase()] = param.slice(eq + 1).replace(/^"|"$/g, '');
  }
  return { name: name.toUpperCase(), params, value: line.slice(colon + 1) };
}

function unescapeText(value: string): string {
  return value
    .replace(/\\n/gi, ' ')
    .replace(/\\([,;\\])/g, '$1')
    .trim();
}

function readTime(property: Property | undefined, fallbackOffset: number | null) {
  if (!property) return null;
  const match = property.value.match(/^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(Z)?)?$/);
  if (!match) return null;
  const [, y, mo, d, h = '09', mi = '00', s = '00', utc] = match;
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
  };
  const tzid = property.params.TZID;
  let zone: string;
  let certain = true;
  if (utc) zone = 'UTC';
  else if (isKnownZone(tzid)) zone = tzid;
  else {
    // Floating, or a zone id this first version does not map: read it in the sender's zone, flagged.
    zone =
      fallbackOffset === null
        ? 'UTC'
        : `UTC${fallbackOffset >= 0 ? '+' : '-'}${Math.abs(fallbackOffset / 60)}`;
    certain = false;
  }
  const time = DateTime.fromObject(parts, { zone });
  if (!time.isValid) return null;
  return {
    iso: time.toUTC().toISO() as string,
    zone: utc ? (isKnownZone(tzid) ? tzid : 'UTC') : zone,
    certain: certain && match[4] !== undefined,
  };
}

/** Reads the first VEVENT of a METHOD:REQUEST (or method-less) calendar. */
export function readCalendar(ics: string, senderOffsetMinutes: number | null): CalendarFacts | null {
  const lines = unfold(ics);
  const methodLine = lines.find((l) => /^METHOD:/i.test(l));
  if (methodLine && !/^METHOD:(REQUEST|PUBLISH)\s*$/i.test(methodLine)) return null;
  const begin = lines.findIndex((l) => /^BEGIN:VEVENT\s*$/i.test(l));
  if (begin < 0) return null;
  const event: Property[] = [];
  for (const line of lines.slice(begin + 1)) {
    if (/^END:VEVENT\s*$/i.test(line)) break;
    if (/^BEGIN:/i.test(line)) continue;
    const property = parseProperty(line);
    if (property) event.push(property);
  }
  const get = (name: string) => event.find((p) => p.name === name);
  const organizerProperty = get('ORGANIZER');
  const organizerAddress = organizerProperty
    ? normaliseAddress(organizerProperty.value.replace(/^mailto:/i, ''))
    : null;
  const start = readTime(get('DTSTART'), senderOffsetMinutes);
  const end = readTime(get('DTEND'), senderOffsetMinutes);
  return {
    uid: get('UID')?.value.trim() || null,
    sequence: Number.parseInt(get('SEQUENCE')?.value ?? '0', 10) || 0,
    organizer: isPlausibleAddress(organizerAddress)
      ? { name: organizerProperty?.params.CN?.trim() || null, address: organizerAddress }
      : null,
    start: start?.iso ?? null,
    end: end?.iso ?? null,
    timezone: start?.zone ?? null,
    certain: start?.certain ?? false,
    summary: get('SUMMARY') ? unescapeText(get('SUMMARY')?.value ?? '') : null,
    location: get('LOCATION') ? unescapeText(get('LOCATION')?.value ?? '') : null,
  };
}
