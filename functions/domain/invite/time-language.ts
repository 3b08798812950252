/**
 * Cheap guesses made before any date parsing: which language the invite is written in (so one chrono
 * locale runs, not four) and whether its numeric dates are day-first (10/12/2026 = 10 December).
 */

import { isLowerLatinLetter } from './word-leads.js';

export type TimeLanguage = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pt' | 'sv' | 'pl' | 'ja' | 'zh';

/** Languages told apart by their words (Japanese and Chinese are told apart by their scripts). */
const WORD_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'sv', 'pl'] as const;
export const TIME_LANGUAGES: readonly TimeLanguage[] = [...WORD_LANGUAGES, 'ja', 'zh'];

export interface DateOrder {
  dayFirst: boolean;
  /** How the order was decided: a strong hint (country, language), a weak one (Date offset), or a default. */
  basis: 'strong' | 'weak' | 'default';
}

// Frequent words, month and weekday names that belong to one language only (shared ones such as "de",
// "la", "in", "mai", "november" left out), so even a one-line invite shows its language.
export const STOPWORDS: ReadonlyMap<string, TimeLanguage> = new Map([
  ...'the and you your to of with for we is are please thank thanks would will be this our interview regards january february march june july october december monday tuesday wednesday thursday friday saturday sunday tomorrow today next'
    .split(' ')
    .map((w) => [w, 'en'] as const),
  ...'und der die das ist mit für wir sie ihnen ihre ihr uhr bitte zum zur eine einen den dem des nicht auf bei freundlichen grüßen grüße sehr geehrte geehrter vielen dank vorstellungsgespräch gespräch termin januar februar märz juni juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag morgen übermorgen heute von bis nächsten'
    .split(' ')
    .map((w) => [w, 'de'] as const),
  ...'le les et vous nous pour avec une des du est au aux votre vos merci bonjour cordialement entretien sur dans pas sommes serait madame monsieur heures janvier février avril juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche demain aujourd prochain'
    .split(' ')
    .map((w) => [w, 'fr'] as const),
  ...'el los las y con una usted su sus del por nos gracias saludos estimado estimada hola atentamente cordiales horas enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre lunes martes miércoles jueves viernes sábado domingo mañana hoy próximo'
    .split(' ')
    .map((w) => [w, 'es'] as const),
  ...'di che per della nostra sono ciao gentile grazie saluti colloquio presso ore lunedì martedì mercoledì giovedì venerdì gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre domani oggi prossimo'
    .split(' ')
    .map((w) => [w, 'it'] as const),
  ...'het een jij wij bij niet zijn graag beste groet bedankt uitnodiging gesprek sollicitatiegesprek uur maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart augustus vandaag volgende'
    .split(' ')
    .map((w) => [w, 'nl'] as const),
  ...'não você sua com bom vai conforme horário segunda terça quarta quinta sexta também está são obrigado obrigada olá às seu uma em pelo pela nossa nosso equipe vaga convidar convidá gostaríamos feira janeiro fevereiro março junho julho setembro outubro novembro dezembro amanhã hoje cumprimentos abraços atenciosamente'
    .split(' ')
    .map((w) => [w, 'pt'] as const),
  ...'och att som inte med till har hej tack vänliga hälsningar intervju intervjun kl klockan augusti måndag tisdag onsdag torsdag fredag lördag söndag imorgon idag nästa vår vårt våra hos ditt dig välkommen'
    .split(' ')
    .map((w) => [w, 'sv'] as const),
  ...'że się nie jest dla przez pan pani panie dzień dobry dziękuję pozdrawiam pozdrowienia rozmowa rozmowę rozmowy kwalifikacyjną kwalifikacyjna stycznia lutego marca kwietnia czerwca lipca sierpnia września października listopada grudnia poniedziałek wtorek środa środę czwartek piątek sobota sobotę niedziela niedzielę jutro godz serdecznie uprzejmie zapraszamy zaproszenie'
    .split(' ')
    .map((w) => [w, 'pl'] as const),
]);

const LONGEST_STOPWORD = Math.max(...[...STOPWORDS.keys()].map((word) => word.length));

/** One step of a word's hash, taken letter by letter as the text is read (kept within a small integer). */
function hashStep(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) & 0x3fffffff;
}
function hashOf(word: string): number {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = hashStep(hash, word.charCodeAt(i));
  return hash;
}

/**
 * The frequent words in a hash table of their own: a word read from the text is looked up by the hash
 * computed while reading it and compared in place, never cut out of the text. Slot `hash & SLOT_MASK`
 * (or the next free one) holds the word's index plus one; 0 is an empty slot.
 */
const STOPWORD_LIST = [...STOPWORDS.keys()];
const STOPWORD_HASHES = Int32Array.from(STOPWORD_LIST, hashOf);
const STOPWORD_LANGUAGES = Uint8Array.from(STOPWORD_LIST, (word) =>
  (WORD_LANGUAGES as readonly TimeLanguage[]).indexOf(STOPWORDS.get(word) as TimeLanguage),
);
const SLOT_MASK = 2 ** Math.ceil(Math.log2(STOPWORD_LIST.length * 4)) - 1;
const STOPWORD_SLOTS = new Uint16Array(SLOT_MASK + 1);
STOPWORD_LIST.forEach((_, index) => {
  let slot = (STOPWORD_HASHES[index] as number) & SLOT_MASK;
  while (STOPWORD_SLOTS[slot] !== 0) slot = (slot + 1) & SLOT_MASK;
  STOPWORD_SLOTS[slot] = index + 1;
});

