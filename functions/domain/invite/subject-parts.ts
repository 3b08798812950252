import { remembered, WIDE_CHARACTER } from './evidence.js';
import { asWordTree } from './word-tree.js';

/**
 * The words of an invite's title (its subject, its calendar SUMMARY) taken apart: status prefixes that
 * calendars and tracking systems put in front ("Updated invitation:", "Rescheduled:", "Aktualisierte
 * Einladung:", "Invitation mise à jour :"), a calendar's " @ <date> (<address>)" tail, and the segments
 * between dashes, bars, colons and brackets ("Interview – Senior Buyer – Contoso", "【株式会社X】面接のご案内").
 * Every pattern is bounded and anchored on a keyword or a separator: a hostile subject costs a linear scan.
 */

/**
 * A case-insensitive test that lower-cases the text and runs the pattern without the 'i' flag: on these
 * long alternations of words the flag makes every test several times slower. The patterns are written
 * in lower case, and run as a tree of first characters. Not remembered: most texts are tested once,
 * where a memory costs more than it saves.
 */
function lowerCaseTest(pattern: RegExp): { source: string; test(text: string): boolean } {
  const lower = asWordTree(new RegExp(pattern.source, pattern.flags.replace('i', '')));
  return { source: pattern.source, test: (text) => lower.test(text.toLowerCase()) };
}

/** Words for an interview, an invitation to one, or a step of the hiring process, in the languages Bowout reads. */
export const INTERVIEW_WORD = lowerCaseTest(
  /\b(interviews?|interviewing|interviewed|call|calls|screen(?:ing)?|phone screen|onsite|on-site|round|chat|meeting|invitation|invite|invited|confirmed|confirmation|reminder|next steps?|schedule|scheduled|itinerary|booking|conversation|assessment|entrevista|entrevue|entretien|colloquio|gespräch|vorstellungsgespräch|zweitgespräch|erstgespräch|kennenlernen|einladung|termin|rückfrage|sollicitatiegesprek|gesprek|kennismakingsgesprek|kennismaking|uitnodiging|invitación|invito|convite|convocatoria|convocação|convocation|citación|rendez-vous|conoscitivo|intervju|kallelse|inbjudan|samtal|rozmowa|rozmowę|rekrutacyjna|kwalifikacyjna|zaproszenie|spotkanie|follow-up|conferma|bevestiging|bekräftelse|booked|updated|rescheduled|programada|programado|agendada|agendado|reagendada|reagendado|reprogramada|reprogramado|confirmada|confirmado|confirmée|confirmé|programmé|confermato|confermata|bestätigt|bestätigung|terminbestätigung|buchung|buchungsbestätigung|ingepland|gepland|bevestigd|bokad|bokat|bekräftad|zaplanowana|potwierdzona|potwierdzenie|application|applying|applied|bewerbung|candidature|candidatura|sollicitatie|ansökan|aplikacja|rekrutacja)\b/iu,
);

/** Words that qualify an interview ("technical", "final", "second"): dropped only beside an interview word. */
const QUALIFIER =
  '(?:final|technical|technisches|technique|técnica|técnico|tecnico|tecnica|second|first|second-round|first-round|panel|video|virtual|phone|tweede|eerste|erstes|zweites|premier|deuxième|primera|segunda|primo|secondo|1st|2nd|3rd|one-way|on-demand|recruiter|hiring manager|hr|culture|culture-fit|culture fit|coding|system design|behavioral|behavioural|team|case|case study|portfolio|intro|introductory|informational|initial|quick|short|brief|group|panel)';

/** Interview words in Japanese and Chinese, which have no word boundaries. */
export const CJK_INTERVIEW_WORD = asWordTree(
  /面接|面談|面试|面試|選考|案内|ご案内|日程|確定|ご連絡|連絡|一次|二次|三次|最終|邀请|邀請|通知|安排|确认|確認|复试|初试|终面|预约|変更|更新|のお知らせ|について|の件|通過|結果|合格|不合格|御礼|お礼|書類|通过|结果|結果通知|感谢|感謝/gu,
);

