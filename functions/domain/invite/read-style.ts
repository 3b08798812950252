import { isLetterLanguage } from '../letters/language.js';
import { readPersonName, type Salutation } from '../letters/names.js';
import type { InterviewStage, InviteStyle, LetterLanguage } from '../model.js';
import { countStopwords, type TimeLanguage } from './time-language.js';
import { wordLeads } from './word-leads.js';
import { asWordTree } from './word-tree.js';

/**
 * How the employer wrote the invite, so the letter can answer in kind. Read only from the employer's own
 * words (the original's subject and body, never the user's note), as small independent steps:
 *   1. the language: the one with clearly most of its own frequent words;
 *   2. the register: the employer's Sie/du, vous/tu, usted/tú, Lei/tu, u/je, o senhor/tu;
 *   3. the greeting: first name ("Hallo Lukas") or title and surname ("Sehr geehrter Herr Brandt");
 *   4. the stage (phone screen, interview, final round, assessment) and whether earlier rounds came first;
 *   5. the contact's salutation and title, when their name or the invite states them ("Frau Dr. Weber").
 */

const SAMPLE_CHARS = 4_000;

/** Whole words or phrases, accented letters included (JavaScript's \\b knows ASCII letters only). */
interface Words {
  /** The alternation they were made of. */
  alternatives: string;
  test(text: string): boolean;
  /** How many times they stand in the text (matches do not overlap). */
  count(text: string): number;
}

const LETTER_AT_END = /\p{L}$/u;
const LETTER_AT_START = /^\p{L}/u;

/** Whether the character (code point) right before `at` is a letter. */
function letterBefore(text: string, at: number): boolean {
  return at > 0 && LETTER_AT_END.test(text.slice(Math.max(0, at - 2), at));
}

/** Whether the character (code point) at `at` is a letter. */
function letterAt(text: string, at: number): boolean {
  return LETTER_AT_START.test(text.slice(at, at + 2));
}

/**
 * `(?<![\\p{L}])(?:alternatives)(?![\\p{L}])`, matched the same way but faster: the words are looked for
 * first and the letter before each checked after. A pattern that opens with a look-behind is tried at
 * every position of the text and runs several times slower over a sample of thousands of characters.
 */
function words(alternatives: string, flags = 'iu'): Words {
  const pattern = asWordTree(
    new RegExp(`(?:${alternatives})(?![\\p{L}])`, flags.includes('g') ? flags : `${flags}g`),
  );
  // The next match at or after `from` with no letter before it (a rejected start is retried one later).
  const next = (text: string, from: number): RegExpExecArray | null => {
    pattern.lastIndex = from;
    for (;;) {
      const match = pattern.exec(text);
      if (!match || !letterBefore(text, match.index)) return match;
      pattern.lastIndex = match.index + 1;
    }
  };
  return {
    alternatives,
    test: (text) => next(text, 0) !== null,
    count: (text) => {
      let found = 0;
      for (let match = next(text, 0); match; match = next(text, match.index + match[0].length)) found++;
      return found;
    },
  };
}
const MIN_WORDS = 3;

/**
 * Step 1: the language, when its own words clearly outnumber every other's; null when unclear, or when it
 * is a language Bowout reads but writes no letters in (Swedish, Polish): the user's default decides then.
 */
export function inviteLanguage(text: string): LetterLanguage | null {
  const counts = countStopwords(text.slice(0, SAMPLE_CHARS));
  // The language with most words (the first listed among equals) and the count of the runner-up.
  let best: TimeLanguage | null = null;
  let most = -1;
  let runnerUp = -1;
  for (const language in counts) {
    const count = counts[language as TimeLanguage];
    if (count > most) {
      runnerUp = most;
      most = count;
      best = language as TimeLanguage;
    } else if (count > runnerUp) runnerUp = count;
  }
  if (!best || most < MIN_WORDS) return null;
  if (runnerUp * 1.5 > most) return null;
  return isLetterLanguage(best) ? best : null;
}

// Step 2: the employer's own forms of address. Only unambiguous forms count (Italian "la" is also an
// article, so only "La" before a verb does; Spanish "su" is also "his", so only with a noun of the invite).
const REGISTER: Partial<Record<LetterLanguage, { formal: Words; informal: Words }>> = {
  de: {
    formal: words('Sie|Ihnen|Ihr|Ihre|Ihrer|Ihren|Ihrem|Ihres', 'gu'),
    informal: words('du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer|eure', 'giu'),
  },
  fr: {
    formal: words('vous|votre|vos', 'giu'),
    informal: words("tu|te|toi|ton|ta|tes|t['’](?=\\p{L})", 'giu'),
  },
  es: {
    formal: words(
      'usted|ustedes|(?:le|les) (?:invitamos|escribimos|confirmamos|agradecemos|contactamos|esperamos|informamos|proponemos)|su (?:candidatura|solicitud|perfil|disponibilidad|interés|cv)',
      'giu',
    ),
    informal: words('tú|te|ti|tu|tus|contigo', 'giu'),
  },
  it: {
    formal: words(
      'Lei|(?:La|Le|la|le) (?:invitiamo|contatteremo|ringraziamo|confermiamo|aspettiamo|scriviamo|chiediamo|preghiamo)|(?:Sua|Suo|sua|suo) (?:candidatura|disponibilità|profilo|interesse|cv)',
      'gu',
    ),
    informal: words('ti|tu|tuo|tua|tuoi|tue|te', 'giu'),
  },
  nl: { formal: words('u|uw', 'giu'), informal: words('je|jij|jou|jouw', 'giu') },
  pt: {
    formal: words('o senhor|a senhora|v\\. ?s\\.?ª?|vossa senhoria', 'giu'),
    informal: words('tu|teu|tua|teus|tuas|contigo', 'giu'),
  },
};

