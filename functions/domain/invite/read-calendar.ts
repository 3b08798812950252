import { headerSafe, isPlausibleAddress, normaliseAddress } from '../mail/sanitize.js';
import {
  type Component,
  findComponents,
  type Property,
  parseComponents,
  propertyOf,
  unescapeText,
} from './calendar-syntax.js';
import { isoDate, parseDateValue, parseDuration } from './calendar-values.js';
import { readVTimezone, unescapeTzid, type VTimezone } from './calendar-vtimezone.js';
import {
  calendarZoneOf,
  ianaForTzid,
  namesRegion,
  type ResolvedTime,
  resolveFloating,
  resolveZoned,
  type ZoneContext,
} from './calendar-zones.js';
import { isoString } from './forward-date.js';

/** What a calendar part says about the event, when it says it. */
export interface CalendarFacts {
  uid: string | null;
  sequence: number;
  organizer: { name: string | null; address: string } | null;
  start: string | null;
  end: string | null;
  timezone: string | null;
  /** False when any part of the time was assumed: floating times, all-day events, unknown zones. */
  certain: boolean;
  summary: string | null;
  location: string | null;
  /** DESCRIPTION of the event: schedulers put the company or the contact there and nowhere else. */
  description?: string | null;
  /** For an all-day event (start is then null): its first day, "2026-12-08". */
  startDate?: string | null;
  /** For an all-day event: the day after its last day (DTEND is exclusive). */
  endDate?: string | null;
  /** METHOD of the calendar (REQUEST, PUBLISH), or null when it has none. */
  method?: string | null;
  /** STATUS of the event (CONFIRMED, TENTATIVE), or null. */
  status?: string | null;
  /** The zone is a region's representative city (a Windows zone id): the sender's own city may name it. */
  regionZone?: boolean;
}

/** One VEVENT as read, before choosing the invitation among them. */
export interface CalendarEvent extends CalendarFacts {
  /** Whether this VEVENT overrides one occurrence of a recurring event (it has a RECURRENCE-ID). */
  isOverride: boolean;
}

const MAX_TEXT_CHARS = 500;
const MAX_UID_CHARS = 1_000;
const MAX_EVENTS = 500;
const MAX_TIMEZONES = 100;
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** METHODs that invite; CANCEL, REPLY, COUNTER and the rest are answers, not invitations. */
const INVITING_METHODS = new Set(['REQUEST', 'PUBLISH']);

const PLACEHOLDER_NAMES = /^(no name|unknown|none|null|undefined|organizer|organiser)$/i;

function textOf(property: Property | undefined): string | null {
  if (!property) return null;
  // Summaries become subjects and draft text: no control characters or line separators survive.
  const text = headerSafe(unescapeText(property.value), MAX_TEXT_CHARS);
  return text || null;
}

/** "mailto:a@b", "MAILTO:a@b", "\"mailto:a@b\"", "<a@b>", "a@b" → "a@b". */
function addressIn(value: string): string {
  return normaliseAddress(
    value
      .trim()
      .replace(/^"|"$/g, '')
      .replace(/^mailto:/i, '')
      .replace(/^<|>$/g, ''),
  );
}

function displayName(cn: string | undefined, address: string): string | null {
  if (!cn) return null;
  const name = headerSafe(cn, 200)
    .replace(/^'(.*)'$/, '$1')
    .trim();
  if (!name || PLACEHOLDER_NAMES.test(name) || name.toLowerCase() === address) return null;
  return name;
}

/** The organizer: the EMAIL= parameter when it holds an address, else the mailto: value. */
function readOrganizer(event: Component): CalendarFacts['organizer'] {
  for (const property of event.properties) {
    if (property.name !== 'ORGANIZER') continue;
    const candidates = [property.params.EMAIL, property.value].filter((v): v is string => Boolean(v));
    for (const candidate of candidates) {
      const address = addressIn(candidate);
      if (isPlausibleAddress(address)) return { name: displayName(property.params.CN, address), address };
    }
  }
  return null;
}

interface EventTime {
  resolved: ResolvedTime | null;
  /** Wall-clock milliseconds as written, for DURATION arithmetic. */
  local: number;
  utc: boolean;
  dateOnly: boolean;
  tzid: string | undefined;
}

