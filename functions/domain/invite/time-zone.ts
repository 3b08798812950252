import { isSpaceCode } from './forward-headers.js';
import { isValidZoneName, offsetAt, wallToInstant } from './time-offsets.js';
import { windowsDisplayNameToIana } from './windows-zones.js';
import {
  ABBREVIATION_OFFSETS,
  type AbbreviationReading,
  AMBIGUOUS_ABBREVIATIONS,
  CJK_ZONE_PHRASES,
  COUNTRY_ZONES,
  LANGUAGE_ZONES,
  REGION_PHRASES,
  WIDE_COUNTRIES,
  ZONE_ABBREVIATIONS,
  ZONE_CITIES,
  ZONE_PHRASES,
} from './zone-words.js';

/** A clock named in the text: an IANA zone, or a fixed offset when only "GMT+2" was written. */
export type StatedZone =
  | {
      kind: 'iana';
      name: string;
      /** Named by a region word ("CET", "Eastern Time"), not a place: the sender's own city may stand for it. */
      generic?: boolean;
      /** The abbreviation it was read from ("EST"), whose own offset may not be the zone's on the day. */
      abbreviation?: string;
    }
  | { kind: 'fixed'; offsetMinutes: number };

export interface ZoneHints {
  /** Top-level domain of the sender's address ("uk" for example.co.uk), lower case. */
  tld: string | null;
  senderOffsetMinutes: number | null;
  /** Domains of the invite's other addresses (Reply-To, the calendar's organizer), when the sender's says nothing. */
  otherTlds?: readonly string[];
}

interface Mention {
  index: number;
  length: number;
  zone: StatedZone;
  /** A zone word that names nothing else ("日本時間"): it counts anywhere on the time's line. */
  unmistakable?: boolean;
}

