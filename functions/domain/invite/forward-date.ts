import { isSpaceCode } from './forward-headers.js';

/**
 * Reads the date line of a forwarded header block ("Date:", "Sent:", "Datum:", "Envoyé :", …) as mail
 * clients write it in many languages: "Mon, Nov 30, 2026 at 4:02 PM", "Montag, 30. November 2026 um 16:02",
 * "lundi 30 novembre 2026 16:02", "30/11/2026 16:02", RFC 5322, ISO. Deliberately small: month names per
 * language, a time, an optional zone; everything else (weekdays, "at", "um", "kl.") is ignored.
 */

export interface ForwardedDate {
  /** ISO-8601 UTC instant. */
  iso: string;
  /** The offset the time was read in: the stated zone, else the fallback offset. */
  offsetMinutes: number;
  /** Whether the line itself stated the zone. */
  zoneStated: boolean;
}

export interface ForwardedDateOptions {
  /** Offset to read the time in when the line states no zone (the forward's own Date offset). */
  fallbackOffsetMinutes: number | null;
  /** The forward's own date: an original cannot be younger, which settles day/month order when ambiguous. */
  notAfter?: string | null;
}

const MAX_INPUT = 200;

// Module scope: a `\p{…}` literal inside a function is rebuilt on every call once bundled.
const MARKS = /\p{M}/gu;
const LETTER_RUNS = /\p{L}+/gu;
const WORD_TOKENS = /[\p{L}]+|\d+/gu;

/** Whether a word is made of the letters A to Z alone, either case (as /^[A-Za-z]*$/ tells). */
export function plainLetters(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i) | 0x20;
    if (code < 0x61 || code > 0x7a) return false;
  }
  return true;
}

/** Lower case without diacritics, so "Août", "août" and "aout" meet; Cyrillic loses its breves alike. */
function fold(word: string): string {
  // Plain Latin letters have no marks to shed: lower-casing alone gives the same key.
  if (plainLetters(word)) return word.toLowerCase();
  return word.normalize('NFD').replace(MARKS, '').toLowerCase();
}

// One entry per month: every form clients write (names, genitives, abbreviations) across languages.
// "listopad" is October in Croatian but November in Polish and Czech: the more common reading wins.
// Forms are matched whole (never as prefixes), so "mardi" and "marraskuuta" are not March.
const MONTH_FORMS: readonly string[] = [
  'january jan januar jänner jän janvier janv enero ene gennaio gen janeiro januari tammikuu tammikuuta tammik jaanuar jaan styczeń stycznia sty leden ledna led január januára ianuarie ian siječanj siječnja sij январь января янв січень січня січ ocak oca',
  'february feb februar février févr fév febrero febbraio fevereiro fev februari helmikuu helmikuuta helmik veebruar veebr luty lutego lut únor února úno február februára februarie veljača veljače velj febr февраль февраля фев лютий лютого лют şubat şub',
  'march mar märz mär mrz mars marzo março maart mrt marts maaliskuu maaliskuuta maalisk märts marzec marca březen března bře marec martie ožujak ožujka ožu március márc март марта березень березня бер',
  'april apr avril avr abril aprile aprilie huhtikuu huhtikuuta huhtik aprill kwiecień kwietnia kwi duben dubna dub apríl apríla travanj travnja tra április ápr апрель апреля квітень квітня квіт nisan nis',
  'may mai mayo maggio mag maio mei maj toukokuu toukokuuta toukok maja květen května kvě máj mája svibanj svibnja svi május май мая травень травня трав mayıs',
  'june jun juni juin junio giugno giu junho kesäkuu kesäkuuta kesäk juuni czerwiec czerwca cze červen června čer jún júna iunie iun lipanj lipnja június июнь июня июн червень червня черв haziran haz',
  'july jul juli juillet juil julio luglio lug julho heinäkuu heinäkuuta heinäk juuli lipiec lipca lip červenec července čvc júl júla iulie iul srpanj srpnja július июль июля июл липень липня temmuz tem',
  'august aug août aout agosto ago augustus augusti elokuu elokuuta elok sierpień sierpnia sie srpen srpna srp augusta kolovoz kolovoza kol augusztus август августа авг серпень серпня серп ağustos ağu',
  'september sep sept septembre septiembre setiembre set settembre setembro syyskuu syyskuuta syysk wrzesień września wrz září zář septembra septembrie rujan rujna ruj szeptember szept сентябрь сентября сен сент вересень вересня вер eylül eyl',
  'october oct oktober okt octobre octubre ottobre ott outubro out lokakuu lokakuuta lokak oktoober październik października paź říjen října říj október októbra octombrie октябрь октября окт жовтень жовтня жовт ekim eki',
  'november nov novembre noviembre novembro marraskuu marraskuuta marrask listopad listopada lis listopadu novembra noiembrie noi studeni studenoga stu ноябрь ноября ноя листопад листопада лист kasım kas',
  'december dec dezember dez décembre déc diciembre dic dicembre dezembro desember des joulukuu joulukuuta jouluk detsember dets grudzień grudnia gru prosinec prosince pro decembra decembrie prosinac prosinca decemberben декабрь декабря дек грудень грудня груд aralık ara',
];