function readTime(property: Property | undefined, context: ZoneContext): EventTime | null {
  if (!property) return null;
  const value = parseDateValue(property.value);
  if (!value) return null;
  const tzid = property.params.TZID === undefined ? undefined : unescapeTzid(property.params.TZID);
  // VALUE=DATE wins over a time written anyway; a bare 8-digit value is a date even without it.
  const dateOnly = value.dateOnly || property.params.VALUE?.toUpperCase() === 'DATE';
  const time = { local: value.ms, utc: value.utc, dateOnly, tzid };
  if (dateOnly) return { ...time, local: Math.floor(value.ms / DAY) * DAY, resolved: null };
  if (value.utc) {
    // A TZID beside a "Z" is contradictory; the Z is exact, the TZID still names the sender's zone.
    const zone = (tzid && ianaForTzid(tzid)) || 'UTC';
    return { ...time, resolved: { ms: value.ms, zone, certain: true } };
  }
  const resolved =
    tzid === undefined ? resolveFloating(value.ms, context) : resolveZoned(value.ms, tzid, context);
  return { ...time, resolved };
}

/** DTEND, or DTSTART plus DURATION: days on the wall clock (a day across a DST change stays a day). */
function readEnd(event: Component, start: EventTime | null, context: ZoneContext): EventTime | null {
  const end = readTime(propertyOf(event, 'DTEND'), context);
  if (end || !start) return end;
  const durationProperty = propertyOf(event, 'DURATION');
  const duration = durationProperty ? parseDuration(durationProperty.value) : null;
  if (!duration) return null;
  const local = start.local + duration.days * DAY;
  if (start.dateOnly) return { ...start, local, resolved: null };
  if (!start.resolved) return null;
  let instant: ResolvedTime;
  if (start.utc) instant = { ...start.resolved, ms: local };
  else if (start.tzid === undefined) instant = resolveFloating(local, context);
  else instant = resolveZoned(local, start.tzid, context);
  return { ...start, local, resolved: { ...instant, ms: instant.ms + duration.ms } };
}

function isoInstant(time: EventTime | null): string | null {
  return time?.resolved ? isoString(time.resolved.ms) : null;
}

function readEvent(event: Component, method: string | null, context: ZoneContext): CalendarEvent {
  const start = readTime(propertyOf(event, 'DTSTART'), context);
  let end = readEnd(event, start, context);
  // An end before its start is a broken value, not an event that ends before it begins.
  if (
    start &&
    end &&
    (start.dateOnly ? end.local < start.local : (end.resolved?.ms ?? 0) < (start.resolved?.ms ?? 0))
  )
    end = null;
  const uid = propertyOf(event, 'UID')?.value.trim() ?? '';
  const sequence = propertyOf(event, 'SEQUENCE')?.value.trim() ?? '';
  const status = propertyOf(event, 'STATUS')?.value.trim().toUpperCase();
  return {
    uid: uid && uid.length <= MAX_UID_CHARS ? uid : null,
    sequence: /^\d{1,9}$/.test(sequence) ? Number(sequence) : 0,
    organizer: readOrganizer(event),
    start: isoInstant(start),
    end: start?.dateOnly ? null : isoInstant(end),
    timezone: start?.resolved?.zone ?? (start?.tzid ? ianaForTzid(start.tzid) : null),
    // An all-day event has no time at all: whatever hour is shown is assumed.
    certain: start?.resolved?.certain ?? false,
    summary: textOf(propertyOf(event, 'SUMMARY')),
    location: textOf(propertyOf(event, 'LOCATION')),
    description: textOf(propertyOf(event, 'DESCRIPTION')),
    startDate: start?.dateOnly ? isoDate(start.local) : null,
    endDate: start?.dateOnly && end?.dateOnly ? isoDate(end.local) : null,
    method,
    status: status || null,
    regionZone: start?.tzid !== undefined && namesRegion(start.tzid),
    isOverride: propertyOf(event, 'RECURRENCE-ID') !== undefined,
  };
}

interface ParsedCalendar {
  method: string | null;
  events: Component[];
}

interface ParsedFile {
  calendars: ParsedCalendar[];
  timezones: Map<string, VTimezone>;
  calendarZone: string | null;
}

function parseFile(ics: string): ParsedFile {
  const root = parseComponents(ics);
  const wrappers = findComponents(root, 'VCALENDAR');
  // A bare VEVENT without its VCALENDAR is still readable.
  const containers = wrappers.length > 0 ? wrappers : [root];
  const timezones = new Map<string, VTimezone>();
  for (const component of findComponents(root, 'VTIMEZONE').slice(0, MAX_TIMEZONES)) {
    const zone = readVTimezone(component);
    if (zone && !timezones.has(zone.tzid)) timezones.set(zone.tzid, zone);
  }
  const calendarZone = calendarZoneOf(
    containers.map((c) => propertyOf(c, 'X-WR-TIMEZONE')?.value).find((v) => v !== undefined),
  );
  return {
    calendars: containers.map((container) => ({
      method: propertyOf(container, 'METHOD')?.value.trim().toUpperCase() || null,
      events: findComponents(container, 'VEVENT').slice(0, MAX_EVENTS),
    })),
    timezones,
    calendarZone,
  };
}