// Status words tracking systems and calendars put before a title, in many languages.
const STATUS_WORDS = asWordTree(
  /^(?:updated|update|new|rescheduled|re-scheduled|moved|changed|confirmed|confirmation|reminder|conferma|cancelled|canceled|declined|accepted|tentative|booking|booked|scheduled|event|invitation|invite|updated invitation|with note|meeting|webex|zoom|teams|microsoft|google|calendar|interview|time|proposed|new time|aktualisierte|aktualisiert|geändert|verschoben|einladung|abgesagt|bestätigt|erinnerung|termin|invitation mise à jour|mise à jour|invitation|annulé|annulée|reporté|confirmé|rappel|invitación|actualizada|actualizado|invitación actualizada|evento|cancelado|cancelada|reprogramado|confirmado|recordatorio|invito|aggiornato|annullato|promemoria|uitnodiging|bijgewerkte|bijgewerkt|geannuleerd|verplaatst|herinnering|convite|atualizado|cancelado|lembrete|inbjudan|uppdaterad|inställt|påminnelse|zaproszenie|zaktualizowane|odwołane|przypomnienie|招待状|更新された招待状|招待|邀请|已更新邀请|更新|取消|à une réunion|réunion|meeting invitation|the|your|a|an|de|une|à|for|to)$/iu,
);

/** The title without a leading status prefix ("Updated invitation with note: X" → "X"), at most three. */
export function withoutStatusPrefix(title: string): string {
  let rest = title.trim();
  for (let i = 0; i < 3; i++) {
    const colon = rest.slice(0, 60).search(/\s?[:：]\s/);
    if (colon < 1) break;
    const head = rest.slice(0, colon).trim();
    const words = head.split(/\s+/);
    const allStatus =
      words.length <= 6 && words.every((word) => STATUS_WORDS.test(word.replace(/[()]/g, '')));
    if (!allStatus && !STATUS_WORDS.test(head)) break;
    rest = rest
      .slice(colon)
      .replace(/^\s?[:：]\s*/, '')
      .trim();
  }
  return rest;
}

const CALENDAR_TAIL = /\s@\s+(?:\p{L}{2,4}\.?\s+)?(?:\d|\p{L}{3,9}\.?\s+\d)/u;

/** "Title @ Thu 28 Jan 2027 3pm - 4pm (SGT) (someone@x)" → "Title": Google Calendar's subject tail. */
export function withoutCalendarTail(title: string): string {
  const at = title.search(CALENDAR_TAIL);
  return at > 0 ? title.slice(0, at).trim() : title;
}

/** The title a subject carries for its company and role: no status prefix, no calendar tail. */
export const titleOf = remembered((subject: string): string =>
  withoutCalendarTail(withoutStatusPrefix(subject.slice(0, 400))),
);

// The separators of every title; a title with a Han character is also split at a hyphen beside one.
const SEPARATORS = String.raw`\s+[–—-]\s+|\s*[|｜]\s*|\s*[:：]\s+|\s*[—–]{2}\s*|【|】|\s*［|］\s*|\s*（|）\s*|\s+\/\s+`;
const SEGMENT_SEPARATOR = new RegExp(
  String.raw`${SEPARATORS}|\s*-\s*(?=\p{Script=Han})|(?<=\p{Script=Han})\s*-\s*`,
  'u',
);
// For titles without a wide character (most titles): the same split, without a look at Unicode scripts at
// every position.
const SEGMENT_SEPARATOR_WITHOUT_HAN = new RegExp(SEPARATORS);
// Every separator holds one of these characters; and every Han character is at U+2E80 or above.
const SEPARATOR_CHARACTER = /[–—\-|｜:：【】［］（）/]/;

/** The parts of a title between separators: dashes, bars, colons, brackets of several scripts. */
export const segmentsOf = remembered((title: string): readonly string[] => {
  if (!SEPARATOR_CHARACTER.test(title)) {
    const whole = title.trim();
    return whole ? [whole] : [];
  }
  return title
    .split(WIDE_CHARACTER.test(title) ? SEGMENT_SEPARATOR : SEGMENT_SEPARATOR_WITHOUT_HAN)
    .map((segment) => segment.trim())
    .filter(Boolean);
});

/** "interviews?" → interview, interviews; "screen(?:ing)?" → screen, screening. */
function expand(word: string): string[] {
  const optional = word.match(/^(.*?)(?:\(\?:(\p{L}+)\)\?|(\p{L})\?)$/u);
  if (!optional?.[1]) return [word];
  return [optional[1], optional[1] + (optional[2] ?? optional[3] ?? '')];
}