const MONTHS = new Map<string, number>();
MONTH_FORMS.forEach((forms, index) => {
  for (const form of forms.split(' ')) {
    const key = fold(form);
    // The first month to claim a form keeps it ("listopad" as November is listed under November only).
    if (!MONTHS.has(key)) MONTHS.set(key, index + 1);
  }
});

/** Zone abbreviations clients print after the time, in minutes east of UTC. */
const ZONES: Record<string, number> = {
  utc: 0,
  gmt: 0,
  wet: 0,
  west: 60,
  bst: 60,
  cet: 60,
  mez: 60,
  sec: 60,
  cest: 120,
  mesz: 120,
  selc: 120,
  eet: 120,
  oez: 120,
  eest: 180,
  oesz: 180,
  msk: 180,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  mst: -420,
  mdt: -360,
  pst: -480,
  pdt: -420,
  akst: -540,
  akdt: -480,
  hst: -600,
  jst: 540,
  kst: 540,
  sgt: 480,
  hkt: 480,
  aest: 600,
  aedt: 660,
};

const OFFSET = /(?:\b(?:gmt|utc|ut))?\s?([+-])(\d{1,2})(?::?(\d{2}))?\b/i;
const ISO_DATE =
  /\b(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s?(Z|[+-]\d{2}:?\d{2})?/i;
const NUMERIC_DATE = /\b(\d{1,4})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{2,4})\b/;
const CJK_DATE = /(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日/;
// "16:02", "16.02", "16h02", "4:02:09 PM"; never "26. 14" (a day then an hour).
const TIME = /\b(\d{1,2})(?:[:.]|\s?h\s?)(\d{2})(?:[:.](\d{2}))?(?:\s?([ap])\.?m\.?(?!\p{L}))?/iu;

/** `text.replace(/\s+/g, ' ').trim()`, without rewriting a line whose spaces are single already. */
function squeezeSpaces(text: string): string {
  let previousSpace = true;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x20 && code < 0xa0) previousSpace = false;
    else if (!isSpaceCode(code)) previousSpace = false;
    else if (previousSpace || code !== 0x20) return text.replace(/\s+/g, ' ').trim();
    else previousSpace = true;
  }
  return previousSpace && text.length > 0 ? text.replace(/\s+/g, ' ').trim() : text;
}

interface Parts {
  year: number;
  month: number;
  day: number;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month of the Gregorian calendar (month 1 to 12). */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1] as number;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function validDay(parts: Parts): boolean {
  if (parts.year < 1990 || parts.year > 2100 || parts.month < 1 || parts.month > 12 || parts.day < 1)
    return false;
  return parts.day <= daysInMonth(parts.year, parts.month);
}

function fullYear(value: number): number {
  return value < 100 ? 2000 + value : value;
}

/** The date named by numbers only ("28/10/2021", "2021-10-28", "27. 10. 2021"): both readings when ambiguous. */
function numericDates(match: RegExpMatchArray, monthFirst: boolean): Parts[] {
  const [a, b, c] = [Number(match[1]), Number(match[3]), Number(match[4])];
  if ((match[1] ?? '').length === 4) return [{ year: a, month: b, day: c }];
  const dayFirst = { year: fullYear(c), month: b, day: a };
  const monthFirstParts = { year: fullYear(c), month: a, day: b };
  return monthFirst ? [monthFirstParts, dayFirst] : [dayFirst, monthFirstParts];
}

