/**
 * An instant's wall clock in an IANA zone, in figures, with the zone's short name: what the calendar needs
 * to work out a zone's offset and the letters and the draft need to show a time. Read from one format() of
 * Intl's en-US numeric layout with the 24-hour cycle ("12/8/2026, 14:05:09 GMT+1"): format() costs several
 * times what formatToParts() does (which builds an object per part), and the layout is read here by
 * character code, without a match array.
 */

export interface ClockFigures {
  year: number;
  /** How many digits the year was written with (Intl writes the year 999 as "999"). */
  yearDigits: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** The zone's short name as Intl writes it ("PST", "GMT+1"), or "" when the layout had none. */
  zoneName: string;
}

const NUMERIC_CLOCK = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
} as const;

/**
 * The formatters built so far, per set of options, then per locale, then per zone (maps within maps, so
 * that finding one builds no key), kept: building one costs far more than formatting with it. Bounded per
 * locale, as zones come from mail.
 */
const FORMATTERS = new Map<FormatOptions, Map<string, Map<string, Intl.DateTimeFormat>>>();
const MAX_FORMATTERS = 500;

/** Options are module constants, each the key of its own formatters: a new object per call would never be found. */
type FormatOptions = Readonly<Omit<Intl.DateTimeFormatOptions, 'timeZone'>>;

/** The Intl formatter of `options` in `locale` and the IANA zone `timeZone`, built once and kept. */
export function formatterFor(locale: string, timeZone: string, options: FormatOptions): Intl.DateTimeFormat {
  let byLocale = FORMATTERS.get(options);
  if (!byLocale) {
    byLocale = new Map();
    FORMATTERS.set(options, byLocale);
  }
  let byZone = byLocale.get(locale);
  if (!byZone) {
    byZone = new Map();
    byLocale.set(locale, byZone);
  }
  let found = byZone.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    if (byZone.size >= MAX_FORMATTERS) byZone.clear();
    byZone.set(timeZone, found);
  }
  return found;
}

/** The figures of `at` in the IANA zone `zone`, or null when Intl writes them in another layout. */
export function clockFiguresAt(at: number | Date, zone: string): ClockFigures | null {
  return readClockFigures(formatterFor('en-US', zone, NUMERIC_CLOCK).format(at));
}

// The date and time fields in order: the least and most digits of each, and the character after it.
const SLASH = 0x2f;
const SPACE = 0x20;
const COLON = 0x3a;
const COMMA = 0x2c;
const FIELDS: readonly (readonly [min: number, max: number, mark: number])[] = [
  [1, 2, SLASH],
  [1, 2, SLASH],
  [1, 4, SPACE],
  [1, 2, COLON],
  [2, 2, COLON],
  [2, 2, 0],
];

/**
 * The figures of the en-US h23 numeric layout: the shapes
 * /^(\d{1,2})\/(\d{1,2})\/(\d{1,4}),? (\d{1,2}):(\d{2}):(\d{2})(?: (\S+))?$/ reads (a longer run of digits
 * than a field takes fails there as here); null for anything else.
 */
export function readClockFigures(shown: string): ClockFigures | null {
  const values = [0, 0, 0, 0, 0, 0];
  let yearDigits = 0;
  let at = 0;
  for (let field = 0; field < FIELDS.length; field++) {
    const [min, max, mark] = FIELDS[field] as (typeof FIELDS)[number];
    let value = 0;
    let count = 0;
    while (count < max && at < shown.length) {
      const code = shown.charCodeAt(at);
      if (code < 0x30 || code > 0x39) break;
      value = value * 10 + (code - 0x30);
      count++;
      at++;
    }
    if (count < min) return null;
    values[field] = value;
    if (field === 2) {
      yearDigits = count;
      // The year may be followed by a comma before its space.
      if (shown.charCodeAt(at) === COMMA) at++;
    }
    if (mark !== 0) {
      if (shown.charCodeAt(at) !== mark) return null;
      at++;
    }
  }
  let zoneName = '';
  if (at < shown.length) {
    // Only the zone's name may follow: one space, then a word without spaces.
    if (shown.charCodeAt(at) !== SPACE || at + 1 === shown.length) return null;
    zoneName = shown.slice(at + 1);
    if (/\s/.test(zoneName)) return null;
  }
  const [month = 0, day = 0, year = 0, hour = 0, minute = 0, second = 0] = values;
  return { year, yearDigits, month, day, hour, minute, second, zoneName };
}
