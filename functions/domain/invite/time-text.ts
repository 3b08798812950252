/**
 * Which text goes to chrono: only the lines that could hold a date, so prose, phone numbers and
 * addresses cost nothing, and hostile input is bounded. Positions are kept so scoring reads the original.
 */

const MAX_PIECE = 400;
const MAX_CANDIDATE_CHARS = 8_000;

/**
 * A piece of text worth parsing: a time ("2pm", "14:00", "15h", "10 Uhr"), a numeric date, a month name
 * next to a number, a weekday or a relative word.
 */
const MONTH =
  '(?:jan|feb|f[eé]v|mar|mär|mrt|apr|avr|abr|ma[iyj]|mag|mei|jun|jui|giu|jul|lug|aug|ao[uû]|ago|sep|set|o[ck]t|ott|out|nov|de[cz]|déc|dic|ene|gen|sty|lut|kwi|cze|lip|sie|wrz|pa[źz]|lis|gru)';
const DATE_HINT = new RegExp(
  [
    '\\d{1,2}\\s?(?:[:.h]\\s?\\d{2}|[ap]\\.?m\\b|[ap]\\.m\\.|uhr|uur|ore\\b|h\\b|hrs?\\b)',
    '\\b\\d{1,2}[./-]\\d{1,2}\\b',
    '\\b\\d{4}[./-]\\d{1,2}[./-]\\d{1,2}',
    `\\b${MONTH}[a-zäéèëêûüôöîïàâçñíóúãõì]*\\.?,?\\s{0,2}\\d`,
    `\\d(?:st|nd|rd|th|er|º|\\.)?\\s{0,3}(?:de\\s{1,2})?${MONTH}`,
    'today|tomorrow|tonight|noon|midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|\\bdays?\\b',
    'heute|morgen|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mittag|\\btage',
    'aujourd|demain|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|midi|\\bjours?\\b',
    '\\bhoy\\b|mañana|lunes|martes|miércoles|jueves|viernes|sábado|domingo|mediod|días?\\b',
    'domani|oggi|lunedì|martedì|mercoledì|giovedì|venerdì|vandaag|maandag|dinsdag|woensdag|donderdag',
    'vrijdag|zaterdag|zondag|amanhã|hoje|feira|\\d{1,2}u\\b|\\d{1,2}u\\d{2}',
    // Times in words: "halb zehn", "kwart over tien", "a mezzogiorno", "ao meio-dia", "w południe".
    '(?:halb|viertel (?:nach|vor)|dreiviertel|half|kwart (?:over|voor)) (?:eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|een|twee|drie|vijf|zes|zeven|negen|tien|twaalf)|mezzogiorno|meio-dia|południe',
    'måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|imorgon|\\bkl\\.?\\s?\\d|\\bore\\s\\d',
    'poniedziałek|wtorek|środ|czwartek|piątek|sobot|niedziel|jutro|pojutrze|godz',
    // Japanese and Chinese: 1月19日, 15時, 午後, 下午, 明日, 明天.
    '\\d\\s?[月日時时]|[上下]午|午[前後]|明日|明天|後天|后天|今日|今天',
  ].join('|'),
);
// Tested on lower-cased text: a case-blind alternation this long is several times slower.
const DATE_HINT_CASED = new RegExp(DATE_HINT.source, 'i');

// "de 14:00 a 15:00", "desde las 14:00 hasta las 15:00": chrono's Spanish locale misses these ranges.
const SPANISH_RANGE =
  /\b(de|desde)(\s{1,3}las?)?(\s{1,3}\d{1,2}(?::\d{2})?(?:\s?h(?:rs|oras)?)?\s{1,3})(a|hasta)(\s{1,3}las?)?(?=\s{1,3}\d)/giu;

interface Segment {
  reduced: number;
  original: number;
  length: number;
}

/** The lines that could hold a date, joined, and where each came from in the original text. */
export interface DateLines {
  text: string;
  segments: Segment[];
}