/** Step 2: formal unless the employer's informal forms clearly outnumber their formal ones. */
export function inviteRegister(body: string, language: LetterLanguage | null): 'formal' | 'informal' {
  const cues = language ? REGISTER[language] : undefined;
  if (!cues) return 'formal';
  const sample = body.slice(0, SAMPLE_CHARS);
  return cues.informal.count(sample) > cues.formal.count(sample) ? 'informal' : 'formal';
}

const GREETING =
  /^(?:hi|hello|hey|dear|good (?:morning|afternoon)|hallo|liebe[rs]?|sehr geehrte[rs]?|guten (?:tag|morgen)|moin|servus|bonjour|bonsoir|salut|cher|chère|hola|estimad[oa]s?|querid[oa]|buen(?:os|as) (?:días|tardes)|ciao|gentile|gentilissim[oa]|car[oa]|salve|buongiorno|beste|hoi|geachte|olá|ola|prezad[oa]|bom dia|boa tarde|caro|cara)(?![\p{L}])[\s,]*(.{0,80})$/iu;
const HONORIFIC =
  /^(?:mr|mrs|ms|miss|mx|dr|prof|herr|frau|monsieur|madame|m|mme|mlle|sr|sra|srta|señor|señora|don|doña|sig|sig\.ra|signor|signora|dott|dott\.ssa|ing|dhr|mevr|mevrouw|meneer|heer|senhor|senhora)\b\.?/iu;

/** Step 3: whether the invite's greeting used the candidate's first name alone. */
export function greetsByFirstName(body: string): boolean | null {
  // The first of the first three non-empty lines (among the first twelve) that is a greeting.
  let greeting: RegExpMatchArray | null = null;
  for (let start = 0, line = 0, filled = 0; line < 12 && filled < 3 && start <= body.length; line++) {
    const newline = body.indexOf('\n', start);
    const end = newline < 0 ? body.length : newline;
    const text = body.slice(start, end).trim();
    start = end + 1;
    if (text === '') continue;
    filled++;
    greeting = text.match(GREETING);
    if (greeting) break;
  }
  if (!greeting) return null;
  const rest = (greeting[1] ?? '').replace(/[,:!.]+\s*$/, '').trim();
  if (rest === '' || /^(?:all|team|everyone|zusammen|à tous|a todos|a tutti)\b/i.test(rest)) return null;
  if (HONORIFIC.test(rest)) return false;
  return rest.split(/\s+/).length === 1;
}

// Step 4: the stage, from the words of the invite. The first kind that matches wins, the subject first.
const STAGES: [InterviewStage, Words][] = [
  [
    'final',
    words(
      'final (?:interview|round|stage)|last round|on-?site(?: interview)?|finale[sn]? (?:gespräch|interview)|abschließende[sn]? gespräch|abschlussgespräch|letzte(?:n)? (?:runde|gesprächsrunde)|entretien final|dernier entretien|entrevista final|última entrevista|colloquio finale|ultimo colloquio|eindgesprek|laatste (?:gesprek|ronde)',
    ),
  ],
  [
    'assessment',
    words(
      'assessment(?:[- ]cent(?:er|re))?|take-?home|coding (?:challenge|test|exercise|assignment)|technical (?:test|exercise|assignment)|case study|online test|aptitude test|einstellungstest|probearbeit\\w*|fallstudie|test technique|étude de cas|exercice technique|prueba técnica|caso práctico|prova tecnica|test tecnico|caso di studio|casusopdracht|teste técnico|estudo de caso|prova técnica',
    ),
  ],
  [
    'phone-screen',
    words(
      'phone (?:screen(?:ing)?|call|interview)|screening call|intro(?:ductory)? call|telephone (?:interview|call)|telefoninterview|telefongespräch|telefonische[sn]? (?:erstgespräch|interview|gespräch)|entretien téléphonique|appel téléphonique|entrevista telefónica|llamada telefónica|colloquio telefonico|telefonisch (?:gesprek|interview)|telefoongesprek|entrevista (?:por telefone|telefônica)',
    ),
  ],
];
const LATER_ROUND = words(
  'second (?:interview|round)|next (?:round|stage|step)|2nd (?:interview|round)|(?:following|after) (?:our|your|the) (?:recent )?(?:call|conversation|interview|chat|phone (?:call|screen))|zweite[sn]? (?:gespräch|runde|interview)|nächsten? runde|nach unserem (?:ersten )?(?:gespräch|telefonat|austausch)|im anschluss an unser|second entretien|deuxième entretien|suite à (?:notre|votre) (?:échange|entretien|conversation|appel)|segunda entrevista|siguiente fase|tras nuestra (?:conversación|llamada|entrevista)|secondo colloquio|dopo il nostro (?:primo )?(?:colloquio|incontro)|a seguito del (?:nostro )?(?:colloquio|incontro)|tweede gesprek|vervolggesprek|naar aanleiding van ons (?:eerste )?gesprek|após (?:a )?nossa conversa|dando continuidade',
);

