import {
  type Candidate,
  decide,
  endsWithOneOf,
  excerpt,
  type FactReading,
  isUnspaced,
  nameKey,
  sameNameKey,
  squash,
  startsWithOneOf,
} from './evidence.js';
import { personName } from './find-contact.js';
import {
  INTERVIEW_WORD,
  JOB_NOUN,
  JOB_SHAPED,
  ROLE_WORD,
  segmentsOf,
  titleOf,
  withoutInterviewWords,
} from './subject-parts.js';

/**
 * Step: the role. Candidates come from the subject and the calendar title (the segment that is left once
 * interview words, status words, the company, people's names and reference numbers are taken off), and
 * from phrases in the text in the languages Bowout reads ("for the X position", "Bewerbung als X", "poste
 * de X", "tjänsten som X", "na stanowisko X", "X職", "X岗位"). A segment with words of a job title gains;
 * the company, a person, a bare interview word loses. Every pattern is anchored and bounded.
 */

export interface RoleEvidence {
  subject: string;
  calendarSummary: string | null;
  /** The employer's own words, and those of its older messages in the thread. */
  text: string;
  older: string;
  company: string | null;
  /** Names that are people's (the user's, the contact's): never a role. */
  people: (string | null)[];
}

const ROLE_MAX = 90;
// Where a role phrase ends and the sentence goes on: "… bei Kessler", "… am Dienstag", "… na Ipê".
// A preposition ends the role only before a name, a date or an article ("… en transformation" goes on);
// a relative clause ends it always. The words are listed once, for the pattern and for its gate below.
const STOP_PREPOSITIONS =
  'at with bei bij presso chez hos na no en in am on op le el il i para pour för for to from starting von vom del w z u på At With'.split(
    ' ',
  );
const STOP_CLAUSES = ['who', 'which', 'that', 'and we', 'und wir', 'et nous'];
// No 'i' flag: with it, \p{Lu} would match lower case too.
export const ROLE_STOP = new RegExp(
  String.raw`\s+(?:${STOP_PREPOSITIONS.join('|')})\s+(?=\p{Lu}|\d|(?:the|our|your|der|die|das|den|dem|le|la|les|el|los|il|lo|de|het|o|a|um|uma)\s).*$|\s+(?:${STOP_CLAUSES.join('|')})\s.*$`,
  'u',
);
const NOT_A_ROLE =
  /\b(is|are|was|were|will|be|been|has|have|had|scheduled|rescheduled|moved|confirmed|tomorrow|today|you|your|we|our|us|this|that|thank|thanks|please|sent|offer letter|sign)\b/i;