/** Keeps the lines (long ones in pieces) that could hold a date; neighbours stay joined as they were. */
export function dateLines(text: string): DateLines {
  let reduced = '';
  const segments: Segment[] = [];
  let position = 0;
  // Lower-cased once when that keeps every position (a few letters grow when lower-cased).
  const lowered = text.toLowerCase();
  const lower = lowered.length === text.length ? lowered : null;
  while (position < text.length && reduced.length < MAX_CANDIDATE_CHARS) {
    const newline = text.indexOf('\n', position);
    const lineEnd = newline === -1 ? text.length : newline;
    for (let from = position; from < lineEnd && reduced.length < MAX_CANDIDATE_CHARS; from += MAX_PIECE) {
      const piece = text.slice(from, Math.min(lineEnd, from + MAX_PIECE));
      if (!(lower ? DATE_HINT.test(lower.slice(from, from + piece.length)) : DATE_HINT_CASED.test(piece)))
        continue;
      const last = segments[segments.length - 1];
      const lastEnd = last ? last.original + last.length : -2;
      if (last && lastEnd === from) {
        last.length += piece.length;
      } else if (last && lastEnd === from - 1 && text[lastEnd] === '\n') {
        last.length += piece.length + 1;
        reduced += '\n';
      } else {
        if (last) reduced += '\n';
        segments.push({ reduced: reduced.length, original: from, length: piece.length });
      }
      reduced += piece;
    }
    position = lineEnd + 1;
  }
  return { text: reduced, segments };
}

/** Where a position in the kept lines was in the original text. */
export function originalIndex(lines: DateLines, index: number): number {
  for (let i = lines.segments.length - 1; i >= 0; i--) {
    const segment = lines.segments[i];
    if (segment && index >= segment.reduced) {
      return segment.original + Math.min(index - segment.reduced, segment.length);
    }
  }
  return 0;
}

/** Rewrites "de 14:00 a 15:00" as "de 14:00 - 15:00" without moving any character. */
export function normaliseSpanishRanges(text: string): string {
  return text.replace(SPANISH_RANGE, (_all, de: string, las1 = '', time: string, join: string, las2 = '') => {
    const dash = join.length === 1 ? '-' : `${' '.repeat(join.length - 3)} - `.slice(-join.length);
    return `${de}${' '.repeat(las1.length)}${time}${dash}${' '.repeat(las2.length)}`;
  });
}

// A numeric date: day and month (either order), then an optional year; never part of a longer number,
// a time ("10-11am", "10/11:30") or an ISO date.
const NUMERIC_DATE = /(?<![\d./:-])(\d{1,2})([/.-])(\d{1,2})(\2\d{4}|\2\d{2})?(?![\d:]|\s?[ap]\.?m\b)/gi;

/**
 * Numeric dates rewritten month-first without moving any character: "21/01/2027" as "01/21/2027" when
 * the writer puts the day first, and "13.10.2026" always (dotted dates are day-first wherever they are
 * written). Dashed and dotted ones need their year, else they are ranges or times ("10-11", "9.45").
 */
export function monthFirst(text: string, dayFirst: boolean): string {
  return text.replace(NUMERIC_DATE, (all, first: string, separator: string, second: string, year = '') => {
    if (separator !== '/' && !year) return all;
    if (separator !== '.' && !dayFirst) return all;
    return `${second}${separator}${first}${year}`;
  });
}

// "13 h 30", as Québec and much of France write it: chrono reads "13 h" and drops the minutes.
const SPACED_FRENCH_TIME = /(?<![\d:])(\d{1,2})\s?h\s(\d{2})(?![\d:])/g;

/** Rewrites "13 h 30" as "13h30" padded with spaces, without moving what follows. */
export function normaliseFrenchTimes(text: string): string {
  return text.replace(SPACED_FRENCH_TIME, (all, hour: string, minutes: string) =>
    `${hour}h${minutes}`.padEnd(all.length, ' '),
  );
}