/** The index of the frequent word `lower[start, end)` whose hash is `hash`, or -1. */
function stopwordAt(lower: string, start: number, end: number, hash: number): number {
  for (let slot = hash & SLOT_MASK; ; slot = (slot + 1) & SLOT_MASK) {
    const index = (STOPWORD_SLOTS[slot] as number) - 1;
    if (index < 0) return -1;
    if (STOPWORD_HASHES[index] !== hash) continue;
    const word = STOPWORD_LIST[index] as string;
    if (word.length === end - start && lower.startsWith(word, start)) return index;
  }
}

const SAMPLE_CHARS = 600;

const MIN_SCRIPT_CHARS = 4;
const CJK = /[\u3040-\u30ff\u4e00-\u9fff]/;
// Japanese written without kana still shows its own time words: 午後 (p.m.; Chinese writes 下午), 曜日, (火).
const JAPANESE_MARKS = /午[前後]|曜日|[（(][月火水木金土日][)）]/;

function hintLanguage(hint: string | undefined): TimeLanguage | null {
  const primary = hint?.trim().slice(0, 2).toLowerCase();
  return TIME_LANGUAGES.find((language) => language === primary) ?? null;
}

/** How many of each language's frequent words `sample` holds (the invite's style reads them too). */
export function countStopwords(sample: string): Record<TimeLanguage, number> {
  const found = new Int32Array(WORD_LANGUAGES.length);
  const lower = sample.toLowerCase();
  let start = -1;
  let hash = 0;
  for (let i = 0; i <= lower.length; i++) {
    const code = i < lower.length ? lower.charCodeAt(i) : 0;
    // A letter of a lower-cased word: words are found in one pass, with no pattern and no array of words.
    if (isLowerLatinLetter(code)) {
      if (start < 0) {
        start = i;
        hash = 0;
      }
      hash = hashStep(hash, code);
      continue;
    }
    // Longer words are no frequent word; the others are looked up by the hash read with them.
    if (start >= 0 && i - start <= LONGEST_STOPWORD) {
      const index = stopwordAt(lower, start, i, hash);
      if (index >= 0) {
        const language = STOPWORD_LANGUAGES[index] as number;
        found[language] = (found[language] as number) + 1;
      }
    }
    start = -1;
  }
  // In the order of WORD_LANGUAGES.
  return {
    en: found[0] as number,
    de: found[1] as number,
    fr: found[2] as number,
    es: found[3] as number,
    it: found[4] as number,
    nl: found[5] as number,
    pt: found[6] as number,
    sv: found[7] as number,
    pl: found[8] as number,
    ja: 0,
    zh: 0,
  };
}

/** The language with most of its own frequent words in the text; the hint (Content-Language) breaks ties. */
export function detectLanguage(text: string, hint?: string): TimeLanguage {
  const sample = text.slice(0, SAMPLE_CHARS);
  // Kana are Japanese only; Han characters without them are Chinese.
  let kana = 0;
  let han = 0;
  for (let i = CJK.test(sample) ? 0 : sample.length; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if (code < 0x3040) continue;
    if (code <= 0x30ff) kana++;
    else if (code >= 0x4e00 && code <= 0x9fff) han++;
  }
  if (kana >= MIN_SCRIPT_CHARS) return 'ja';
  if (han >= MIN_SCRIPT_CHARS) return JAPANESE_MARKS.test(sample) ? 'ja' : 'zh';
  const counts = countStopwords(sample);
  const hinted = hintLanguage(hint);
  let best: TimeLanguage = hinted ?? 'en';
  for (const language of WORD_LANGUAGES) {
    if (counts[language] > counts[best]) best = language;
  }
  return counts[best] >= 2 ? best : (hinted ?? 'en');
}

// Countries whose people write the day first; US-only domains write the month first.
const DAY_FIRST_TLDS = new Set(
  'uk ie de at ch fr be lu es pt it nl dk se no fi is pl cz sk hu ro bg gr hr si rs ee lv lt ua ru tr au nz in za br ar cl mx pe uy ve ec bo py eu il sg my id ng ke eg ae sa pk bd lk vn th'.split(
    ' ',
  ),
);
const MONTH_FIRST_TLDS = new Set(['us', 'gov', 'mil', 'edu']);

function orderFromLanguageHint(hint: string | undefined): DateOrder | null {
  const match = hint?.trim().match(/^([a-z]{2})[-_]([a-z]{2})/i);
  if (!match) return null;
  const language = match[1]?.toLowerCase();
  if (language !== 'en') return { dayFirst: true, basis: 'strong' };
  return { dayFirst: match[2]?.toLowerCase() !== 'us', basis: 'strong' };
}

/**
 * Day-first or month-first for numeric dates. Strong hints: a non-English text, a regional language tag
 * ("en-GB"), the sender's country domain. Weak hint: the Date header's offset (the Americas write month
 * first, mostly). Without any, month-first as chrono does, and the caller marks ambiguous dates uncertain.
 */
export function dateOrder(
  language: TimeLanguage,
  tld: string | null,
  languageHint: string | undefined,
  senderOffsetMinutes: number | null,
): DateOrder {
  // Japanese and Chinese write the month first (1/19 is 19 January), as they write 1月19日.
  if (language === 'ja' || language === 'zh') return { dayFirst: false, basis: 'strong' };
  if (language !== 'en') return { dayFirst: true, basis: 'strong' };
  const tagged = orderFromLanguageHint(languageHint);
  if (tagged) return tagged;
  if (tld && DAY_FIRST_TLDS.has(tld)) return { dayFirst: true, basis: 'strong' };
  if (tld && MONTH_FIRST_TLDS.has(tld)) return { dayFirst: false, basis: 'strong' };
  if (senderOffsetMinutes !== null) {
    const american = senderOffsetMinutes >= -600 && senderOffsetMinutes <= -210;
    return { dayFirst: !american, basis: 'weak' };
  }
  return { dayFirst: false, basis: 'default' };
}