/** Whether the text holds one of the marks a numbers-only date is written with ("/", ".", "-"). */
function hasDateSeparator(text: string): boolean {
  return text.includes('/') || text.includes('.') || text.includes('-');
}

/** "14.25.08" is a time, not a date: a numbers-only date has a four-digit year or slashes. */
function plausibleNumericDate(match: RegExpMatchArray | null): RegExpMatchArray | null {
  if (!match) return null;
  const fourDigitYear = (match[1] ?? '').length === 4 || (match[4] ?? '').length === 4;
  return fourDigitYear || match[2] === '/' ? match : null;
}

/** Whether a token (a run of letters or of digits) is a number of one or two digits. */
function shortNumber(token: string | undefined): boolean {
  if (token === undefined || token.length > 2) return false;
  const code = token.charCodeAt(0);
  return code >= 0x30 && code <= 0x39;
}

/** Day, month and year from words and loose numbers ("Wed, Oct 27, 2021", "2021. október 26."). */
function wordDate(tokens: readonly string[]): Parts | null {
  let year: number | null = null;
  let month: number | null = null;
  let monthAt = -1;
  let day: number | null = null;
  let dayDistance = Number.POSITIVE_INFINITY;
  const numbers: { value: number; at: number }[] = [];
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at] as string;
    const code = token.charCodeAt(0);
    if (code >= 0x30 && code <= 0x39) {
      const value = Number(token);
      if (token.length === 4 && year === null) year = value;
      else if (token.length <= 2) numbers.push({ value, at });
      continue;
    }
    const candidate = MONTHS.get(fold(token));
    if (candidate === undefined) continue;
    // A weekday can look like a month ("mar" is Tuesday in Spanish): the month sits next to the day.
    const besideDay = shortNumber(tokens[at - 1]) || shortNumber(tokens[at + 1]);
    const currentBeside =
      monthAt >= 0 && (shortNumber(tokens[monthAt - 1]) || shortNumber(tokens[monthAt + 1]));
    if (month === null || besideDay || !currentBeside) {
      month = candidate;
      monthAt = at;
    }
  }
  if (year === null || month === null) return null;
  // The day is the number from 1 to 31 nearest the month (the first of equals).
  for (const number of numbers) {
    if (number.value < 1 || number.value > 31) continue;
    const distance = Math.abs(number.at - monthAt);
    if (distance < dayDistance) {
      day = number.value;
      dayDistance = distance;
    }
  }
  return day !== null ? { year, month, day } : null;
}

/**
 * The zone the rest of the line states. `tokens` are its runs of letters and of digits when already cut
 * (its runs of letters are the same as LETTER_RUNS finds: a digit is no letter).
 */