// The same words as sets, for a word-by-word look at a segment's ends (no pattern scans the segment).
const INTERVIEW_WORDS = new Set([
  ...INTERVIEW_WORD.source.slice(3, -3).split('|').flatMap(expand),
  'step',
  'steps',
]);
const QUALIFIER_WORDS: string[] = [
  ...QUALIFIER.slice(3, -1).split('|').flatMap(expand),
  ...'next nächster nächste prochaine prochaines próximo próximos siguiente volgende nästa kolejny kolejne próximas'.split(
    ' ',
  ),
];
// The steps of a hiring process ("Nächster Schritt", "prochaine étape") after those qualifiers.
for (const word of 'schritt schritte étape étapes paso pasos stap stappen steg etap passo passos'.split(' '))
  INTERVIEW_WORDS.add(word);
// German, Dutch and Swedish join words into one: "Fachgespräch", "Auswahlgespräch", "kennismakingsgesprek".
// Such a word is at least nine characters long: three letters and "samtal".
const COMPOUND_ENDINGS = ['gespräch', 'gespräche', 'gesprek', 'gesprekken', 'samtal', 'intervju'];
const THREE_LETTERS = /^\p{L}{3}$/u;
/** Whether a word ends in an interview word after three letters (/\p{L}{3,}(?:gespräch|…)$/u, without a scan). */
export function isCompoundInterview(word: string): boolean {
  for (const ending of COMPOUND_ENDINGS) {
    const at = word.length - ending.length;
    if (at >= 3 && word.endsWith(ending) && THREE_LETTERS.test(word.slice(at - 3, at))) return true;
  }
  return false;
}
function isInterviewWord(word: string): boolean {
  return INTERVIEW_WORDS.has(word) || (word.length >= 9 && isCompoundInterview(word));
}
const QUALIFIERS = new Set(QUALIFIER_WORDS.filter((q) => !q.includes(' ')));
// "Hiring Manager Interview", "System Design interview": two words that qualify together ("Product
// Manager Interview" keeps "Manager"), by their first word.
const QUALIFIER_PAIRS = new Map<string, Set<string>>();
for (const pair of QUALIFIER_WORDS.filter((q) => q.includes(' '))) {
  const space = pair.indexOf(' ');
  const first = pair.slice(0, space);
  const seconds = QUALIFIER_PAIRS.get(first) ?? new Set<string>();
  seconds.add(pair.slice(space + 1));
  QUALIFIER_PAIRS.set(first, seconds);
}
const LEADING_WORDS = new Set(
  "tomorrow's today's tomorrows todays your our the a an zum zur zu voor pour para per for für de di um till på na do z w ihr ihre votre vostro su sua seu je uw din twoja twoje et und and y e i och en met with mit avec con com med een ein eine einen einem einer un una uno um uma ett to of".split(
    ' ',
  ),
);
// Lower case only: "entrevista técnica" goes together, "Intervju Technical Artist" does not.
const ROMANCE_AFTER = new Set(
  'técnica técnico tecnica tecnico technique final finale individual telefónica telefonica téléphonique virtual virtuelle presencial conoscitivo'.split(
    ' ',
  ),
);
const POSITION_WORDS = asWordTree(
  /^(?:(?:for\s+)?the|para\s+el|el|la|le|die|de|het)?\s*(?:puesto|position|posición|poste|stelle|vaga|posizione|vacature|functie|role|função|tjänsten|stanowisko|cargo)\s+(?:de|of|als|di|van|da|do|für|som|na)?\s*/i,
);

const EDGE_PUNCTUATION = /^[,.!·]+|[,.!·:]+$/g;
const isEdgeMark = (code: number) =>
  code === 44 || code === 46 || code === 33 || code === 0xb7 || code === 58;
/** A token lower-cased without the punctuation at its edges (most tokens have none: no pattern runs). */
const bare = (token: string) => {
  const lower = token.toLowerCase();
  return isEdgeMark(lower.charCodeAt(0)) || isEdgeMark(lower.charCodeAt(lower.length - 1))
    ? lower.replace(EDGE_PUNCTUATION, '')
    : lower;
};

/** Whether two bare words qualify an interview together ("hiring manager"). */
function qualifierPair(first: string, second: string): boolean {
  return QUALIFIER_PAIRS.get(first)?.has(second) ?? false;
}

/**
 * How many tokens from `start` (before `end`) are qualifiers ending in an interview word ("Final round"),
 * or 0. `bares` are the tokens lower-cased without edge punctuation.
 */