function contextOf(file: ParsedFile, senderOffsetMinutes: number | null): ZoneContext {
  return { timezones: file.timezones, calendarZone: file.calendarZone, senderOffsetMinutes };
}

/** Every VEVENT of the file, in order, with its calendar's METHOD: for tests and for callers that need all. */
export function readCalendarEvents(ics: string, senderOffsetMinutes: number | null): CalendarEvent[] {
  const file = parseFile(ics);
  const context = contextOf(file, senderOffsetMinutes);
  return file.calendars.flatMap((calendar) =>
    calendar.events.map((event) => readEvent(event, calendar.method, context)),
  );
}

function isCancelled(event: Component): boolean {
  return propertyOf(event, 'STATUS')?.value.trim().toUpperCase() === 'CANCELLED';
}

/**
 * The invitation among a calendar's events: the first one that is not cancelled and not an override of
 * one occurrence (RECURRENCE-ID), else the first override that is not cancelled.
 */
function chooseEvent(events: Component[]): Component | null {
  const live = events.filter((e) => !isCancelled(e));
  return live.find((e) => propertyOf(e, 'RECURRENCE-ID') === undefined) ?? live[0] ?? null;
}

/**
 * Reads the invitation in a calendar part (METHOD REQUEST, PUBLISH or none). Null when the part is not
 * an invitation: a CANCEL, REPLY or COUNTER, no event, or only cancelled events.
 */
export function readCalendar(ics: string, senderOffsetMinutes: number | null): CalendarFacts | null {
  const file = parseFile(ics);
  for (const calendar of file.calendars) {
    if (calendar.method !== null && !INVITING_METHODS.has(calendar.method)) continue;
    const event = chooseEvent(calendar.events);
    if (!event) continue;
    const { isOverride: _, ...facts } = readEvent(
      event,
      calendar.method,
      contextOf(file, senderOffsetMinutes),
    );
    return facts;
  }
  return null;
}

/** What the calendar parts of a mail say, together: the invitation in force, or that it was cancelled. */
export interface CalendarReading {
  calendar: CalendarFacts | null;
  /** A calendar part cancels the event and no later invitation replaces it. */
  cancelled: boolean;
}

const MAX_CALENDAR_PARTS = 10;

/**
 * Reads every calendar part of a mail (a thread or a forward may carry several) and keeps the latest word
 * on each event: a higher SEQUENCE replaces a lower one, and a CANCEL (or a cancelled event) ends the
 * event unless a later invitation follows. Among live invitations, the highest SEQUENCE wins, the first
 * one on a tie.
 */
export function readCalendars(parts: readonly string[], senderOffsetMinutes: number | null): CalendarReading {
  const invitations: { facts: CalendarFacts; sequence: number }[] = [];
  const cancellations = new Map<string, number>();
  let cancelledWithoutUid = false;
  for (const ics of parts.slice(0, MAX_CALENDAR_PARTS)) {
    const file = parseFile(ics);
    const context = contextOf(file, senderOffsetMinutes);
    for (const calendar of file.calendars) {
      const cancelling = calendar.method === 'CANCEL';
      for (const event of calendar.events) {
        if (!cancelling && !isCancelled(event)) continue;
        const uid = propertyOf(event, 'UID')?.value.trim() ?? '';
        const sequence = Number(propertyOf(event, 'SEQUENCE')?.value.trim()) || 0;
        if (!uid) cancelledWithoutUid = true;
        else cancellations.set(uid, Math.max(cancellations.get(uid) ?? -1, sequence));
      }
      if (calendar.method !== null && !INVITING_METHODS.has(calendar.method)) continue;
      const event = chooseEvent(calendar.events);
      if (!event) continue;
      const { isOverride: _, ...facts } = readEvent(event, calendar.method, context);
      invitations.push({ facts, sequence: facts.sequence });
    }
  }
  const live = invitations.filter(({ facts, sequence }) => {
    const cancelledAt = facts.uid ? cancellations.get(facts.uid) : undefined;
    return cancelledAt === undefined || sequence > cancelledAt;
  });
  let latest: (typeof live)[number] | undefined;
  for (const invitation of live) if (!latest || invitation.sequence > latest.sequence) latest = invitation;
  const cancelled = !latest && (cancellations.size > 0 || cancelledWithoutUid);
  return { calendar: latest?.facts ?? null, cancelled };
}
