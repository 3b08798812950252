import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { DateTime, IANAZone } from 'luxon';

/**
 * The sample invites the console offers. Each is a realistic forward written as a template whose dates
 * are set when it is forwarded (the invite was received yesterday, the interview is a weekday next week),
 * so a sample tried months from now is still an invite for an interview ahead, not one that has passed.
 *
 * A template is a message without a From header (the console sets it to the user) and with placeholders:
 * `{{domain}}`, `{{id}}` (random, the same within one message), `{{user.name}}`, `{{user.first}}`,
 * `{{user.address}}`, and `{{<moment>[|<locale>]:<format>}}` where the format is a Luxon format or one of
 * `rfc2822` (a Date header), `ics` (a calendar time in the moment's zone) and `ics-utc`.
 */

export interface MomentSpec {
  /** Days from today's date in `zone`; negative for the past. */
  days: number;
  /** Local time in `zone`, `HH:mm`. */
  time: string;
  zone: string;
  /** Moved to the next Monday when it falls on a weekend, as interviews rarely happen then. */
  weekday?: boolean;
  /** Minutes after this moment that a second moment, named `<name>End`, lies. */
  durationMinutes?: number;
}

export interface Sample {
  id: string;
  /** What a person picks from the list. */
  title: string;
  /** One sentence: what the sample shows of Bowout. */
  description: string;
  file: string;
  moments: Record<string, MomentSpec>;
}

export interface SampleUser {
  name: string;
  address: string;
  /** The user's IANA zone: the forward's Date header is written in it, as a mail client would. */
  zone: string;
}

/**
 * A sample's dates on the employer's clock: the invite arrived yesterday at `received`, and the interview
 * (when there is one) falls on a weekday `days` ahead.
 */
function employerClock(
  zone: string,
  received: string,
  interview?: { days: number; time: string; durationMinutes?: number },
): Record<string, MomentSpec> {
  return {
    received: { days: -1, time: received, zone },
    ...(interview ? { interview: { ...interview, zone, weekday: true } } : {}),
  };
}

export const SAMPLES: readonly Sample[] = [
  {
    id: 'gmail-pacific',
    title: 'Gmail forward, plain text: Senior Data Engineer at Northwind Analytics',
    description: 'An invite forwarded from Gmail, with the interview time in Pacific Time.',
    file: 'gmail-pacific.eml',
    moments: employerClock('America/Los_Angeles', '16:02', { days: 8, time: '14:00' }),
  },
  {
    id: 'greenhouse-calendar',
    title: 'Calendar invitation (.ics) via Greenhouse: Staff Engineer at Fabrikam',
    description: 'The organizer comes from the calendar event, and SEND also declines the event.',
    file: 'greenhouse-calendar.eml',
    moments: employerClock('America/New_York', '09:00', { days: 10, time: '10:00', durationMinutes: 60 }),
  },
  {
    id: 'outlook-attached-reason',
    title: 'Invite attached as a file, with a reason above it: Backend Engineer at Contoso',
    description:
      'The note above the forward becomes the brief reason, and the cancellation threads into the original mail.',
    file: 'outlook-attached-reason.eml',
    moments: employerClock('America/New_York', '15:30', { days: 6, time: '15:00' }),
  },
  {
    id: 'outlook-web-german',
    title: 'Outlook on the web, in German: Senior Controller at Donaupark Immobilien (Vienna)',
    description: 'An HTML invite in German, with the time in Central European Time.',
    file: 'outlook-web-german.eml',
    moments: employerClock('Europe/Vienna', '14:26', { days: 9, time: '11:00' }),
  },
  {
    id: 'newsletter',
    title: 'Not an invite: a job-board newsletter',
    description: 'Bowout answers that it found no interview invite, and opens no case.',
    file: 'newsletter.eml',
    moments: employerClock('UTC', '07:00'),
  },
];

export class SampleError extends Error {
  override name = 'SampleError';
}

export function findSample(id: string): Sample | undefined {
  return SAMPLES.find((sample) => sample.id === id);
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The moments of a sample, as instants in their zones, for a forward made at `now`. */
export function sampleMoments(sample: Sample, now: Date): Map<string, DateTime> {
  const moments = new Map<string, DateTime>();
  for (const [name, spec] of Object.entries(sample.moments)) {
    const time = TIME.exec(spec.time);
    if (!time || !IANAZone.isValidZone(spec.zone)) throw new SampleError(`sample ${sample.id}: bad ${name}`);
    let day = DateTime.fromJSDate(now, { zone: spec.zone }).startOf('day').plus({ days: spec.days });
    // Luxon's weekday: 6 is Saturday, 7 Sunday.
    if (spec.weekday && day.weekday > 5) day = day.plus({ days: 8 - day.weekday });
    const moment = day.set({ hour: Number(time[1]), minute: Number(time[2]) });
    moments.set(name, moment);
    if (spec.durationMinutes) moments.set(`${name}End`, moment.plus({ minutes: spec.durationMinutes }));
  }
  return moments;
}

function formatMoment(moment: DateTime, format: string, locale: string | undefined): string {
  switch (format) {
    case 'rfc2822':
      return moment.setLocale('en-US').toFormat('EEE, d MMM yyyy HH:mm:ss ZZZ');
    case 'ics':
      return moment.toFormat("yyyyMMdd'T'HHmmss");
    case 'ics-utc':
      return moment.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
    default:
      return moment.setLocale(locale ?? 'en-US').toFormat(format);
  }
}

const PLACEHOLDER = /\{\{([^{}]+)\}\}/g;
const MOMENT_PLACEHOLDER = /^([A-Za-z]+)(?:\|([A-Za-z-]+))?:(.+)$/;

/** Fills a template's placeholders; an unknown one is an error, so a typo cannot reach a forward. */
export function renderTemplate(
  template: string,
  values: { domain: string; id: string; user: SampleUser; moments: Map<string, DateTime> },
): string {
  const { user } = values;
  const plain: Record<string, string> = {
    domain: values.domain,
    id: values.id,
    'user.name': user.name,
    'user.first': user.name.trim().split(/\s+/)[0] ?? user.name,
    'user.address': user.address,
  };
  return template.replace(PLACEHOLDER, (whole, inner: string) => {
    const key = inner.trim();
    if (Object.hasOwn(plain, key)) return plain[key] as string;
    const [, name, locale, format] = MOMENT_PLACEHOLDER.exec(key) ?? [];
    const moment = name ? values.moments.get(name) : undefined;
    if (!moment || !format) throw new SampleError(`unknown placeholder ${whole}`);
    return formatMoment(moment, format, locale);
  });
}

const SAMPLES_DIR = new URL('./samples/', import.meta.url);

/**
 * The sample as the user's mail client would forward it at `now`: CRLF line ends, no From header yet.
 * `now` is the forward's own moment, in the user's zone.
 */
export async function renderSample(
  sample: Sample,
  options: { domain: string; user: SampleUser; now: Date },
): Promise<string> {
  const template = await readFile(new URL(sample.file, SAMPLES_DIR), 'utf8');
  const moments = sampleMoments(sample, options.now);
  moments.set('now', DateTime.fromJSDate(options.now, { zone: options.user.zone }));
  const text = renderTemplate(template, {
    domain: options.domain,
    id: randomBytes(8).toString('hex'),
    user: options.user,
    moments,
  });
  return text.replace(/\r?\n/g, '\r\n');
}