// A clock time written with a dot ("14.00 Uhr", "alle ore 15.30", "om 10.15 uur", "kl. 9.30", "2.30pm"),
// as much of Europe writes it: the locales read only "14:00". Only a dot with a time word before or after
// it is a time; a bare "3.03" may be a date or a number.
const DOTTED_TIME_BEFORE =
  /(?<![\p{L}\d])(?:um|ab|von|bis|ore|alle|dalle|entre|om|van|tot|kl\.?|klockan|godz\.?|godzinie|o|às|as|das|at|from|à|a las|desde|hasta|dès)\s{1,3}(\d{1,2})\.([0-5]\d)(?![\d.]|\.\d)/giu;
const DOTTED_TIME_AFTER = /(?<![\d.:])(\d{1,2})\.([0-5]\d)(?=\s?(?:uhr|uur|u\b|h\b|hrs?\b|[ap]\.?m\b|น))/giu;
const DOTTED_ANY = /\d\.[0-5]\d/;
const DOTTED_RANGE_START = /(?<![\d.:])(\d{1,2})\.([0-5]\d)(?=\s{0,3}[-–—]\s{0,3}\d{1,2}:\d{2})/gu;

/** Rewrites dotted clock times as "14:00" without moving any character. */
export function normaliseDottedTimes(text: string): string {
  if (!DOTTED_ANY.test(text)) return text;
  const colon = (all: string, hour: string, minutes: string) =>
    Number(hour) <= 23 ? all.replace(`${hour}.${minutes}`, `${hour}:${minutes}`) : all;
  return text
    .replace(DOTTED_TIME_BEFORE, colon)
    .replace(DOTTED_TIME_AFTER, colon)
    .replace(DOTTED_RANGE_START, colon);
}

// A day and month with the trailing dot and no year ("Montag, 22.3.", "am 18.03.", "Termin: 7.4."), as German
// and its neighbours write them: the locales read "18.03" as the time 18:03, or nothing. Only after a weekday
// or a word that leads a date, so a time ending a sentence ("Beginn 9.05.") stays a time.
const DOTTED_DAY = /(?<![\d.:])(\d{1,2})\.(\d{1,2})\.(?![\d.:])/g;
const DATE_WORD_BEFORE = new RegExp(
  `(?<![\\p{L}\\d])(?:${[
    'montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|mo|di|mi|do|fr|sa|so|am|den|dem|vom|zum',
    'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|mer|jeu|ven|sam|dim|le|du',
    'lunes|martes|miércoles|jueves|viernes|sábado|domingo|el',
    'lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|il',
    'maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|op',
    'segunda|terça|quarta|quinta|sexta|feira|dia',
    'måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag',
    'datum|termin|data|fecha|date',
  ].join('|')})[.:]?,?\\s{1,3}(?:den\\s{1,3})?$`,
  'iu',
);
const DATE_WORD_WINDOW = 24;
const DOTTED_DAY_ANY = /\d\.\d{1,2}\.(?!\d)/;

/** Rewrites "22.3." as "22/3 " (a day-first numeric date, which the locales read) without moving any character. */
export function normaliseDottedDays(text: string): string {
  if (!DOTTED_DAY_ANY.test(text)) return text;
  return text.replace(DOTTED_DAY, (all, day: string, month: string, at: number) => {
    const d = Number(day);
    const m = Number(month);
    const dated = DATE_WORD_BEFORE.test(text.slice(Math.max(0, at - DATE_WORD_WINDOW), at));
    return dated && d >= 1 && d <= 31 && m >= 1 && m <= 12 ? `${day}/${month} ` : all;
  });
}