function leadingInterview(bares: readonly string[], start: number, end: number): number {
  for (let i = start; i < Math.min(end, start + 5); i++) {
    const word = bares[i] ?? '';
    if (isInterviewWord(word)) return i + 1 - start;
    if (qualifierPair(word, i + 1 < end ? (bares[i + 1] ?? '') : '')) i++;
    else if (!QUALIFIERS.has(word)) return 0;
  }
  return 0;
}

/** Where the interview words at the end start ("… Senior Buyer technical interview" → before "technical"). */
function trailingInterview(bares: readonly string[], start: number, end: number): number {
  let from = end;
  if (from === start || !isInterviewWord(bares[from - 1] ?? '')) return from;
  from--;
  for (;;) {
    if (from - start >= 2 && qualifierPair(bares[from - 2] ?? '', bares[from - 1] ?? '')) from -= 2;
    else if (from - start >= 1 && QUALIFIERS.has(bares[from - 1] ?? '')) from--;
    else return from;
  }
}

const WHITESPACE = /\s+/;
const TRAILING_STOPS = /[,.!]+$/;

const INTERVIEW_DAY = /\b(assessment|interview|selection|recruitment)[ -](?:days?|centre|center|event)\b/gi;
const OUTER_MARKS = /^[\s,.!·]+|[\s,.!·]+$/g;
/** The marks OUTER_MARKS takes but white space: ",", ".", "!", "·" (an edge mark but ":"). */
const isOuterMark = (code: number) => code !== 58 && isEdgeMark(code);

// Hiragana, katakana and the common Han block: every CJK interview word and particle has its letters there.
const KANA_OR_HAN = /[\u3040-\u9fff]/;

/**
 * A segment with its interview words taken off its ends: "Einladung Vorstellungsgespräch X" → "X". Romance
 * languages put a lower-case qualifier after the interview word ("entrevista técnica"), which goes with it;
 * a capitalised word there starts the title ("Intervju Technical Artist"). Word by word, with sets.
 */
export const withoutInterviewWords = remembered((segment: string): string => {
  // Without kana or Han there are no Japanese or Chinese words or particles to take off, only spaces.
  const cleaned = (
    KANA_OR_HAN.test(segment)
      ? segment
          .replace(CJK_INTERVIEW_WORD, ' ')
          .replace(/^[のをにはがでと・\s]+|[のをにはがでと・\s]+$/gu, '')
      : segment.trim()
  )
    .replace(POSITION_WORDS, '')
    // "Assessment Day", "Interview Centre": the day or place of an interview is an interview word too.
    .replace(INTERVIEW_DAY, '$1')
    .trim();
  // The words are lower-cased once, and again only when a position's words were taken off; a round
  // narrows [start, end) over them.
  let tokens = cleaned.split(WHITESPACE).filter(Boolean);
  let bares = tokens.map(bare);
  for (let round = 0; round < 6; round++) {
    const count = tokens.length;
    let start = 0;
    let end = count;
    while (start < end && LEADING_WORDS.has(bares[start] ?? '')) start++;
    const lead = leadingInterview(bares, start, end);
    if (lead) {
      start += lead;
      while (start < end && ROMANCE_AFTER.has(tokens[start]?.replace(TRAILING_STOPS, '') ?? '')) start++;
    }
    end = trailingInterview(bares, start, end);
    while (end > start && LEADING_WORDS.has(bares[end - 1] ?? '')) end--;
    if (start > 0 || end < count) {
      tokens = tokens.slice(start, end);
      bares = bares.slice(start, end);
    }
    // "Interview for the position of X": the words that name a position go too.
    const joined = tokens.join(' ');
    const rest = joined.replace(POSITION_WORDS, '');
    if (rest !== joined) {
      tokens = rest.split(WHITESPACE).filter(Boolean);
      bares = tokens.map(bare);
    }
    if (tokens.length === count) break;
  }
  // The tokens hold no white space: only a mark at either end leaves anything for OUTER_MARKS to take.
  const words = tokens.join(' ');
  return isOuterMark(words.charCodeAt(0)) || isOuterMark(words.charCodeAt(words.length - 1))
    ? words.replace(OUTER_MARKS, '').trim()
    : words;
});

