import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chrono from 'chrono-node';
import { describe, expect, it } from 'vitest';
import { betweenBuiltOnce } from '../../functions/domain/invite/find-time.js';
import { DAY_RANGE_BEFORE, mayCloseDayRange } from '../../functions/domain/invite/time-score.js';
import { endsWithColon, QUOTE_INTRO } from '../../functions/domain/invite/time-thread.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const CORPORA = ['invites', 'invites-dev', 'invites-world'];
const REFERENCE = { instant: new Date('2026-11-20T09:30:00Z'), timezone: 60 };

/** Every invite fixture's raw text, read once. */
const FIXTURE_FILES: readonly string[] = CORPORA.flatMap((corpus) => {
  const folder = join(FIXTURES, corpus);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.eml'))
    .sort()
    .map((name) => readFileSync(join(folder, name), 'utf8'));
});

/** The lines with a digit of every invite fixture, a few thousand characters each at most. */
function fixtureTexts(): string[] {
  return FIXTURE_FILES.map((text) =>
    text
      .split('\n')
      .filter((line) => /\d/.test(line))
      .join('\n')
      .slice(0, 3_000),
  );
}

/** Dates and times joined by every word the locales' merging refiners know, and by some they do not. */
function generatedTexts(): string[] {
  const dates = [
    'Tuesday, December 8',
    '8 December 2026',
    '08.12.2026',
    'martes 8 de diciembre',
    'mardi 8 décembre',
    'Dienstag, 8. Dezember',
  ];
  const times = ['2pm', '14:00', '14h', '10:30 AM', '15 Uhr', '9.45'];
  const joins = [
    ' at ',
    ', ',
    ' - ',
    ' um ',
    ' à ',
    ' a las ',
    ' de ',
    ' T',
    ' on ',
    ' – ',
    ' to ',
    ' bis ',
    ' au ',
    ' and ',
    '; ',
    '\n',
  ];
  const texts: string[] = [];
  for (const date of dates)
    for (const time of times)
      for (const join of joins) {
        texts.push(`${date}${join}${time}`, `${time}${join}${date}`, `${date}${join}${time}${join}${time}`);
      }
  return texts;
}

function reading(results: chrono.ParsedResult[]): string {
  return JSON.stringify(
    results.map((result) => ({
      index: result.index,
      text: result.text,
      start: result.start.date().toISOString(),
      known: (['year', 'month', 'day', 'weekday', 'hour', 'minute', 'timezoneOffset'] as const).filter(
        (unit) => result.start.isCertain(unit),
      ),
      end: result.end?.date().toISOString() ?? null,
      tags: [...result.tags()].sort(),
    })),
  );
}

describe('chrono with its merging refiners built once reads as chrono does', () => {
  const locales: [string, chrono.Chrono][] = [
    ['en', chrono.en.casual],
    ['de', chrono.de.casual],
    ['fr', chrono.fr.casual],
    ['es', chrono.es.casual],
    ['nl', chrono.nl.casual],
    ['pt', chrono.pt.casual],
    ['ja', chrono.ja.casual],
  ];
  const texts = [...fixtureTexts(), ...generatedTexts()];

  it.each(locales)('in %s, over the fixtures and generated dates', (_language, original) => {
    const wrapped = original.clone();
    wrapped.refiners = wrapped.refiners.map(betweenBuiltOnce);
    expect(wrapped.refiners.some((refiner, i) => refiner !== original.refiners[i])).toBe(true);
    for (const text of texts) {
      expect(reading(wrapped.parse(text, REFERENCE)), text).toBe(reading(original.parse(text, REFERENCE)));
    }
  });

  it('leaves a refiner without a between-pattern as it is', () => {
    const filter: chrono.Refiner = { refine: (_context, results) => results };
    expect(betweenBuiltOnce(filter)).toBe(filter);
  });
});

describe('a quote line is looked for only where a line ends with a colon', () => {
  const INTROS = ['wrote', 'schrieb', 'a écrit', '写道', '<jane@example.com>', 'wrote x'];
  const COLONS = [':', '：', ';', ''];
  const SPACES = ['', ' ', '\t', '\u00a0', '\u3000', '\u2028', '\r', ' \u00a0\r', 'x', '.'];

  /** Every quote-line ending, colon (or none) and trailing white space (or a letter), joined. */
  function generated(): string[] {
    return INTROS.flatMap((intro) =>
      COLONS.flatMap((colon) => SPACES.map((space) => `On Tue, 8 Dec 2026 Jane ${intro}${colon}${space}`)),
    );
  }

  function check(line: string) {
    expect(endsWithColon(line, 0, line.length), line).toBe(true);
  }

  it('never skips a line the quote pattern reads, over every fixture line and generated endings', () => {
    const lines = [...FIXTURE_FILES.flatMap((text) => text.split('\n')), ...generated()];
    const read = lines.filter((line) => QUOTE_INTRO.test(line));
    for (const line of read) check(line);
    expect(read.length).toBeGreaterThan(50);
  });

  it('reads a colon before trailing white space, and nothing else', () => {
    check('On Tue, Jane <j@x.com> wrote: \u00a0\r');
    check('于2026年写道：');
    for (const line of ['wrote', '   ', 'a: b', '']) expect(endsWithColon(line, 0, line.length)).toBe(false);
  });
});

describe('a window of days is looked for only where a sentence ends in white space after a digit', () => {
  const GENERATED = [
    'from Monday 8 March to ',
    'between the 15. and ',
    'vom 9. bis zum ',
    'zwischen dem 15. und\u00a0',
    'du 10 au\t',
    'del 3 de marzo al\n',
    'från 4 till\u3000',
    'between 9 and 10 and',
    'from Monday to ',
  ];

  it('never skips a sentence end the window pattern reads, over every fixture line and generated ones', () => {
    const ends: string[] = [...GENERATED];
    for (const line of FIXTURE_FILES.flatMap((text) => text.split('\n'))) {
      // Every end of a word of the line, as the part of a sentence before a date ends.
      for (let at = line.indexOf(' '); at !== -1; at = line.indexOf(' ', at + 1)) {
        ends.push(line.slice(Math.max(0, at - 79), at + 1));
      }
    }
    const read = ends.filter((end) => DAY_RANGE_BEFORE.test(end));
    for (const end of read) expect(mayCloseDayRange(end), end).toBe(true);
    expect(read.length).toBeGreaterThan(GENERATED.length);
  });

  it('passes a digit before trailing white space, and nothing else', () => {
    expect(mayCloseDayRange('from 8 March to ')).toBe(true);
    for (const text of ['from Monday to ', 'from 8 March to', '']) expect(mayCloseDayRange(text)).toBe(false);
  });
});