// Which stage patterns (bit i: STAGES[i], then LATER_ROUND) have a beginning in a text: only those are run.
const STAGE_LEADS = wordLeads([
  ...STAGES.map(([, pattern]) => pattern.alternatives),
  LATER_ROUND.alternatives,
]);
const LATER_ROUND_BIT = 1 << STAGES.length;

/** The first kind of stage whose pattern matches the text, among those its beginnings allow. */
function stageIn(text: string, possible: number): InterviewStage | undefined {
  for (let i = 0; i < STAGES.length; i++) {
    const [stage, pattern] = STAGES[i] as [InterviewStage, Words];
    if (possible & (1 << i) && pattern.test(text)) return stage;
  }
  return undefined;
}

/** Step 4: the stage the invite is for, and whether it follows earlier conversations. */
export function inviteStage(subject: string, body: string): { stage: InterviewStage; laterRound: boolean } {
  const sample = body.slice(0, SAMPLE_CHARS);
  const inSubject = STAGE_LEADS.possible(subject);
  const inSample = STAGE_LEADS.possible(sample);
  const stage = stageIn(subject, inSubject) ?? stageIn(sample, inSample) ?? 'interview';
  return {
    stage,
    laterRound:
      stage === 'final' ||
      ((inSubject & LATER_ROUND_BIT) !== 0 && LATER_ROUND.test(subject)) ||
      ((inSample & LATER_ROUND_BIT) !== 0 && LATER_ROUND.test(sample)),
  };
}

const SALUTATION_WORDS =
  '(Mrs|Ms|Miss|Mr|Frau|Herr|Madame|Mme|Monsieur|M|Señora|Sra|Señor|Sr|Signora|Sig\\.ra|Signor|Sig|Dott\\.ssa|Dott|Dra|mevrouw|mevr|de heer|dhr|Senhora|Senhor)';
// A salutation and the spaces after it ("Frau ", "Sig.ra "), then each title after it ("Dr. ", "Prof. ").
const SALUTATION = new RegExp(`${SALUTATION_WORDS}\\.?\\s+`, 'gu');
const TITLE = /(?:Dr\.|Prof\.)\s+/y;

/**
 * The first "<salutation> <titles> <surname>" in the sample ("Frau Dr. Weber"), as the pattern
 * `(?<![\\p{L}])<salutation>\\.?\\s+((?:Dr\\.|Prof\\.)\\s+)*<surname>(?![\\p{L}])` finds it (the most titles
 * first), without building that pattern for every surname.
 */
function salutedSurname(sample: string, surname: string): string | null {
  SALUTATION.lastIndex = 0;
  for (let found = SALUTATION.exec(sample); found; found = SALUTATION.exec(sample)) {
    const start = found.index;
    SALUTATION.lastIndex = start + 1;
    if (letterBefore(sample, start)) continue;
    const ends = [start + found[0].length];
    for (TITLE.lastIndex = ends[0] as number; TITLE.test(sample); ) ends.push(TITLE.lastIndex);
    for (const end of ends.reverse()) {
      if (sample.startsWith(surname, end) && !letterAt(sample, end + surname.length))
        return sample.slice(start, end + surname.length);
    }
  }
  return null;
}

/** Step 5: the contact's salutation and title, from their display name or how the invite names them. */
export function contactAddress(contactName: string | null, body: string): InviteStyle['contact'] {
  const person = readPersonName(contactName);
  if (!person) return { salutation: null, title: null };
  if (person.salutation || !person.last) return { salutation: person.salutation, title: person.title };
  const sample = body.slice(0, SAMPLE_CHARS);
  // A sample without the surname cannot name it with a salutation.
  if (!sample.includes(person.last)) return { salutation: null, title: person.title ?? null };
  const stated = salutedSurname(sample, person.last);
  const named = stated ? readPersonName(stated) : null;
  const salutation: Salutation | null = named?.salutation ?? null;
  return { salutation, title: person.title ?? named?.title ?? null };
}

/** How the employer wrote: steps 1 to 5 over the original's subject and body. */
export function readStyle(
  original: { subject: string; body: string },
  contactName: string | null,
): InviteStyle {
  // Only the sample's worth of the body: joining the whole of a long body would copy all of it.
  const language = inviteLanguage(`${original.subject}\n${original.body.slice(0, SAMPLE_CHARS)}`);
  return {
    language,
    register: inviteRegister(original.body, language),
    firstNames: greetsByFirstName(original.body),
    ...inviteStage(original.subject, original.body),
    contact: contactAddress(contactName, original.body),
  };
}