const NUMERIC = /(?<![\p{L}\p{N}])(?:UTC|GMT)\s?([+\-−–])\s?(\d{1,2})(?::?(\d{2}))?(?!\d)/giu;
// Also a schedule's column header: "Time (CT) | Session | With".
const ZONE_LINE =
  /(?:time ?zone|zeitzone|fuseau horaire|zona horaria|all times(?: are)?(?: shown| listed| given)?(?: in)?|alle (?:uhr)?zeiten(?: sind)?(?: in)?|\b(?:times?|uhrzeit|heure|hora|horário|orario)(?=[ \t]?\())[ \t]*:?[ \t]*\(?/giu;
// What may stand between a time and its zone: "2:00 PM (", "14:00 Uhr ", "15h, ", "10am in ".
const TIME_TAIL =
  /(?:\d|(?<!\p{L})(?:[ap]\.?m\.?|uhr|uur|ore|hrs?|horas?|heures?|noon|midday|midnight|mittags?|midi|mediod[ií]a)|(?<=\d)h)[\s([,;:./–—-]*(?:(?:in|en|im|uhr|hrs?|horas|(?:my|our|your|local)\s+time)[\s([,.]*)?$/iu;
/** An IANA zone name written out, as scheduling tools do: "16:00 – 16:45 (Europe/Berlin)". */
const IANA_NAME =
  /(?<![\p{L}\p{N}/])(?:Africa|America|Asia|Atlantic|Australia|Europe|Indian|Pacific)\/[A-Z][A-Za-z_-]{1,30}(?:\/[A-Z][A-Za-z_-]{1,30})?/gu;
const CJK = /[\u3040-\u30ff\u4e00-\u9fff]/;
const UTC_OR_GMT = /utc|gmt/i;

const WINDOW_AFTER = 100;
const MAX_CITY_SCAN = 6_000;
const MAX_CITIES = 8;
const MAX_ZONE_LINES = 20;

/** A word of the text as zone phrases are keyed: lower case, outer brackets and punctuation dropped. */
interface Token {
  word: string;
  /** The same, in its own case (abbreviations are matched case-sensitively). */
  raw: string;
  start: number;
  end: number;
}

/** What separates words, as `\s` and "/" do in a regular expression. */
function isSeparator(code: number): boolean {
  return code === 0x2f || isSpaceCode(code);
}
/** Brackets, quotes and punctuation around a word, by character code (a lookup per character, no strings). */
const OUTER = new Set([...'([{"\'«“‘)]}»”’,;:.!?'].map((char) => char.charCodeAt(0)));
/** Abbreviations as a map: one lookup per word of the text, never an inherited property. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(Object.entries(ZONE_ABBREVIATIONS));

/** A table entry by key, never an inherited property such as "constructor". */
function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The country of the sender, else of another of the invite's addresses, as its domain names it. */
function countryOf(hints: ZoneHints): string | null {
  if (hints.tld && own(COUNTRY_ZONES, hints.tld)) return hints.tld;
  for (const tld of hints.otherTlds ?? []) {
    if (tld && own(COUNTRY_ZONES, tld)) return tld;
  }
  return null;
}

/** The zones of the sender's country (its usual one first). */
export function countryZones(hints: ZoneHints): readonly string[] {
  const country = countryOf(hints);
  return country ? (own(COUNTRY_ZONES, country) ?? []) : [];
}

/** The clock most of the sender's country keeps, unless its people keep several (the US, Brazil). */
export function homeZone(hints: ZoneHints): string | null {
  const country = countryOf(hints);
  return country && !WIDE_COUNTRIES.has(country) ? (own(COUNTRY_ZONES, country)?.[0] ?? null) : null;
}

/** The zones where a language is mostly written. */
export function languageZones(language: string): readonly string[] {
  return own(LANGUAGE_ZONES, language) ?? [];
}

/**
 * The word text[from, to) without its outer brackets and punctuation ("(PST)," → "PST"), trimmed by
 * index, not by regex.
 */
function trimOuter(text: string, from = 0, to = text.length): { from: number; to: number } {
  while (from < to && OUTER.has(text.charCodeAt(from))) from++;
  while (to > from && OUTER.has(text.charCodeAt(to - 1))) to--;
  return { from, to };
}

function normaliseWord(word: string): string {
  const { from, to } = trimOuter(word);
  return word.slice(from, to).replace(/’/g, "'");
}

/** Words with their positions, as zone phrases are keyed: runs between separators, outer punctuation dropped. */
function tokenise(text: string): Token[] {
  const found: Token[] = [];
  let at = 0;
  while (at < text.length) {
    while (at < text.length && isSeparator(text.charCodeAt(at))) at++;
    let end = at;
    while (end < text.length && !isSeparator(text.charCodeAt(end))) end++;
    const { from, to } = trimOuter(text, at, end);
    at = end;
    if (from === to) continue;
    const slice = text.slice(from, to);
    const raw = slice.includes('’') ? slice.replace(/’/g, "'") : slice;
    found.push({ word: raw.toLowerCase(), raw, start: from, end: from + raw.length });
  }
  return found;
}

/** Phrases keyed by their normalised words, with the longest phrase starting at each first word. */
interface PhraseIndex<T> {
  phrases: Map<string, T>;
  longest: Map<string, number>;
  /** The length of the longest first word: a longer word starts no phrase and is not looked up. */
  longestFirst: number;
}

function phraseIndex<T>(entries: Iterable<[string, T]>): PhraseIndex<T> {
  const phrases = new Map<string, T>();
  const longest = new Map<string, number>();
  for (const [phrase, value] of entries) {
    const words = phrase
      .split(/[\s/]+/)
      .map((word) => normaliseWord(word).toLowerCase())
      .filter(Boolean);
    const first = words[0];
    if (!first) continue;
    const key = words.join(' ');
    if (!phrases.has(key)) phrases.set(key, value);
    longest.set(first, Math.max(longest.get(first) ?? 0, words.length));
  }
  return { phrases, longest, longestFirst: Math.max(0, ...[...longest.keys()].map((word) => word.length)) };
}

/** The longest phrase starting at token `at`: its value and how many tokens it spans. */
function phraseAt<T>(index: PhraseIndex<T>, tokens: Token[], at: number): { value: T; words: number } | null {
  const first = tokens[at];
  const most = first && first.word.length <= index.longestFirst ? index.longest.get(first.word) : undefined;
  if (!first || most === undefined) return null;
  // The keys of the phrases starting here, built word by word: the longest one that names a phrase wins.
  let key = first.word;
  let found: { value: T; words: number } | null = null;
  for (let words = 1; words <= Math.min(most, tokens.length - at); words++) {
    if (words > 1) key = `${key} ${tokens[at + words - 1]?.word ?? ''}`;
    const value = index.phrases.get(key);
    if (value !== undefined) found = { value, words };
  }
  return found;
}

const PHRASES = phraseIndex(
  [...ZONE_PHRASES].map(([phrase, zone]): [string, { zone: string; generic: boolean }] => [
    phrase,
    { zone, generic: REGION_PHRASES.has(phrase) },
  ]),
);
const CITIES = phraseIndex(Object.entries(ZONE_CITIES));
/**
 * A letter of a lower-cased word, for finding the cities a text names: letters only (so "QLD 4006" and
 * "Bogotá," match). The cities are written in Latin letters (Latin-1 and Latin Extended-A and B), told by
 * character code.
 */
function isCityLetter(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0xdf && code <= 0x24f && code !== 0xf7);
}
/**
 * A word's first three characters as one small integer (0 for a character beyond its end), ten bits of each:
 * words that share a head may start a city, words with another head cannot.
 */
function headOf(text: string, start: number, end: number): number {
  const second = start + 1 < end ? text.charCodeAt(start + 1) & 0x3ff : 0;
  const third = start + 2 < end ? text.charCodeAt(start + 2) & 0x3ff : 0;
  return ((text.charCodeAt(start) & 0x3ff) << 20) | (second << 10) | third;
}
/** Heads as a set, behind a bit table of their hashes: most words' heads miss the table and are never hashed again. */
interface HeadSet {
  has(head: number): boolean;
}
const HEAD_TABLE_BITS = 16;

function headSet(heads: Iterable<number>): HeadSet {
  const set = new Set(heads);
  const table = new Uint8Array(1 << HEAD_TABLE_BITS);
  const slot = (head: number) => Math.imul(head, 0x9e3779b1) >>> (32 - HEAD_TABLE_BITS);
  for (const head of set) table[slot(head)] = 1;
  // A head whose slot is empty is in no set: the set is asked only when the slot is taken.
  return { has: (head) => table[slot(head)] === 1 && set.has(head) };
}
/** The heads of the words a city's name starts with: most words of a text start none and are never cut out. */
const CITY_HEADS = headSet([...CITIES.longest.keys()].map((word) => headOf(word, 0, word.length)));
/**
 * The heads of the words a zone phrase or an abbreviation starts with (abbreviations lower-cased: a word is
 * one only if its lower case is one's): a word of the text with another head is looked up in neither.
 */
const ZONE_WORD_HEADS = headSet(
  [...PHRASES.longest.keys(), ...[...ABBREVIATIONS.keys()].map((word) => word.toLowerCase())].map((word) =>
    headOf(word, 0, word.length),
  ),
);
const WINDOWS_DISPLAY_NAME = /\((?:UTC|GMT)\s?(?:[+\-−]\s?\d{1,2}:\d{2})?\)[^\n(]*/g;

function iana(name: string, generic = false, abbreviation?: string): StatedZone {
  // Written out rather than spread: one object, its keys always in this order.
  if (abbreviation) {
    return generic ? { kind: 'iana', name, generic, abbreviation } : { kind: 'iana', name, abbreviation };
  }
  return generic ? { kind: 'iana', name, generic } : { kind: 'iana', name };
}

/** Whether a zone keeps this standard or summer offset in a given year (Outlook labels show the standard one). */
function zoneUsesOffset(name: string, offsetMinutes: number, year: number): boolean {
  const { january, july } = seasonOffsets(name, year);
  return offsetMinutes === january || offsetMinutes === july;
}

// How much each clue says for a reading of a shared abbreviation: the sender's own country most, then a city
// named near the date or a phone's calling code, another address's country, and last the Date offset (weak:
// many clients write UTC, which Ireland also keeps in winter).
const SENDER_COUNTRY = 4;
const PLACE_NAMED = 3;
const OTHER_COUNTRY = 2;
const DATE_OFFSET = 1;
/** Evidence this strong settles a reading against rivals that have only a Date offset for them. */
const STRONG_EVIDENCE = PLACE_NAMED;

/**
 * What the clues say for one reading. With the interview's wall-clock time known, the Date offset counts
 * only when the reading's zone keeps it then (a UTC Date in July is not Irish: Ireland is an hour ahead).
 */
function readingEvidence(
  reading: AbbreviationReading,
  hints: ZoneHints,
  places?: Places,
  wall?: WallClock,
): number {
  let evidence = 0;
  if (hints.tld && reading.tlds.includes(hints.tld)) evidence += SENDER_COUNTRY;
  else if (hints.otherTlds?.some((tld) => reading.tlds.includes(tld))) evidence += OTHER_COUNTRY;
  if (places?.cities().includes(reading.zone)) evidence += PLACE_NAMED;
  if (places && reading.codes.some((code) => places.callingCodes().has(code))) evidence += PLACE_NAMED;
  const offset = hints.senderOffsetMinutes;
  if (
    offset !== null &&
    reading.offsets.includes(offset) &&
    (!wall || offsetAt(reading.zone, wallToInstant(wall, reading.zone)) === offset)
  ) {
    evidence += DATE_OFFSET;
  }
  return evidence;
}

/** The reading with most evidence; the usual one (listed first) when none has more. */
function likeliestReading(
  readings: readonly AbbreviationReading[],
  hints: ZoneHints,
  places?: Places,
  wall?: WallClock,
): { reading: AbbreviationReading; evidence: number } | null {
  let best: { reading: AbbreviationReading; evidence: number } | null = null;
  for (const reading of readings) {
    const evidence = readingEvidence(reading, hints, places, wall);
    if (!best || evidence > best.evidence) best = { reading, evidence };
  }
  return best;
}

function abbreviationZone(word: string, hints: ZoneHints): string | null {
  const zone = ABBREVIATIONS.get(word);
  if (zone === undefined) return null;
  const readings = own(AMBIGUOUS_ABBREVIATIONS, word);
  return (readings && likeliestReading(readings, hints)?.reading.zone) ?? zone;
}

const CALLING_CODE = /(?<![\w+])\+\s?(\d{1,3})(?=[\s.(-])/g;

/** The calling codes of the phone numbers a text writes ("+91 80 5550 1234" → "91"). */
export function callingCodes(text: string): Set<string> {
  const codes = new Set<string>();
  if (!text.includes('+')) return codes;
  for (const match of text.slice(0, MAX_CITY_SCAN).matchAll(CALLING_CODE)) {
    if (match[1]) codes.add(match[1]);
  }
  return codes;
}

/** "UTC-05:00", "GMT+2"; when it is an Outlook label ("(UTC+01:00) Amsterdam, Berlin…") the named place wins. */
function numericZone(match: RegExpExecArray, text: string, year: number): Mention | null {
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  if (hours > 14 || minutes % 15 !== 0 || minutes >= 60) return null;
  const offsetMinutes = (match[1] === '+' ? 1 : -1) * (hours * 60 + minutes);
  const after = text.slice(match.index + match[0].length, match.index + match[0].length + 120);
  if (/^\)\s*\S/.test(after)) {
    // A Windows zone's display name names a region ("Dublin, Edinburgh, Lisbon, London" is the UK's clock),
    // which the sender's place may make precise.
    const region = windowsDisplayNameToIana(after.slice(1).split('\n')[0]?.trim() ?? '');
    if (region && zoneUsesOffset(region, offsetMinutes, year))
      return { index: match.index, length: match[0].length, zone: iana(region, true) };
    const rest = tokenise(after.slice(1));
    const name = phraseAt(PHRASES, rest, 0)?.value.zone ?? phraseAt(CITIES, rest, 0)?.value ?? null;
    if (name && zoneUsesOffset(name, offsetMinutes, year)) {
      return { index: match.index, length: match[0].length, zone: iana(name) };
    }
  }
  return { index: match.index, length: match[0].length, zone: { kind: 'fixed', offsetMinutes } };
}

/**
 * The first zone mention of `text` that `accepts` takes, in the text's order (at one place the longest
 * reading first: "UTC-05:00" over "UTC"). The rare kinds (numeric offsets, IANA names, CJK phrases) are
 * found first; the words' mentions are read one by one as the walk reaches them, so none after the one
 * taken is looked up.
 */
function firstMention(
  text: string,
  hints: ZoneHints,
  year: number,
  accepts: (mention: Mention) => boolean,
): Mention | null {
  const rare: Mention[] = [];
  if (UTC_OR_GMT.test(text)) {
    for (const match of text.matchAll(NUMERIC)) {
      const mention = numericZone(match, text, year);
      if (mention) rare.push(mention);
    }
  }
  if (text.includes('/')) {
    for (const match of text.matchAll(IANA_NAME)) {
      if (isValidZoneName(match[0]))
        rare.push({ index: match.index, length: match[0].length, zone: iana(match[0]) });
    }
  }
  if (CJK.test(text)) {
    for (const [phrase, zone] of CJK_ZONE_PHRASES) {
      const at = text.indexOf(phrase);
      if (at >= 0) rare.push({ index: at, length: phrase.length, zone: iana(zone), unmistakable: true });
    }
  }
  // Sorted as one list would be (a stable sort): a rare mention goes before a word's at its place, unless shorter.
  if (rare.length > 1) rare.sort(byPlace);
  let next = 0;
  const tokens = tokenise(text);
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at];
    if (!token || !ZONE_WORD_HEADS.has(headOf(token.word, 0, token.word.length))) continue;
    const mention = wordMention(tokens, at, hints);
    if (!mention) continue;
    for (; next < rare.length; next++) {
      const before = rare[next] as Mention;
      if (before.index > mention.index || (before.index === mention.index && before.length < mention.length))
        break;
      if (accepts(before)) return before;
    }
    if (accepts(mention)) return mention;
  }
  for (; next < rare.length; next++) {
    const after = rare[next] as Mention;
    if (accepts(after)) return after;
  }
  return null;
}

/** The earliest mention first; at one place the longest reading. */
function byPlace(a: Mention, b: Mention): number {
  return a.index - b.index || b.length - a.length;
}

/** The zone a word of the text names, alone or as the first of a phrase ("Pacific Time", "PST"). */
function wordMention(tokens: Token[], at: number, hints: ZoneHints): Mention | null {
  const token = tokens[at] as Token;
  const phrase = phraseAt(PHRASES, tokens, at);
  const last = phrase ? tokens[at + phrase.words - 1] : undefined;
  if (phrase && last) {
    const zone = iana(phrase.value.zone, phrase.value.generic);
    return { index: token.start, length: last.end - token.start, zone };
  }
  const abbreviation = abbreviationZone(token.raw, hints);
  if (!abbreviation) return null;
  return { index: token.start, length: token.raw.length, zone: iana(abbreviation, true, token.raw) };
}

/**
 * The zone written right after the time of a date found at [start, end) in `text`: "2:00 PM PT",
 * "14:00 Uhr (MEZ)", "à 15h (heure de Paris)", "10:00am (Pacific Time - US & Canada) on Tuesday".
 * A zone word counts only where it follows a time, so "our Central office" or a signature's city do not.
 */
export function zoneAfterTime(
  text: string,
  start: number,
  end: number,
  hints: ZoneHints,
  year: number,
): StatedZone | null {
  const lineEnd = text.indexOf('\n', end);
  const windowEnd = Math.min(lineEnd === -1 ? text.length : lineEnd, end + WINDOW_AFTER);
  const window = text.slice(start, windowEnd);
  // Zoom writes a Windows zone's display name right after the time ("09:00 AM Amsterdam, Berlin, Bern, …").
  const rest = text.slice(end, windowEnd).trim();
  if (rest.includes(',')) {
    const region = windowsDisplayNameToIana(rest);
    if (region) return iana(region, true);
  }
  const mention = firstMention(
    window,
    hints,
    year,
    (each) =>
      each.unmistakable === true || TIME_TAIL.test(window.slice(Math.max(0, each.index - 24), each.index)),
  );
  return mention ? mention.zone : null;
}

/** A zone stated apart from the time: "Time zone: Pacific Time - US & Canada", "Zeitzone: MEZ", "all times Eastern". */
export function zoneFromZoneLine(text: string, hints: ZoneHints, year: number): StatedZone | null {
  let looked = 0;
  for (const match of text.matchAll(ZONE_LINE)) {
    if (++looked > MAX_ZONE_LINES) break;
    const from = match.index + match[0].length;
    const first = firstMention(text.slice(from, from + 80), hints, year, () => true);
    if (first && first.index === 0) return first.zone;
  }
  return null;
}

/** Zones of the cities the text names ("our Leiden office", "Milano"), in order of appearance. */
export function cityZones(text: string): string[] {
  const zones: string[] = [];
  // A Windows zone's display name ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome") lists a region's cities,
  // none of them the writer's.
  const head = text.slice(0, MAX_CITY_SCAN);
  const scanned = head.includes('(') ? head.replace(WINDOWS_DISPLAY_NAME, ' ') : head;
  const lower = scanned.toLowerCase();
  // Words are read in one pass, and cut out only where a city may start; a city's further words are read
  // on from there.
  let at = 0;
  while (zones.length < MAX_CITIES) {
    const start = nextCityWord(lower, at);
    if (start === -1) break;
    const end = cityWordEnd(lower, start);
    at = end;
    if (end - start > CITIES.longestFirst || !CITY_HEADS.has(headOf(lower, start, end))) continue;
    const first = lower.slice(start, end);
    const most = CITIES.longest.get(first);
    if (most === undefined) continue;
    let key = first;
    let found: { zone: string; end: number } | null = null;
    let wordEnd = end;
    for (let count = 1; count <= most; count++) {
      if (count > 1) {
        const wordStart = nextCityWord(lower, wordEnd);
        if (wordStart === -1) break;
        wordEnd = cityWordEnd(lower, wordStart);
        key = `${key} ${lower.slice(wordStart, wordEnd)}`;
      }
      const zone = CITIES.phrases.get(key);
      if (zone !== undefined) found = { zone, end: wordEnd };
    }
    if (!found) continue;
    if (!zones.includes(found.zone)) zones.push(found.zone);
    at = found.end;
  }
  return zones;
}

/** Where the next word of a lower-cased text starts, from `from` on (-1 when none does). */
function nextCityWord(lower: string, from: number): number {
  for (let i = from; i < lower.length; i++) if (isCityLetter(lower.charCodeAt(i))) return i;
  return -1;
}

/** Where the word starting at `start` ends. */
function cityWordEnd(lower: string, start: number): number {
  let end = start;
  while (end < lower.length && isCityLetter(lower.charCodeAt(end))) end++;
  return end;
}

/**
 * Where the sender is, best evidence first: their country (address domain), then cities the text names,
 * then the places where the invite's language is written.
 */
export interface Places {
  country: readonly string[];
  /** The country's usual clock, when it has one. */
  home: string | null;
  cities: () => readonly string[];
  /** Calling codes of the phone numbers in the mail ("91" for "+91 80 …"). */
  callingCodes: () => ReadonlySet<string>;
  language: readonly string[];
}

interface Seasons {
  january: number;
  july: number;
}

const SEASON_OFFSETS = new Map<string, Seasons>();
const MAX_SEASON_CACHE = 2_000;

/** A zone's offsets in mid-January and mid-July of a year, cached: they tell whether two zones keep one clock. */
function seasonOffsets(name: string, year: number): Seasons {
  const key = `${name}@${year}`;
  let seasons = SEASON_OFFSETS.get(key);
  if (!seasons) {
    seasons = {
      january: offsetAt(name, Date.UTC(year, 0, 15)),
      july: offsetAt(name, Date.UTC(year, 6, 15)),
    };
    if (SEASON_OFFSETS.size >= MAX_SEASON_CACHE) SEASON_OFFSETS.clear();
    SEASON_OFFSETS.set(key, seasons);
  }
  return seasons;
}

function sameSeasons(a: string, b: string, year: number): boolean {
  const first = seasonOffsets(a, year);
  const second = seasonOffsets(b, year);
  return first.january === second.january && first.july === second.july;
}

/**
 * The first place that fits, most precise evidence first: a city named near the date in the sender's
 * country (Recife in Brazil), the country's own zones in their usual order, other cities, the language's.
 */
function firstPlace(
  places: Places,
  fits: (name: string) => boolean,
  { language = true }: { language?: boolean } = {},
): string | null {
  const inCountry = places.country.filter(fits);
  // One zone of the country fits: no city can say more (and the text need not be scanned for any).
  if (inCountry.length === 1) return inCountry[0] ?? null;
  const cities = places.cities();
  if (inCountry.length > 1) return cities.find((name) => inCountry.includes(name)) ?? inCountry[0] ?? null;
  return cities.find(fits) ?? (language ? places.language.find(fits) : undefined) ?? null;
}

/**
 * A region word made precise by where the sender is: "CET" from a Barcelona company is Europe/Madrid,
 * "11:00 GMT" at a London office in December is Europe/London. Only a place that keeps the same clock
 * takes over (at the interview, and all year unless the word was plain GMT/UTC), so the instant never moves.
 */
export function refineZone(zone: StatedZone, instantMs: number, offset: number, places: Places): StatedZone {
  // A bare offset ("UTC−3") is the clock of the sender's place that shows it that day (São Paulo).
  if (zone.kind === 'fixed') {
    const place = firstPlace(places, (name) => offsetAt(name, instantMs) === offset, { language: false });
    return place ? iana(place) : zone;
  }
  if (!zone.generic) return zone;
  const year = new Date(instantMs).getUTCFullYear();
  const fits = (name: string) =>
    name === zone.name ||
    (offsetAt(name, instantMs) === offset && (zone.name === 'UTC' || sameSeasons(name, zone.name, year)));
  // The zone itself among the sender's places (Mexico City for a Mexican sender) stays as it is.
  const place = firstPlace(places, fits);
  return place && place !== zone.name ? iana(place) : zone;
}

/**
 * The zone of the sender's place (country, else a city the text names) that shows `offsetMinutes` at the
 * instant, and keeps `allYearLike`'s clock all year when given: the sender's own city names a region's zone
 * ("W. Europe Standard Time" from a Dutch sender is Europe/Amsterdam) or a floating time's bare offset.
 * Null when no place fits, or when the zone itself is the sender's.
 */
export function senderPlaceZone(
  instantMs: number,
  offsetMinutes: number,
  hints: ZoneHints,
  text: string,
  allYearLike: string | null,
): string | null {
  const places: Places = {
    country: countryZones(hints),
    home: homeZone(hints),
    cities: () => cityZones(text),
    callingCodes: () => new Set(),
    language: [],
  };
  const year = new Date(instantMs).getUTCFullYear();
  const fits = (name: string) =>
    name === allYearLike ||
    (offsetAt(name, instantMs) === offsetMinutes &&
      (allYearLike === null || sameSeasons(name, allYearLike, year)));
  const place = firstPlace(places, fits, { language: false });
  return place && place !== allYearLike ? place : null;
}

/** Whether two zones keep the same clock all year (Amsterdam and Berlin; not New York and Los Angeles). */
export function sameClock(a: string, b: string, instantMs: number): boolean {
  return a === b || sameSeasons(a, b, new Date(instantMs).getUTCFullYear());
}

/**
 * The sender's own clock when the text names none: the zone of a place of theirs that showed the same
 * offset as their Date header did (so a later daylight-saving change is still right), else that offset.
 */
export function senderZone(hints: ZoneHints, referenceMs: number | null, places: Places): StatedZone | null {
  const offset = hints.senderOffsetMinutes;
  if (offset !== null && referenceMs !== null) {
    const showsOffset = (name: string) => offsetAt(name, referenceMs) === offset;
    const place = firstPlace(places, showsOffset, { language: false });
    if (place) return iana(place);
    const spoken = places.language.filter(showsOffset);
    if (spoken.length === 1 && spoken[0]) return iana(spoken[0]);
  }
  // No place of the sender's keeps the Date's offset, which is then often the forwarding client's own clock:
  // a city named near the date in the sender's country, the country's usual clock, or any city, says more.
  const cities = places.cities();
  const place = cities.find((name) => places.country.includes(name)) ?? places.home ?? cities[0];
  if (place) return iana(place);
  if (offset === null)
    return places.language.length === 1 && places.language[0] ? iana(places.language[0]) : null;
  return { kind: 'fixed', offsetMinutes: offset };
}

/** A zone a place of the sender's keeps that also keeps `zone`'s standard offset (Brisbane for Sydney's AEST). */
function placeOnOffset(places: Places, zone: string, offset: number, wall: WallClock): string | null {
  const standard = (name: string, year: number) => {
    const { january, july } = seasonOffsets(name, year);
    return Math.min(january, july);
  };
  const fits = (name: string) =>
    offsetAt(name, wallToInstant(wall, name)) === offset &&
    standard(name, wall.year) === standard(zone, wall.year);
  return firstPlace(places, fits, { language: false });
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * What a written abbreviation names at the written wall-clock time, and whether that is sure. The reading
 * (US or China for "CST") was chosen by the sender's country or offset; it is sure when the abbreviation's
 * own offset is the zone's that day and no other reading has evidence too. "AEST" from Brisbane in
 * February is Brisbane's clock (UTC+10, sure); "EST" in July most likely meant the Eastern clock, which is
 * read, not sure.
 */
export function readAbbreviation(
  written: StatedZone,
  wall: WallClock,
  hints: ZoneHints,
  places: Places,
): { zone: StatedZone; certain: boolean } {
  if (written.kind !== 'iana' || !written.abbreviation) return { zone: written, certain: true };
  const word = written.abbreviation;
  const literal = own(ABBREVIATION_OFFSETS, word);
  const readings = own(AMBIGUOUS_ABBREVIATIONS, word) ?? [];
  // All the evidence now, the places named in the mail and its phone numbers too.
  const likeliest = likeliestReading(readings, hints, places, wall);
  const zone: StatedZone =
    likeliest && likeliest.reading.zone !== written.name ? iana(likeliest.reading.zone, true, word) : written;
  if (zone.kind !== 'iana') return { zone, certain: true };
  const offset = readings.find((reading) => reading.zone === zone.name)?.offset ?? literal;
  if (offset === undefined) return { zone, certain: true };
  const fits = (name: string, minutes: number) => offsetAt(name, wallToInstant(wall, name)) === minutes;
  // A rival reading with evidence of its own leaves the reading unsure, unless the chosen one's is strong and
  // the rival has no more than a Date offset.
  const enough = (likeliest?.evidence ?? 0) >= STRONG_EVIDENCE ? DATE_OFFSET + 1 : DATE_OFFSET;
  const rival = readings.some(
    (reading) =>
      reading.zone !== zone.name &&
      readingEvidence(reading, hints, places, wall) >= enough &&
      fits(reading.zone, reading.offset),
  );
  if (fits(zone.name, offset)) return { zone, certain: !rival };
  // Not the region's offset that day: a place of the sender's that keeps it ("AEST" from Brisbane in summer).
  const place = placeOnOffset(places, zone.name, offset, wall);
  return place ? { zone: iana(place), certain: !rival } : { zone, certain: false };
}
/** The zone as time-offsets reads it: an IANA name, or a fixed offset in minutes. */
export function clockOf(zone: StatedZone): string | number {
  return zone.kind === 'fixed' ? zone.offsetMinutes : zone.name;
}

export function topLevelDomain(address: string | null | undefined): string | null {
  const at = address?.lastIndexOf('@') ?? -1;
  if (!address || at < 0) return null;
  const domain = address.slice(at + 1, at + 256).toLowerCase();
  const tld = domain.slice(domain.lastIndexOf('.') + 1).replace(/[^a-z]/g, '');
  return tld.length >= 2 ? tld : null;
}