function readZone(rest: string, tokens: readonly string[] | null): number | null {
  // An offset has its sign: a line without one states none (and the pattern is not run).
  const offset = rest.includes('+') || rest.includes('-') ? rest.match(OFFSET) : null;
  if (offset) {
    const hours = Number(offset[2]);
    const minutes = Number(offset[3] ?? 0);
    // "+0100" arrives as hours "01" and minutes "00"; "GMT+3" as hours "3".
    if (hours <= 14 && minutes < 60) return (offset[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  for (const word of tokens ?? rest.match(LETTER_RUNS) ?? []) {
    const code = word.charCodeAt(0);
    if (word.length > 5 || (code >= 0x30 && code <= 0x39)) continue;
    const zone = ZONES[fold(word)];
    if (zone !== undefined) return zone;
  }
  return null;
}

interface Clock {
  hour: number;
  minute: number;
  second: number;
}

function readClock(
  hours: string | undefined,
  minutes: string | undefined,
  seconds: string | undefined,
  meridiem: string | undefined,
): Clock | null {
  if (hours === undefined || minutes === undefined) return null;
  let hour = Number(hours);
  const minute = Number(minutes);
  const second = Number(seconds ?? 0);
  const half = meridiem?.toLowerCase();
  if (half === 'p' && hour < 12) hour += 12;
  if (half === 'a' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { hour, minute, second };
}

function toInstant(parts: Parts, clock: Clock | null, offsetMinutes: number): number {
  // Without a time of day, noon keeps the calendar day right whatever the zone.
  const time = clock ?? { hour: 12, minute: 0, second: 0 };
  return (
    Date.UTC(parts.year, parts.month - 1, parts.day, time.hour, time.minute, time.second) -
    offsetMinutes * 60_000
  );
}

/** The instant a forwarded header block's date line names, or null when it cannot be read. */
export function parseForwardedDate(
  raw: string | null | undefined,
  options: ForwardedDateOptions,
): ForwardedDate | null {
  if (!raw) return null;
  let text = squeezeSpaces(raw.slice(0, MAX_INPUT));
  if (!text) return null;

  // ISO 8601 first: its dashes and "T" would confuse the looser reading below.
  // Each shape of date is looked for only where a character it must hold stands in the line.
  const iso = text.includes('-') ? text.match(ISO_DATE) : null;
  let dates: Parts[] = [];
  let clock: Clock | null = null;
  let tokens: string[] | null = null;
  if (iso) {
    dates = [{ year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }];
    clock = readClock(iso[4], iso[5], iso[6], undefined);
    const zone = iso[7]?.toUpperCase() === 'Z' ? 'UTC' : (iso[7] ?? '');
    text = `${text.slice(0, iso.index)} ${zone} ${text.slice((iso.index ?? 0) + iso[0].length)}`;
  } else {
    const cjk = text.includes('年') ? text.match(CJK_DATE) : null;
    const numeric = cjk || !hasDateSeparator(text) ? null : plausibleNumericDate(text.match(NUMERIC_DATE));
    const dateMatch = cjk ?? numeric;
    // Numbers-only dates come out of the text before the time is looked for: "27.10.2021" is no clock.
    const withoutDate = dateMatch
      ? `${text.slice(0, dateMatch.index)} ${text.slice((dateMatch.index ?? 0) + dateMatch[0].length)}`
      : text;
    const timeMatch = withoutDate.match(TIME);
    clock = readClock(timeMatch?.[1], timeMatch?.[2], timeMatch?.[3], timeMatch?.[4]);
    const meridiem = Boolean(timeMatch?.[4]);
    text = timeMatch
      ? `${withoutDate.slice(0, timeMatch.index)} ${withoutDate.slice((timeMatch.index ?? 0) + timeMatch[0].length)}`
      : withoutDate;
    if (cjk) dates = [{ year: Number(cjk[1]), month: Number(cjk[2]), day: Number(cjk[3]) }];
    // A 12-hour clock marks a US writer, who puts the month first.
    else if (numeric) dates = numericDates(numeric, meridiem);
    else {
      tokens = text.match(WORD_TOKENS) ?? [];
      const words = wordDate(tokens);
      if (words) dates = [words];
    }
  }

  const stated = readZone(text, tokens);
  const offsetMinutes = stated ?? options.fallbackOffsetMinutes ?? 0;
  const readings = dates.filter(validDay).map((parts) => toInstant(parts, clock, offsetMinutes));
  // An original sent after its own forward is a misreading; the other order of day and month may fit.
  // (With one reading or none there is nothing to choose, and the forward's date is not read.)
  const notAfter = readings.length > 1 && options.notAfter ? Date.parse(options.notAfter) : Number.NaN;
  const plausible = Number.isNaN(notAfter)
    ? readings[0]
    : (readings.find((at) => at <= notAfter + 86_400_000) ?? readings[0]);
  if (plausible === undefined) return null;
  return { iso: isoString(plausible), offsetMinutes, zoneStated: stated !== null };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * `new Date(ms).toISOString()`, written out from the day count (the civil-from-days conversion of the
 * proleptic Gregorian calendar) without building a Date; years outside 1000–9999 are left to Date.
 */
export function isoString(ms: number): string {
  const days = Math.floor(ms / 86_400_000);
  const era = Math.floor((days + 719_468) / 146_097);
  const dayOfEra = days + 719_468 - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999 || !Number.isFinite(ms)) return new Date(ms).toISOString();
  const time = ms - days * 86_400_000;
  const hour = Math.floor(time / 3_600_000);
  const minute = Math.floor((time % 3_600_000) / 60_000);
  const second = Math.floor((time % 60_000) / 1000);
  return `${year}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(time % 1000, 3)}Z`;
}