// An hour after a comma with a time word ("Freitag, 26. Februar, 10 Uhr", "26 de febrero, 10 h", "26 February,
// 10 o'clock"): the locales take the bare number after the comma for a year (2010) and lose the time.
const COMMA_HOUR =
  /(?<=[\p{L}\d.])\s?,\s{0,2}(\d{1,2})\s?(?:uhr|uur|h|hrs?|heures?|horas?|ore|godz\.?|o'clock|o’clock)(?![\p{L}\d])/giu;
const COMMA_HOUR_ANY = /,\s{0,2}\d{1,2}\s?[uhog]/i;

/** Rewrites ", 10 Uhr" as " 10:00" padded with spaces, without moving what follows. */
export function normaliseCommaHours(text: string): string {
  if (!COMMA_HOUR_ANY.test(text)) return text;
  return text.replace(COMMA_HOUR, (all, hour: string) => {
    const clock = ` ${hour}:00`;
    return Number(hour) <= 23 && clock.length <= all.length ? clock.padEnd(all.length, ' ') : all;
  });
}

const GERMAN_HOURS = [
  'eins',
  'zwei',
  'drei',
  'vier',
  'fünf',
  'sechs',
  'sieben',
  'acht',
  'neun',
  'zehn',
  'elf',
  'zwölf',
];
const DUTCH_HOURS = [
  'een',
  'twee',
  'drie',
  'vier',
  'vijf',
  'zes',
  'zeven',
  'acht',
  'negen',
  'tien',
  'elf',
  'twaalf',
];
/** Minutes from the named hour: "halb zehn" is half an hour before ten, "kwart over tien" a quarter after. */
const SPOKEN_OFFSETS: Readonly<Record<string, number>> = {
  halb: -30,
  'viertel nach': 15,
  'viertel vor': -15,
  dreiviertel: -15,
  half: -30,
  'kwart over': 15,
  'kwart voor': -15,
};
const SPOKEN_TIME = new RegExp(
  `(?<![\\p{L}])(halb|viertel nach|viertel vor|dreiviertel|half|kwart over|kwart voor)\\s(${[...GERMAN_HOURS, ...DUTCH_HOURS].join('|')})(?![\\p{L}])`,
  'giu',
);
// Noon in words: "à midi" (not "après-midi"), "a mezzogiorno", "al mediodía", "ao meio-dia", "w południe".
const NOON = /(?<![\p{L}-])(?:a\s)?(?:midi|mezzogiorno|mediod[ií]a|meio-dia|południe)(?![\p{L}-])/giu;
const SPOKEN_ANY = /halb|viertel|half|kwart|midi|mezzogiorno|mediod|meio-dia|południe/i;
// An hour said alone is in office hours: "halb drei" is 14:30, never 2:30 at night.
const FIRST_OFFICE_HOUR = 7;

/**
 * Rewrites clock times said in words as digits, without moving what follows: German and Dutch quarter
 * and half hours ("um halb zehn" → 9:30, "kwart over tien" → 10:15) and noon in the Romance languages
 * and Polish ("à midi", "w południe" → 12:00, "12h" where French needs it to fit).
 */
export function normaliseSpokenTimes(text: string): string {
  if (!SPOKEN_ANY.test(text)) return text;
  return text
    .replace(SPOKEN_TIME, (all, how: string, word: string) => {
      const lower = word.toLowerCase();
      const named = (GERMAN_HOURS.indexOf(lower) + 1 || DUTCH_HOURS.indexOf(lower) + 1) % 12 || 12;
      const minutes = named * 60 + (SPOKEN_OFFSETS[how.toLowerCase().replace(/\s+/g, ' ')] ?? 0);
      let hour = Math.floor(minutes / 60);
      if (hour < FIRST_OFFICE_HOUR) hour += 12;
      return `${hour}:${String(minutes % 60).padStart(2, '0')}`.padEnd(all.length, ' ');
    })
    .replace(NOON, (all: string) => {
      // Italian reads a time after "alle", not after "a".
      if (/^a\s/i.test(all)) return 'alle 12:00'.padEnd(all.length, ' ');
      return all.length >= 5 ? '12:00'.padEnd(all.length, ' ') : '12h'.padEnd(all.length, ' ');
    });
}