// Reference numbers and gender markers beside a title: "(m/w/d)", "(Req #2027-1187)", "(R-10234)", "(JR-24817)".
const REFERENCE =
  /\s*[([](?:m\/w\/d|w\/m\/d|m\/f\/d|f\/m\/x|h\/f|f\/h|m\/f|m\/v|m\/k|k\/m|all genders|req\.?\s*#?[^)\]]*|ref\.?\s*[^)\]]*|job\s*id[^)\]]*|[A-Z]{0,4}-?\d[\w/-]*|#[\w-]+)[)\]]/gi;

// Unicode-property regexes at module scope: bundlers rebuild such a literal on every call.
const ANY_LETTER = /\p{L}/u;
const UPPER_START = /^\p{Lu}/u;
// "… für die Position Sachbearbeiterin Kundenservice ein": the particle of a German verb.
const VERB_PARTICLE_WORDS = ['ein', 'an', 'auf', 'zu', 'vor', 'mit', 'teil'];
const VERB_PARTICLE = new RegExp(String.raw`^(\p{Lu}.*?)\s(?:${VERB_PARTICLE_WORDS.join('|')})$`, 'u');
// "am Montag", "on 3": a date after a preposition.
const ON_A_DAY = /\b(?:on|am|le|el|il|den)\s+(?:\p{L}+day|\d)/iu;
// Two or three capitalised words: shaped like a person's name.
const NAME_SHAPED = /^\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+){1,2}$/u;
const MARKER = new RegExp(`^${REFERENCE.source}$`, 'i');

// White space other than one space: a run to squeeze into one.
const SPACE_TO_SQUEEZE = /[^\S ]| {2}/;
const POSITION_NOUN_WORDS =
  'position role opening vacancy job stelle poste puesto vaga posizione vacature functie'.split(' ');
export const POSITION_NOUNS = new Set(POSITION_NOUN_WORDS);
const POSITION_NOUN_AT_END = new RegExp(`\\s+(?:${POSITION_NOUN_WORDS.join('|')})$`, 'i');
export const VERB_PARTICLES = new Set(VERB_PARTICLE_WORDS);
/** The last word of a text whose only white space is a space (all of it when it has none). */
export const lastWord = (text: string) => text.slice(text.lastIndexOf(' ') + 1);

// The first words of ROLE_STOP's clauses, each after white space: a role without one goes on to its end.
export const STOP_WORDS = new Set([
  ...STOP_PREPOSITIONS,
  ...STOP_CLAUSES.map((clause) => clause.split(' ')[0] ?? clause),
]);

/** Whether ROLE_STOP may match a role whose only white space is a space: a word of STOP_WORDS after one. */
export function mayStopRole(role: string): boolean {
  for (let space = role.indexOf(' '); space >= 0; ) {
    const next = role.indexOf(' ', space + 1);
    if (STOP_WORDS.has(role.slice(space + 1, next < 0 ? role.length : next))) return true;
    space = next;
  }
  return false;
}

/** A gender marker or a reference number, which no bracket split makes a part of its own. */
function isMarker(content: string): boolean {
  return MARKER.test(`(${content})`) || /^\d{1,3}\s*[–-]\s*\d{1,3}\s*%$/.test(content);
}

/** A role as written, without a reference, a gender marker or a trailing clause; null when it is none. */
export function cleanRole(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  // Each pattern below needs a character most titles lack: the text is searched only when it holds one.
  // After this first step, a space is the only white space in the role.
  let role = SPACE_TO_SQUEEZE.test(raw) ? raw.replace(/\s+/g, ' ') : raw;
  if (role.includes('(') || role.includes('[')) role = role.replace(REFERENCE, '');
  if (role.includes('%')) role = role.replace(/\s*\(\d{1,3}\s*[–-]\s*\d{1,3}\s*%\)/g, '');
  if (role.includes('/')) role = role.replace(/\s+(?:H\/F|F\/H|M\/F|F\/M|m\/w\/d|w\/m\/d|m\/f\/d)$/i, '');
  // "Desarrollador Full Stack (Madrid)": a place or team in brackets after the title ("Chargé(e)" stays).
  if (role.endsWith(')') || role.endsWith(']')) role = role.replace(/\s+[([][^()[\]]*[)\]]$/, '');
  if (mayStopRole(role)) role = role.replace(ROLE_STOP, '');
  role = role.replace(/^(?:the|a|an|our|le|la|el|der|die|das|de|het|il|lo|o|um|uma|un|une|una)\s+/i, '');
  if (startsWithOneOf(role, ' "\'“”‘’«') || endsWithOneOf(role, ' "\'“”‘’»'))
    role = role.replace(/^[\s"'“”‘’«]+|[\s"'“”‘’»]+$/g, '');
  // The last word decides whether the next two patterns can match: a word for a position, a German
  // verb's particle (ASCII words, which the 'i' flag without 'u' matches only in ASCII letters' cases).
  if (POSITION_NOUNS.has(lastWord(role).toLowerCase())) role = role.replace(POSITION_NOUN_AT_END, '');
  if (endsWithOneOf(role, '.,:;!–—-')) role = role.replace(/[.,:;!–—-]+$/, '');
  if (VERB_PARTICLES.has(lastWord(role))) role = role.replace(VERB_PARTICLE, '$1');
  role = role.trim();
  if (role.length < 2 || role.length > ROLE_MAX || NOT_A_ROLE.test(role)) return null;
  if (!ANY_LETTER.test(role)) return null;
  return role;
}

// Phrases that introduce a role in the text; the first group is the role. Labelled ones are trusted more.
const LABELLED = [
  /(?:^|\n)[ \t]*(?:position|role|job title|job|vacancy|stelle|position|poste|puesto|vaga|posizione|vacature|functie|tjänst|stanowisko|cargo|função|rolle|職種|応募職種|募集職種|岗位|应聘岗位|职位)[ \t]*[:：][ \t]*([^\n|]{2,80})/i,
  /\b(?:which|what)\s+(?:role|position)[^\n?]{0,60}\?\s*\n+\s*([^\n]{3,80})/i,
];
// A role's words: anything but the end of a phrase, with the gender inflections and abbreviations
// titles carry inside them ("Ingénieur(e)", "Coordenador(a)", "Specjalista ds. Kadr").
const TITLE = String.raw`((?:\((?:e|a|es|as|in|ne|x)\)|\bds\.|[^\n,.|()–—]){3,80}?)`;
// Where the role ends: punctuation, a bracket, a dash, or a verb going on ("… is booked", "… foi reagendada").
const TITLE_END = String.raw`(?=\s*(?:\((?!(?:e|a|es|as|in|ne|x)\))|[[,.!;|–—\n]|:(?!in\b|innen\b))|\s+(?:is|ist|est|es|è|är|jest|foi|wird|wurde|was|sera|será|has|hat)\s|$)`;
const PHRASES = [
  /\b(?:for|of|about)\s+the\s+([^\n.]{3,80}?)\s+(?:position|role|opening|vacancy|job|programme|program)\b/i,
  /\b(?:the|your)\s+((?:(?!\b(?:the|your)\s)[^\n.,]){3,60}?)\s+(?:role|position|interviews?|opening)\b/i,
  /\b(?:applying|applied|application|apply)\s+(?:for|to)\s+(?:the\s+)?([^\n,.|()!]{3,80}?)(?:\s+(?:position|role))?(?:[,.!|()\n]|\s+(?:at|with|@)\s|$)/i,
  new RegExp(
    String.raw`\binterview\s+for\s+(?:the\s+)?(?!post\b|position\b|role\b)${TITLE}(?:\s+(?:position|role))?(?:\s+(?:at|with|@)\s|${TITLE_END})`,
    'i',
  ),
  /\binterest\s+in\s+the\s+([^\n,.|()]{3,80}?)(?:\s+(?:at|with|@)\s|[\n,.|()]|$)/i,
  new RegExp(
    String.raw`\b(?:position|post|role|stelle|vacature|functie|posizione|posição|posición|posicion|plaza|vaga|função|puesto|poste|cargo|tjänsten|rollen|stanowisko|stanowiska|vacante|ruolo)\s+(?:of|as|als|van|de|di|da|do|d['’]|für die|som|na)?\s*${TITLE}${TITLE_END}`,
    'iu',
  ),
  // "Bewerbung als X", "interview as X", "ansökan som X": only after a word of applying or a role.
  new RegExp(
    String.raw`\b(?:bewerbung|vorstellungsgespräch|gespräch|interesse|tätigkeit|application|interview|ansökan|sollicitatie|rozmowa|rozmowę)\b[^\n]{0,40}?\s(?:als|as|som|jako)\s+${TITLE}(?:\s+(?:bei|bij|at|hos|und|and|och|zu|zum)\s|${TITLE_END})`,
    'iu',
  ),
];

// Japanese and Chinese name a job by what follows it: "バックエンドエンジニア職", "产品经理岗位".
const CJK_JOB = /([\p{Script=Han}\p{Script=Katakana}ー・]{2,20})(?:職|岗位|职位|のポジション|ポジション)/u;
// Kana after a Han stem belongs to the word ("組込み"), unless it is a particle ("この度は…").
const OKURIGANA = /[\p{Script=Han}]{1,3}[\p{Script=Hiragana}]$/u;
const PARTICLE = /[はがをにでとのへもやか]$/u;

/** A job named before 職 or 岗位, with a Han stem and its kana taken in ("組込みソフトウェアエンジニア"). */
function cjkJob(text: string): Found | null {
  const match = text.match(CJK_JOB);
  if (!match?.[1] || match.index === undefined) return null;
  let role = match[1];
  let before = text.slice(Math.max(0, match.index - 6), match.index);
  for (let i = 0; i < 2; i++) {
    const stem = before.match(OKURIGANA)?.[0];
    if (!stem || PARTICLE.test(stem)) break;
    role = stem + role;
    before = before.slice(0, -stem.length);
  }
  return { value: role, source: 'text.phrase', score: 58, evidence: match[0] };
}

function textRoles(body: string, source: string, known: NotRoles): Found[] {
  const head = body.slice(0, 10_000);
  const found: Found[] = [];
  for (const pattern of LABELLED) {
    const role = cleanRole(head.match(pattern)?.[1]);
    if (role) found.push({ value: role, source: `${source}.label`, score: 76, evidence: role });
  }
  for (const pattern of PHRASES) {
    const match = head.match(pattern);
    const role = cleanRole(match?.[1]);
    if (!role) continue;
    // Outside a label, a phrase names a role plainly when it holds words of a job title ("for the X
    // position" says it in so many words); a title shaped like one ("Schiffsbetriebsinspektor") or
    // written with capitals after "position", "Stelle", "poste de" is read too, but not as sure.
    const shaped = JOB_SHAPED.test(role) || UPPER_START.test(role);
    const score = ROLE_WORD.test(role) ? (pattern === PHRASES[0] ? 70 : 58) : shaped ? 50 : 0;
    if (score) found.push({ value: role, source: `${source}.phrase`, score, evidence: match?.[0] ?? '' });
  }
  const job = cjkJob(head);
  if (job) found.push({ ...job, source: `${source}.phrase` });
  // 「法人営業（SaaS）」ポジション: a job in Japanese quotation marks before the word for a position.
  const quoted = head.match(
    /「([^「」\n]{2,30})」\s*(?:ポジション|職|の求人|の職種|岗位|职位|一職|一职)/u,
  )?.[1];
  if (quoted) found.push({ value: quoted, source: `${source}.phrase`, score: 60, evidence: quoted });
  // Thank you for registering for "Group Interview: Customer Service Representative": an event's title.
  const event = head.match(
    /\b(?:registering|registered|signed up|booked|booking)\s+for\s+["“]([^"”\n]{3,100})["”]/i,
  )?.[1];
  if (event) found.push(...titleRoles(event, `${source}.event`, 46, known));
  return found;
}

interface Found {
  value: string;
  source: string;
  score: number;
  evidence: string;
}

/** What a role is not, read once per mail: the people's names and the company, as compared. */
interface NotRoles {
  /** The people's names, squashed. */
  people: string[];
  company: string | null;
  companyLower: string;
  /** The company as sameName compares it, and whether it is written in Han or Kana. */
  companyKey: string;
  companyUnspaced: boolean;
}

function notRoles(evidence: RoleEvidence): NotRoles {
  const company = evidence.company;
  const companyKey = company ? nameKey(company) : '';
  return {
    people: evidence.people.filter((p): p is string => Boolean(p)).map(squash),
    company,
    companyLower: company?.toLowerCase() ?? '',
    companyKey,
    companyUnspaced: company !== null && isUnspaced(companyKey),
  };
}

/**
 * Whether a segment is only what no role is: a person's name, a company, a date. `roleWord` is whether
 * it holds words of a job title (ROLE_WORD), known already.
 */
function isNotRole(rest: string, known: NotRoles, roleWord: boolean): boolean {
  if (known.company) {
    const key = nameKey(rest);
    if (sameNameKey(key, known.companyKey, isUnspaced(key) || known.companyUnspaced)) return true;
  }
  if (known.people.includes(squash(rest))) return true;
  if (ON_A_DAY.test(rest) || /\d{1,2}[:.h]\d{2}/.test(rest)) return true;
  // "vom 3. Januar 2027", a year: a date; "北斗電機様": a company or person addressed politely.
  if (/\b(?:vom|from|du|del|dal|van|från|od|z)\s+\d|\b(?:19|20)\d{2}\b/u.test(rest)) return true;
  if (/(?:様|さん|先生|女士|御中)$/u.test(rest)) return true;
  if (NAME_SHAPED.test(rest) && !roleWord && personName(rest)) return true;
  return false;
}

/** Role candidates from a title: the segment left once everything else is accounted for. */
function titleRoles(title: string, source: string, base: number, known: NotRoles): Found[] {
  let text = titleOf(title);
  const company = known.company;
  if (company) {
    // "… at Contoso", "Contoso – …": the company and the word that ties it on are not the role.
    const at = text.toLowerCase().indexOf(known.companyLower);
    if (at >= 0)
      text = `${text.slice(0, at)} ${text.slice(at + company.length)}`.replace(
        /\s+(?:at|@|bei|chez|presso|bij|hos|with|from|to)\s*$/i,
        '',
      );
  }
  // "Technical Deep Dive - Nadine Okoro (Computational Biologist)": a bracket is a part of its own.
  const parts: { text: string; bracket: boolean }[] = [];
  for (const segment of segmentsOf(text.replace(/\s+(?:at|@|bei|chez|presso|bij|hos)\s+[^–—|:]*$/i, ''))) {
    const bracket = segment.match(/^(.+?)\s+\(([^()]{3,60})\)$/);
    if (bracket?.[1] && bracket[2] && !isMarker(bracket[2]))
      parts.push({ text: bracket[1], bracket: false }, { text: bracket[2], bracket: true });
    else parts.push({ text: segment, bracket: false });
  }
  // What is left of each part, or null, and whether that holds words of a job title (ROLE_WORD).
  const classes: (string | null)[] = [];
  const roleWords: boolean[] = [];
  for (const { text: part } of parts) {
    const rest = cleanRole(
      withoutInterviewWords(part.replace(/\s+(?:with|mit|avec|con|met|med)\s+.*$/i, '')).replace(
        /[\s,]+$/,
        '',
      ),
    );
    const roleWord = rest !== null && ROLE_WORD.test(rest);
    const kept =
      rest && !isNotRole(rest, known, roleWord) && (roleWord || !INTERVIEW_WORD.test(rest)) ? rest : null;
    classes.push(kept);
    roleWords.push(roleWord);
  }
  // "【ホームズ株式会社】…": lenticular brackets hold the company or a tag, a role only when it names a job.
  const bracketed = text.includes('【')
    ? new Set([...text.matchAll(/【([^【】]{1,40})】/gu)].map((m) => m[1]))
    : null;
  const found: Found[] = [];
  for (let i = 0; i < parts.length; i++) {
    let rest = classes[i];
    if (!rest) continue;
    if (bracketed?.has(parts[i]?.text) && !namesJob(rest)) continue;
    // A title of one part that lost no interview word and names no job is just a subject ("Quick question").
    if (!roleWords[i] && parts.length === 1 && squash(rest) === squash(parts[0]?.text ?? '')) continue;
    // "Senior Software Engineer – Platform": a short last part naming a field belongs to the title (a
    // town does not: "Transport Analyst – Felixstowe").
    const next = classes[i + 1];
    const joins = next && !parts[i + 1]?.bracket && i + 2 === parts.length && next.split(/\s+/).length <= 2;
    let titled = roleWords[i] ?? false;
    if (joins && JOB_NOUN.test(rest) && !JOB_NOUN.test(next) && roleWords[i + 1]) {
      rest = `${rest} – ${next}`;
      titled = ROLE_WORD.test(rest);
    }
    const shaped = !titled && JOB_SHAPED.test(rest);
    found.push({
      value: rest,
      source,
      score: base + (titled ? 20 : shaped ? 8 : 0) - (parts.length === 1 && !titled ? 15 : 0),
      evidence: parts[i]?.text ?? '',
    });
  }
  return found;
}

/** Reads the role from every piece of evidence; see the step's comment above. */
export function readRole(evidence: RoleEvidence): FactReading {
  const known = notRoles(evidence);
  const titles = titleRoles(evidence.subject, 'subject', 52, known);
  const summary = evidence.calendarSummary;
  // The calendar's SUMMARY is often the subject's title again: its candidates are the subject's, two
  // points less (titleRoles reads nothing of a title but its titleOf).
  if (summary && titleOf(summary) === titleOf(evidence.subject))
    for (let i = 0, count = titles.length; i < count; i++) {
      const f = titles[i] as Found;
      titles.push({ value: f.value, source: 'calendar.summary', score: f.score - 2, evidence: f.evidence });
    }
  else if (summary) titles.push(...titleRoles(summary, 'calendar.summary', 50, known));
  // A title that names a job plainly settles it; the text is read only when it does not.
  const early = weighRoles(titles);
  if (early.certain) return early;
  return weighRoles([
    ...titles,
    ...textRoles(evidence.text, 'text', known),
    ...(evidence.older ? textRoles(evidence.older, 'thread', known) : []),
  ]);
}

/** Candidates that say the same (one holds the other) support each other; then the decision. */
function weighRoles(found: Found[]): FactReading {
  const keys = found.map((f) => squash(f.value));
  const candidates: Candidate[] = [];
  for (let index = 0; index < found.length; index++) {
    const f = found[index] as Found;
    const key = keys[index] ?? '';
    // The other places that say it, each named once, in the order they were read.
    const supporters: string[] = [];
    for (let j = 0; j < found.length; j++) {
      const source = (found[j] as Found).source;
      const other = keys[j] ?? '';
      if (source !== f.source && !supporters.includes(source) && (other.includes(key) || key.includes(other)))
        supporters.push(source);
    }
    candidates.push({
      value: f.value,
      source: f.source,
      evidence: excerpt(f.evidence),
      score: f.score + 8 * Math.min(3, supporters.length),
      notes: supporters.length ? [`also in ${supporters.join(', ')}`] : [],
    });
  }
  return fullTitle(decide(candidates, ROLE_THRESHOLDS, sameRole));
}

const ROLE_THRESHOLDS = { floor: 30, sure: 70, margin: 12 };
/** Two roles say the same when one holds the other. */
function sameRole(a: string, b: string): boolean {
  return squash(a).includes(squash(b)) || squash(b).includes(squash(a));
}

/** Whether a role names a job: a job noun, not only a level or a field ("Graduate", "Senior", "Data"). */
function namesJob(role: string): boolean {
  return JOB_NOUN.test(role) && !/^(?:graduate|senior|junior|lead|principal|staff)$/i.test(role.trim());
}

/**
 * "Graduate" from "Graduate Assessment Interview" is a word of the title "Graduate Engineer" the text
 * writes: the fuller candidate that holds it, and names a job, is the role. A role that names no job
 * ("Graduate", "Senior", "Backend Go") is not stated plainly.
 */
function fullTitle(reading: FactReading): FactReading {
  const best = reading.value;
  if (!best || namesJob(best)) return reading;
  const key = squash(best);
  const top = reading.candidates[0]?.score ?? 0;
  const fuller = reading.candidates.find(
    (c) => c.score >= top - 30 && squash(c.value).includes(key) && namesJob(c.value),
  );
  if (fuller)
    return { ...reading, value: fuller.value, why: `${reading.why}, written in full in ${fuller.source}` };
  return {
    ...reading,
    certain: false,
    why: reading.certain ? `${reading.why}, names no job: check it` : reading.why,
  };
}

/** The role alone, for callers that need no explanation. */
export function findRole(
  subject: string,
  body: string,
  calendarSummary: string | null = null,
  options: { userName?: string | null; company?: string | null } = {},
): string | null {
  return readRole({
    subject,
    calendarSummary,
    text: body,
    older: '',
    company: options.company ?? null,
    people: [options.userName ?? null],
  }).value;
}
