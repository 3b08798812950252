import { describe, expect, it } from 'vitest';
import { formatForUser, interviewWhen, wallClock } from '../../functions/domain/letters/dates.js';

/**
 * dates.ts reads an instant's wall clock from one format() of a numeric layout and takes weekday and
 * month names from tables: these tests hold it to what Intl's formatToParts gives for the same instant,
 * zone and locale, over every zone Intl knows and instants from the year 1000 to 2999.
 */

const ZONES = Intl.supportedValuesOf('timeZone');

/** Instants spread over a thousand years and through each month and hour, the same every run. */
const INSTANTS = Array.from(
  { length: 24 },
  (_, i) => new Date(Date.UTC(1000 + i * 83, i % 12, 1 + ((i * 7) % 28), i, (i * 17) % 60, (i * 23) % 60)),
);

/** formatToParts of `at`, by part type, with one formatter per set of options, locale and zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function partsOf(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions, at: Date) {
  const key = `${locale} ${timeZone} ${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, format);
  }
  const found: Record<string, string> = {};
  for (const part of format.formatToParts(at)) found[part.type] = part.value;
  return found;
}

describe('dates for letters', () => {
  it('shows the user the same wall clock and zone name as formatting to parts, in every zone', () => {
    for (const zone of ZONES) {
      for (const at of INSTANTS.slice(0, 6)) {
        const p = partsOf(
          'en-US',
          zone,
          {
            weekday: 'long',
            day: 'numeric',
            month: 'long',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            timeZoneName: 'short',
          },
          at,
        );
        const shown = wallClock(at.toISOString(), zone);
        expect([zone, shown.weekday, shown.day, shown.month, shown.year, shown.hour, shown.minute]).toEqual([
          zone,
          p.weekday,
          p.day,
          p.month,
          p.year,
          p.hour,
          p.minute,
        ]);
        expect(shown.zoneName).toBe(p.timeZoneName);
      }
    }
  });

  it('writes the weekday, day and month of an interview as each letter language formats them', () => {
    const locales = { de: 'de-DE', es: 'es-ES', fr: 'fr-FR' } as const;
    const now = new Date('2026-12-01T18:00:00Z');
    for (const zone of ['Europe/Berlin', 'America/Mexico_City', 'Asia/Kolkata', 'Pacific/Chatham']) {
      for (const at of INSTANTS) {
        for (const [language, locale] of Object.entries(locales) as [keyof typeof locales, string][]) {
          const p = partsOf(
            locale,
            zone,
            {
              weekday: 'long',
              day: 'numeric',
              month: 'long',
              hour: 'numeric',
              minute: '2-digit',
              hourCycle: 'h23',
            },
            at,
          );
          const when = interviewWhen(at.toISOString(), zone, language, now);
          const expected = {
            de: `${p.weekday}, ${p.day}. ${p.month}`,
            es: `${p.weekday} ${p.day} de ${p.month}`,
            fr: `${p.weekday} ${p.day} ${p.month}`,
          }[language];
          expect(when.date).toBe(expected);
          expect(when.hour).toBe(Number(p.hour));
        }
      }
    }
  });

  it('still shows an instant in a fixed-offset zone and in an unknown zone', () => {
    expect(formatForUser('2026-12-08T13:00:00Z', 'UTC+05:30')).toBe(
      'Tuesday 8 December 2026, 18:30 (UTC+5:30)',
    );
    expect(formatForUser('2026-12-08T13:00:00Z', 'Not/AZone')).toBe('Tuesday 8 December 2026, 13:00 (UTC)');
  });
});