/** Fragments of job nouns: a segment holding one names a job ("Senior Buyer", "Tandsköterska", "算法工程师"). */
export const JOB_NOUN = lowerCaseTest(
  /(engineer(?!ing)|ingenieur|ingénieur|ingeniero|ingeniera|ingegnere|engenheir|ingenjör|inżynier|developer|entwickler|développeu|desarrollador|desenvolvedor|sviluppatore|ontwikkelaar|utvecklare|programm(?:er|ierer|eur|atore|ador)|programista|manager|managerin|gerente|designer|diseñador|analyst|analista|analityk|analytiker|scientist|científic|architect(?!ure)|consultant|consultor|consulente|specialist|spezialist|especialista|specjalista|coordinator|koordinator|koordynator|coordinador|coordenador|director|directeur|directrice|direttore|lead\b|leader|líder|head of|intern\b|internship|associate|controller|accountant|comptable|księgow|recruiter|administrator|officer|assistant|assistent|asistente|advisor|adviser|adviseur|berater|representative|technician|techniker|tekniker|técnic|tecnic|nurse|enfermer|verpleegkundige|sköterska|enfermeir|surveyor|biologist|chemist|teacher|insegnante|profesor|zeichner|referent|sachbearbeit|medewerker|beheerder|onderzoeker|förvaltare|handläggare|ekonom|kierownik|attuari|actuar|manutentore|impiegat|disponent|kauffrau|kaufmann|product owner|buyer|acheteu|comprador|einkäufer|inköpare|planner|writer|editor|researcher|trainee|werkstudent|praktikant|stagiair|stagiaire|partner\b|responsable|responsabile|chargée?|chef de|chef\b|leiter|leitung|gestor|jefe|jefa|comercial|vendedor|cajer|camarer|geologist|paralegal|artist|supervisor|graduate|dispatch|operator|driver|clerk|agent\b|attorney|lawyer|counsel\b|pharmacist|therapist|physician|dentist|hygienist|electrician|mechanic|machinist|worker|cashier|barista|informaticist|programme\b|program\b|エンジニア|マネージャー|マネジャー|デザイナー|アナリスト|コンサルタント|プログラマ|営業|企画職|開発職|研究職|工程师|经理|设计师|分析师|专员|主管|总监|运营|销售|会计|助理|实习生|ausbildung|duales studium|dualen studium|dualer student|duale studentin|apprentice|apprenticeship|apprentissage|apprenti\b|praktikum|tirocinio|prácticas|estágio|staż\b)/i,
);

/** Words of the field a job is in: with a job noun they read as a role, alone they may be a company's. */
export const FIELD_WORD =
  /\b(?:junior|senior|staff|principal|marketing|sales|compras|backend|frontend|front-end|full[ -]?stack|devops|qa|sre|ux|ui|data|product|software|cloud|platform|security|support|operations|finance|legal|hr|go|java|python|react|\.net)\b/i;

/**
 * A word shaped like a job noun in the languages Bowout reads (-er, -or, -ist, -ian, -eur, -iste, -ero,
 * -eira, -ista, -ore, -are, -erska, -erin): a weaker sign than JOB_NOUN, for titles it does not list.
 */
export const JOB_SHAPED = lowerCaseTest(
  /\p{L}{3,}(?:er|or|ist|ian|eer|eur|euse|ien|ienne|iste|ero|era|eiro|eira|ista|ore|trice|aar|are|ör|erska|erin|entin|ant|ante|ologe|ologin|ik)s?\b/iu,
);

/** A segment that names a job, or its field: "Senior Buyer", "Backend Go", "UX-onderzoeker". */
export const ROLE_WORD = lowerCaseTest(new RegExp(`${JOB_NOUN.source}|${FIELD_WORD.source}`, 'i'));

/** A job title rather than a company: "Responsable e-commerce", "Senior Engineer" ("Northwind Analytics" is fine). */
export const LOOKS_LIKE_ROLE = lowerCaseTest(
  /^(?:responsable|chargée?|gerente|jefe|jefa|analista|desarrollador|desarrolladora|desenvolvedor|desenvolvedora|sviluppatore|ingeniero|ingegnere|développeur|ingénieur|chef de|senior|junior|lead|head of)\b|(?:engineer|developer|manager|designer|analyst|scientist|architect|consultant|specialist|coordinator|director|lead|intern|associate|controller|accountant|recruiter|administrator|officer|assistant|advisor|representative|technician|supervisor|programmer)s?$/i,
);
