import { describe, expect, it } from 'vitest';
import { clockFiguresAt, readClockFigures } from '../../functions/domain/numeric-clock.js';

/** The shapes the reader takes, as a pattern: what its character-by-character reading must agree with. */
const CLOCK = /^(\d{1,2})\/(\d{1,2})\/(\d{1,4}),? (\d{1,2}):(\d{2}):(\d{2})(?: (\S+))?$/;

function byPattern(shown: string) {
  const match = shown.match(CLOCK);
  if (!match) return null;
  const [, month, day, year = '', hour, minute, second, zoneName = ''] = match;
  return {
    year: Number(year),
    yearDigits: year.length,
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second),
    zoneName,
  };
}

describe('the numeric wall clock Intl writes for a zone', () => {
  it('is read as the pattern reads it, whatever the shape', () => {
    const shapes = [
      '4/11/2024, 11:00:00',
      '12/31/1999 23:59:59 GMT+5:30',
      '1/2/99, 0:00:00 PST',
      '4/11/2024, 11:00',
      '4/11/2024, 11:00:00 ',
      '4/11/2024, 11:00:00 GMT +1',
      '',
    ];
    // Damaged shapes: each one with a character dropped, doubled or replaced by one of the layout's own.
    for (const shape of shapes.slice(0, 3))
      for (let at = 0; at < shape.length; at++)
        for (const replacement of ['', shape[at] ?? '', '0', '12', '/', ':', ',', ' ', 'a', '\t'])
          shapes.push(
            shape.slice(0, at) + replacement + shape.slice(at + 1),
            shape.slice(0, at) + replacement + shape.slice(at),
          );
    for (const shown of shapes) expect(readClockFigures(shown), shown).toEqual(byPattern(shown));
  });

  it('reads every hour Intl writes in a zone with a half-hour offset, through a year', () => {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Kathmandu',
      timeZoneName: 'short',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 3_600_000 + 61_000) {
      const shown = format.format(ms);
      expect(readClockFigures(shown), shown).toEqual(byPattern(shown));
    }
  });

  it('gives the wall clock of an instant in a zone, with the zone short name', () => {
    // 8 December 2026, 22:05:09 UTC is 14:05:09 in Los Angeles (PST) and 03:35:09 the next day in Kolkata.
    const at = Date.UTC(2026, 11, 8, 22, 5, 9);
    expect(clockFiguresAt(at, 'America/Los_Angeles')).toEqual({
      year: 2026,
      yearDigits: 4,
      month: 12,
      day: 8,
      hour: 14,
      minute: 5,
      second: 9,
      zoneName: 'PST',
    });
    expect(clockFiguresAt(new Date(at), 'Asia/Kolkata')).toMatchObject({ day: 9, hour: 3, minute: 35 });
  });

  it('tells a year written with fewer than four digits by its count', () => {
    expect(clockFiguresAt(Date.UTC(999, 5, 1, 12), 'UTC')).toMatchObject({ year: 999, yearDigits: 3 });
  });
});
