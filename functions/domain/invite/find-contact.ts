import type { MailboxRef } from '../mail/parse-mail.js';
import { isPlausibleAddress, isUnattendedAddress, normaliseAddress } from '../mail/sanitize.js';
import type { Contact } from '../model.js';
import {
  type Candidate,
  decide,
  excerpt,
  type FactReading,
  fold,
  merge,
  remembered,
  squash,
} from './evidence.js';
import type { OriginalMessage } from './find-original.js';
import { firstAddress } from './forward-mailbox.js';
import {
  domainOf,
  isBulkMailbox,
  isFreeMail,
  isRelay,
  isSchedulerCalendarAccount,
  isTeamMailbox,
  organisationLabel,
} from './mail-systems.js';
import type { CalendarFacts } from './read-calendar.js';
import { asWordTree } from './word-tree.js';

/**
 * Step: the contact, a person who will read the reply. Candidates come from every place that names an
 * address: the original's Reply-To, the calendar organizer, its sender, the thread's other messages from
 * the employer, and the text (an address it asks the reader to write to, a "Recruiter: Name (address)"
 * line, a signature). Nobody's address is chosen that nobody reads (no-reply, a tracking system's relay),
 * nor the user's, nor Bowout's. A person's own mailbox beats a team mailbox; the name comes with the
 * address wherever it is printed beside it, else from the text or the address itself, marked unsure.
 */

// Display names that name a team, a company, a bot or a system rather than a person.
const NOT_A_PERSON = asWordTree(
  /&|\bat\b|\b(team|careers?|jobs?|recruiting|recruitment|talent|hiring|hr|notifications?|no-?reply|alerts?|newsletter|calendar|scheduler|scheduling|interviews?|support|info|admin|greenhouse|lever|workday|ashby|smartrecruiters|icims|calendly|goodtime|teamtailor|workable|hospitality|group|inc|ltd|llc|gmbh|ag|corp|company|bank|labs|technologies|solutions|systems|software|consulting|services|insurance|capital|holdings|personal|personale|personnel|early careers|graduates?|campus|studios?|partners|recrutement|reclutamento|rekrytering|rekrutacja|rekrutacji|zespół|équipe|equipo|squadra|afdeling|dział|bewerbermanagement|office|desk)(?![\p{L}])/iu,
);

// Regexes with Unicode properties live at module scope: bundlers rebuild a literal like these on every call.
const WORD_START = /(^|[\s'’-])(\p{L})/gu;
const ANY_LETTER = /\p{L}/u;
const UPPER_START = /^\p{Lu}/u;
// A word ending in a full stop, two letters or more: the end of a sentence, not an initial.
const WORD_WITH_STOP = /^\p{L}[\p{L}'’-]+\.$/u;
// A sentence's full stop after a word of two letters or more.
const STOP_AFTER_WORD = /(?<=\p{L}{2})[.!?]$/u;
const TEXT_NAME =
  /\p{Lu}[\p{L}'’-]+(?:[ \t]+(?:(?:de|van|von|der|den|da|di|del|la|le|du|ter|ten)[ \t]+){0,2}\p{Lu}[\p{L}'’-]+){1,2}/gu;

/**
 * "Okafor, Daniel" → "Daniel Okafor"; "Hannah Cole (via Greenhouse)" → "Hannah Cole"; surrounding quotes
 * dropped, apostrophes inside names kept; "DANIEL OKAFOR" → "Daniel Okafor". Null when it is not a name.
 */
export function normaliseName(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let name = raw.slice(0, 300).replace(/^[\s"'“”‘’]+|[\s"'“”‘’]+$/g, '');
  // "(via Greenhouse)": only a name with a bracket is searched for one.
  if (name.includes('(')) name = name.replace(/\s*\((via|from|at|through|on behalf of)\b[^)]*\)\s*/gi, ' ');
  name = name
    .replace(/\s+(via|through)\s+\S.*$/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  const lastFirst = name.match(/^([^,]+),\s*([^,]+)$/);
  if (lastFirst?.[1] && lastFirst[2] && !/\b(inc|ltd|llc|gmbh|plc|sa|ag)\b\.?$/i.test(lastFirst[2])) {
    name = `${lastFirst[2]} ${lastFirst[1]}`;
  }
  if (name === name.toUpperCase() && /[A-Z]{2}/.test(name)) {
    name = name.toLowerCase().replace(WORD_START, (_, sep: string, ch: string) => sep + ch.toUpperCase());
  }
  if (name.includes('@') || name.length < 2 || !ANY_LETTER.test(name)) return null;
  return name.slice(0, 100);
}

/** A person's name, or null for "Contoso Careers", "Greenhouse Notifications", "Olivia at Contoso". */
export function personName(raw: string | null | undefined): string | null {
  return raw ? personNameOf(raw) : null;
}

// The readers ask about the same few display names many times while reading one mail.
const personNameOf = remembered((raw: string): string | null => {
  const name = normaliseName(raw);
  return name && !NOT_A_PERSON.test(name) ? name : null;
});

/** "hannah.cole@" → "Hannah Cole": only for the unambiguous first.last form. */
export function nameFromAddress(address: string): string | null {
  const local = address.split('@')[0] ?? '';
  const parts = local.split(/[._]/);
  if (parts.length !== 2 || parts.some((p) => !/^[a-z]{2,20}$/i.test(p))) return null;
  return parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1).toLowerCase()).join(' ');
}

/**
 * A name the text writes that spells the address's local part ("Anneke de Vries" for
 * anneke.devries@): particles and capitals as the person writes them, which no address shows.
 */
function nameFromText(address: string, body: string): string | null {
  const wanted = fold(address.split('@')[0] ?? '');
  if (wanted.length < 5) return null;
  for (const match of body.slice(0, 20_000).matchAll(TEXT_NAME)) {
    if (fold(match[0]) === wanted) return match[0];
  }
  return null;
}

/** Whether a name plausibly belongs to an address: its local part holds a word of it, or its initials. */
export function nameFitsAddress(name: string, address: string): boolean {
  const local = fold(address.split('@')[0] ?? '');
  const words = name
    .split(/[\s-]+/)
    .map(fold)
    .filter((w) => w.length >= 2);
  if (words.some((word) => word.length >= 3 && local.includes(word))) return true;
  // "wokonkwoferris" for Whitney Okonkwo-Ferris, "jfeld" for Jonathan Feld, "lpettigrew" for Lorraine Pettigrew.
  const [first, ...rest] = words;
  const last = rest.join('');
  return Boolean(first && last && (local === first[0] + last || local === `${first}${last[0]}`));
}

// Lower-case particles inside a name ("Willemijn de Graaf", "Anouk van der Berg").
const PARTICLE = asWordTree(/^(?:de|del|della|der|den|van|von|da|di|do|dos|du|la|le|ter|ten|bin|al)$/);
const HONORIFIC = asWordTree(
  /^(?:dr|prof|mag|di|ing|mr|mrs|ms|miss|herr|frau|mme|mlle|m|sr|sra|dott|dott\.ssa|ir|drs)\.?$/i,
);
// Forms of address that only ever stand before a name ("erreichen Sie Herrn Lars …", "z Panią Martą …").
const ADDRESS_FORM = asWordTree(
  /^(?:dr|prof|mr|mrs|ms|herr|herrn|frau|pan|pani|panią|panem|panu|heer|mevrouw|dhr|mevr|señor|señora|sr|sra|srta|sig|sig\.ra|signor|signora|monsieur|madame|mme|mlle)\.?$/i,
);
const CAPITALISED = /^["'“(]?\p{Lu}[\p{L}'’.-]*[)"”]?$/u;
const HAN_NAME =
  /^[\p{Script=Han}]{2,4}$|^[\p{Script=Han}]{1,3}[ 　][\p{Script=Han}\p{Script=Hiragana}]{1,3}$/u;

/**
 * A person's full name standing alone: two to four capitalised words (particles between them, an
 * honorific before), or a name in Han characters. "Senior Recruiter" and "Claims Technology" are not.
 */
function fullPersonName(text: string): string | null {
  const trimmed = text.trim().replace(/[,;:]+$/, '');
  if (HAN_NAME.test(trimmed)) return NOT_A_HAN_NAME.test(trimmed) ? null : trimmed;
  let tokens = trimmed.split(/\s+/).filter(Boolean);
  // What stands before the last form of address is the sentence, not the name.
  const form = tokens.findLastIndex((t) => ADDRESS_FORM.test(t));
  if (form >= 0 && tokens.length - form > 2) tokens = tokens.slice(form + 1);
  while (tokens.length > 2 && HONORIFIC.test(tokens[0] ?? '')) tokens.shift();
  if (NOT_A_NAME_WORD.test(tokens[0] ?? '')) return null;
  // German, Dutch and Romance pronouns are capitalised in polite address ("Schreiben Sie", "Melden Sie sich").
  if (
    tokens.some((t) => /^(?:sie|ihnen|ihr|ihre|uns|wir|ich|vous|nous|usted|ustedes|lei|voi|u|uw)$/i.test(t))
  )
    return null;
  // "E-Mail. Änderungen": a word with a full stop (not an initial) ends a sentence, not a name.
  if (tokens.some((t) => WORD_WITH_STOP.test(t) && !HONORIFIC.test(t))) return null;
  const words = tokens.filter((t) => !PARTICLE.test(t));
  if (words.length < 2 || words.length > 4 || tokens.length > 6) return null;
  if (!words.every((w) => CAPITALISED.test(w)) || /\d/.test(trimmed)) return null;
  const name = tokens.join(' ');
  return !NOT_A_PERSON.test(name) && !JOB_WORD.test(name) ? name : null;
}

// Words of job titles and departments, which capitalised signature lines are made of.
const JOB_WORD = asWordTree(
  /\b(?:recruit\w*|talent|acquisition|partner|manager|director|head|lead|coordinator|specialist|officer|assistant|associate|engineer\w*|analyst|consultant|advisor|adviser|executive|president|founder|chief|ceo|cto|cfo|coo|vp|hr|people|human|resources|operations|business|sales|marketing|finance|legal|technology|technical|senior|junior|principal|staff|global|regional|campus|hiring|team|department|abteilung|personal\w*|leitung|leiter\w*|referent\w*|gerente|responsable|chargée?|directeur|directrice|reclutamento|selezione|risorse|umane|recursos|humanos|gestor\w*|coordenador\w*|analista|ressources|humaines|teamleider|adviseur|medewerker|rekryter\w*|ansvarig|chef|kierownik|specjalista|rekruter\w*|office|admin\w*|payments?|platform|group|company|ltd|inc|gmbh|ag)\b/i,
);

// Capitalised words that open a sentence before a name ("Contact Jenna Smith at …", "Dear Tom Baker").
const NOT_A_NAME_WORD = asWordTree(
  /^(?:contact|please|email|e-mail|mail|call|ask|write|reach|dear|hi|hello|hey|thanks|thank|from|to|cc|with|and|or|the|your|our|my|recruiter|interviewer|interviewers|host|organizer|kontakt\w*|bitte|liebe|lieber|hallo|sehr|herr|frau|bonjour|cher|chère|hola|estimad[ao]|gentile|ciao|beste|hoi|hej|dzień|olá|prezado|prezada|caro|cara)$/i,
);

/** The person named at the end of `before` ("…please contact Tom Whitaker at " → "Tom Whitaker"). */
function nameBefore(before: string): string | null {
  const cut = before
    .replace(/[\s<([{,:;–—|（：，-]+$/u, '')
    .replace(
      /\s+(?:at|via|on|unter|an|à|a|en|em|su|op|på|bei|by|per|e-?mail|mail|email:|under|under adressen|pod adresem)$/i,
      '',
    )
    .replace(/[\s<([{,:;–—|（：，-]+$/u, '');
  const han = hanNameAtEnd(cut);
  if (han) return han;
  // "Lakshmi Narayanan, HR – Campus & Lateral Hiring, at …": the name may sit a comma or two back.
  const pieces = cut
    .split(/[,，;|–—(]/)
    .slice(-3)
    .reverse();
  for (const piece of pieces) {
    const tokens = piece.trim().split(/\s+/);
    for (let take = Math.min(tokens.length, 6); take >= 2; take--) {
      const name = fullPersonName(tokens.slice(-take).join(' '));
      if (name) return name;
    }
    const han = piece.trim();
    if (HAN_NAME.test(han) && !NOT_A_HAN_NAME.test(han)) return han;
  }
  return null;
}

// A person named in Han characters right before an address: a surname alone or with the given name, or
// with a form of address ("田中", "鈴木 彩花", "王女士", "陈小姐"), after a label, a department or の.
const HAN_NAME_AT_END =
  /(?:^|[\s:：の、，,]|担当|联系人|聯絡人|负责人|負責人|連絡先)([\p{Script=Han}]{1,3}(?:[ 　][\p{Script=Han}]{1,3})?(?:女士|先生|小姐|様|さん)?)$/u;
// Han words that stand where a name would but are none: what the address is, or whose it is.
const NOT_A_HAN_NAME =
  /(?:邮箱|郵箱|邮件|郵件|信箱|电子|電子|地址|住所|電話|电话|連絡|联系|聯絡|担当|負責|负责|人事|採用|招聘|(?<![阿岡冈服矢磯矶])部|課|局|係|宛先|方式|窗口|窓口)$/u;

/** "採用担当の鈴木（", "人事部 田中（", "联系人：王女士，邮箱：": the person in Han characters before an address. */
function hanNameAtEnd(cut: string): string | null {
  // "王女士，邮箱": the name may sit one label back, behind the word for the address.
  const pieces = cut
    .split(/[，,、]/)
    .slice(-2)
    .reverse();
  for (const piece of pieces) {
    const found = piece.trim().match(HAN_NAME_AT_END)?.[1];
    if (!found) continue;
    // "人事部 田中": a department before the space, the person after it.
    const [head, tail] = found.split(/[ 　]/);
    const name = tail && head && /(?:部|課|室|局|係|处|處|組|组)$/u.test(head) ? tail : found;
    const bare = name.replace(/(?:女士|先生|小姐|様|さん)$/u, '');
    if (bare.length >= 1 && !NOT_A_HAN_NAME.test(name) && (bare.length >= 2 || bare !== name)) return name;
  }
  return null;
}

/** A signature line that holds a person's name: "Jane Whitfield", "Jane Whitfield | Senior Recruiter". */
function nameOnLine(line: string): string | null {
  const head = line.split(/\s[|·•–—]\s|,\s|\s\/\s/)[0] ?? '';
  return fullPersonName(head);
}

// Words that ask the reader to write to an address, or that label a contact person, in many languages.
const ASKS = asWordTree(
  /\b(?:reply|respond|write|e-?mail|mail|contact|reach(?:\s+out)?|questions?|queries|get in touch|let (?:me|us) know|schreib\w*|antwort\w*|kontakt\w*|erreichen|melde\w*|wenden|fragen|écri\w*|contact\w*|répon\w*|joindre|escrib\w*|respond\w*|contact\w*|consultas?|dudas?|scriv\w*|contatt\w*|domande|neem|vragen|schrijf|mailen|kontakta|frågor|skriv\w*|napisz\w*|pytania|kontakt\w*|escrev\w*|entre em contato|dúvidas)\b|联系|連絡|問い合わせ|问题/iu,
);
const LABELS = asWordTree(
  /\b(?:recruiter|recruiting contact|coordinator|your contact|point of contact|contact person|hiring manager|ansprechpartner(?:in)?|kontaktperson|contacto|referente|contactpersoon|rekryterare|rekruter\w*|recruteur|recruteuse|responsable du recrutement|reclutador\w*|recrutador\w*)\b|担当|负责人|联系人/iu,
);

const TAIL_LINES = 18;

interface Mention {
  address: string;
  /** A person's name printed beside the address, or on a line above it in the same block. */
  name: string | null;
  asks: boolean;
  inSignature: boolean;
  context: string;
}

/** Where line `i` (starting at `starts[i]`) of the text ends: its line break, or the text's end. */
function lineEnd(text: string, starts: readonly number[], i: number): number {
  const end = text.indexOf('\n', starts[i] ?? 0);
  return end < 0 ? text.length : end;
}

/** Every address the employer's text names, with the words around it. Linear: a bounded number of looks. */
function mentionsIn(text: string): Mention[] {
  const head = text.length > 50_000 ? text.slice(0, 50_000) : text;
  // No "@", no address: the lines are not even counted.
  if (!head.includes('@')) return [];
  // Where each of the first 2,000 lines starts: a line is cut out only where an address may be, or above one.
  const starts = [0];
  for (let at = head.indexOf('\n'); at >= 0 && starts.length < 2_000; at = head.indexOf('\n', at + 1)) {
    starts.push(at + 1);
  }
  const tailFrom = Math.max(0, starts.length - TAIL_LINES);
  const found: Mention[] = [];
  for (let i = 0; i < starts.length && found.length < 30; i++) {
    // Straight to the line of the next "@", which must stand in its first 600 characters.
    const at = head.indexOf('@', starts[i] ?? 0);
    if (at < 0) break;
    while (i + 1 < starts.length && (starts[i + 1] ?? 0) <= at) i++;
    const start = starts[i] ?? 0;
    const end = lineEnd(head, starts, i);
    if (at >= end) break;
    if (at - start >= 600) continue;
    const line = head.slice(start, Math.min(end, start + 600));
    let rest = line;
    let offset = 0;
    for (let k = 0; k < 5; k++) {
      const hit = firstAddress(rest);
      if (!hit) break;
      const start = offset + hit.start;
      const before = line.slice(Math.max(0, start - 160), start);
      // The paragraph above: a signature block or a "contact your recruiter:" line before a blank line.
      const above: string[] = [];
      for (let j = i - 1, blanks = 0; j >= 0 && above.length < 6 && j >= i - 8; j--) {
        const prior = head.slice(starts[j] ?? 0, lineEnd(head, starts, j)).trim();
        if (!prior) {
          if (++blanks > 1) break;
          continue;
        }
        above.push(prior.slice(0, 200));
      }
      const beside = nameBefore(before);
      // The first of the four lines above that holds a name (the rest are not read).
      let stacked: string | null = null;
      for (let j = 0; !beside && stacked === null && j < above.length && j < 4; j++)
        stacked = nameOnLine(above[j] as string);
      const context = `${above.slice(0, 3).reverse().join(' ')} ${before}`;
      found.push({
        address: hit.address,
        name: beside ?? stacked,
        asks: ASKS.test(before) || LABELS.test(before) || ASKS.test(above[0] ?? '') || LABELS.test(context),
        inSignature: i >= tailFrom,
        context: excerpt(`${before}${hit.address}`, 100),
      });
      offset += hit.end;
      rest = rest.slice(hit.end);
    }
  }
  return found;
}

// A sign-off line, after which the writer's name follows.
const SIGN_OFF = asWordTree(
  /^(?:best|best regards|kind regards|warm regards|regards|many thanks|thanks|thank you|cheers|sincerely|yours|all the best|best wishes|mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüsse|freundliche grüße|viele grüße|viele grüsse|beste grüße|liebe grüße|herzliche grüße|cordialement|bien cordialement|bien à vous|salutations|saludos|un saludo|saludos cordiales|atentamente|cordiali saluti|distinti saluti|saluti|un caro saluto|met vriendelijke groet|vriendelijke groet|groetjes|groeten|med vänliga hälsningar|vänliga hälsningar|hälsningar|mvh|pozdrawiam|z poważaniem|atenciosamente|abraços|cumprimentos|obrigad[ao]|祝好|此致|敬礼|よろしくお願いいたします|よろしくお願いします)[\s,.!]*$/iu,
);

/** The person who signs the message: the first full name within three lines after its sign-off. */
export function signerOf(text: string): string | null {
  const lines = text
    .slice(-3_000)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-TAIL_LINES);
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!SIGN_OFF.test(lines[i] ?? '')) continue;
    for (const line of lines.slice(i + 1, i + 4)) {
      const name = nameOnLine(line);
      if (name) return name;
    }
  }
  return null;
}

// Sentences that say the sender's own address is read by nobody.
const NOT_MONITORED = asWordTree(
  /\b(?:not (?:being )?monitored|do not reply|don['’]t reply|please do not respond|cannot be answered|no replies|bitte antworten sie nicht|nicht auf diese e-?mail|ne pas répondre|no responda|non rispondere|niet beantwoorden|niet op deze e-?mail|går inte att besvara|svara inte|nie odpowiadaj|não responda)\b/i,
);

/** A name wins from 40, and is sure from 75 with no other name within 10. */
export const NAME_THRESHOLDS = { floor: 40, sure: 75, margin: 10 };

export interface ContactReading {
  contact: Contact;
  email: FactReading;
  name: FactReading;
}

interface Evidence {
  original: OriginalMessage;
  calendar: CalendarFacts | null;
  /** Every address of the user's (the forwarder, the original's recipients, their messages in the thread). */
  userAddresses: string[];
  ownDomain: string;
}

/** The employer's own words: the original's, else its whole body. */
export function employerText(original: OriginalMessage): string {
  const own = original.thread?.find((m) => m.original)?.text;
  return own && own.length > 40 ? own : original.body;
}

interface AddressCandidate extends Candidate {
  /** The display name printed with it, when a person's. */
  name: string | null;
  nameSource: string;
}

/** A mailbox a header or the calendar names, as a candidate address. */
function addMailbox(
  raw: AddressCandidate[],
  mailbox: MailboxRef | null,
  source: string,
  score: number,
  evidenceText: string,
): void {
  if (!mailbox) return;
  raw.push({
    value: normaliseAddress(mailbox.address),
    source,
    evidence: excerpt(evidenceText),
    score,
    notes: [],
    name: mailbox.name,
    nameSource: `${source} name`,
  });
}

function addressCandidates(evidence: Evidence): AddressCandidate[] {
  const { original, calendar } = evidence;
  const text = employerText(original);
  const refuses = NOT_MONITORED.test(original.body.slice(0, 20_000));
  const raw: AddressCandidate[] = [];
  for (const replyTo of original.replyTo)
    addMailbox(raw, replyTo, 'reply-to', 90, `Reply-To: ${replyTo.address}`);
  if (calendar?.organizer) addMailbox(raw, calendar.organizer, 'calendar.organizer', 80, 'ORGANIZER');
  if (original.from)
    addMailbox(raw, original.from, 'sender', refuses ? 45 : 75, `From: ${original.from.address}`);
  for (const message of original.thread ?? []) {
    if (!message.byUser && !message.original)
      addMailbox(raw, message.from, 'thread', 60, 'an earlier message');
  }
  for (const mention of mentionsIn(text)) {
    const source = mention.asks ? 'text.contact' : mention.inSignature ? 'signature' : 'text';
    const score = mention.asks ? 85 : mention.inSignature ? (mention.name ? 68 : 55) : mention.name ? 45 : 30;
    raw.push({
      value: mention.address,
      source,
      evidence: mention.context,
      score,
      notes: [],
      name: mention.name,
      nameSource: `${source} name`,
    });
  }
  return raw;
}

/** What an address says about who reads it: read once per address, however often it is named. */
interface AddressKind {
  domain: string | null;
  plausible: boolean;
  free: boolean;
  relay: boolean;
  unattended: boolean;
  team: boolean;
  bulk: boolean;
}

function addressKind(address: string): AddressKind {
  return {
    domain: domainOf(address),
    plausible: isPlausibleAddress(address),
    free: isFreeMail(address),
    relay: isRelay(address),
    unattended: isUnattendedAddress(address),
    team: isTeamMailbox(address),
    bulk: isBulkMailbox(address),
  };
}

/** An address's kind, read once per mail however often it is named. */
function kindOf(kinds: Map<string, AddressKind>, address: string): AddressKind {
  const known = kinds.get(address);
  if (known) return known;
  const kind = addressKind(address);
  kinds.set(address, kind);
  return kind;
}

/** Notes why an address is ruled out; its score then. */
function ruledOut(notes: string[], note: string): number {
  notes.push(note);
  return -100;
}

/** Scores each address for who reads it; addresses nobody at the employer reads are ruled out. */
function weigh(raw: AddressCandidate[], evidence: Evidence): AddressCandidate[] {
  const users = new Set(evidence.userAddresses.map((a) => a.toLowerCase()));
  const own = evidence.ownDomain.toLowerCase();
  // The same address stands in several places (Reply-To, From, the signature): its kind is read once.
  const kinds = new Map<string, AddressKind>();
  // Whether a domain of the employer's own stands among the addresses (free mail loses beside it).
  let employerDomain = false;
  for (const candidate of raw) {
    const kind = kindOf(kinds, candidate.value);
    if (kind.domain && !kind.free && !kind.relay && !kind.unattended) employerDomain = true;
  }
  const ownSubdomain = `.${own}`;
  const weighed: AddressCandidate[] = [];
  for (const candidate of raw) {
    const address = candidate.value;
    const kind = kindOf(kinds, address);
    const notes = candidate.notes.slice();
    let score = candidate.score;
    // Each rule that holds rules the address out, and says so.
    if (!kind.plausible) score = ruledOut(notes, 'not an address');
    if (users.has(address)) score = ruledOut(notes, "the user's own");
    if (kind.domain === own || (kind.domain ?? '').endsWith(ownSubdomain))
      score = ruledOut(notes, "Bowout's own");
    if (kind.unattended) score = ruledOut(notes, 'nobody reads it (no-reply)');
    if (kind.relay) score = ruledOut(notes, "a tracking system's relay");
    if (kind.bulk) score = ruledOut(notes, 'mass mail (a newsletter or an alert)');
    if (
      candidate.source === 'calendar.organizer' &&
      isSchedulerCalendarAccount(address, evidence.calendar?.uid ?? null)
    )
      score = ruledOut(notes, "a scheduling system's calendar account");
    if (score > 0) {
      const person = personName(candidate.name) ?? null;
      if (kind.team && !person) {
        score -= 20;
        notes.push('a team mailbox');
      } else if (person || nameFromAddress(address)) {
        score += 10;
        notes.push('a person');
      }
      if (kind.free && employerDomain) {
        score -= 25;
        notes.push('free mail beside the employer’s domain');
      }
    }
    weighed.push({ ...candidate, score, notes });
  }
  return weighed;
}

/** A name found, as a candidate (nothing when none was). */
function addName(
  found: Candidate[],
  value: string | null,
  source: string,
  score: number,
  evidenceText: string,
  notes: string[] = [],
): void {
  if (value) found.push({ value, source, evidence: excerpt(evidenceText), score, notes });
}

function nameCandidates(
  raw: AddressCandidate[],
  chosen: string | null,
  text: string,
  evidence: Evidence,
): Candidate[] {
  const found: Candidate[] = [];
  if (chosen) {
    for (const candidate of raw) {
      if (candidate.value !== chosen) continue;
      const name = personName(candidate.name);
      addName(
        found,
        name,
        candidate.nameSource,
        candidate.source.startsWith('text') ? 85 : 90,
        `${candidate.name}`,
      );
    }
    const team = isTeamMailbox(chosen);
    // A name printed with the address settles it; the text is searched only when none was.
    if (found.length && !team) return merge(found, 5);
    const signer = signerOf(text);
    addName(
      found,
      nameFromText(chosen, text),
      'text.spelling',
      72,
      'a name in the text that spells the address',
    );
    for (const candidate of raw) {
      const name = personName(candidate.name);
      if (candidate.value !== chosen && name && nameFitsAddress(name, chosen))
        addName(found, name, `${candidate.source} name`, 66, `${candidate.name}`, ['fits the address']);
    }
    if (!team) addName(found, nameFromAddress(chosen), 'address', 50, chosen, ['spelled from the address']);
    const fits = signer !== null && nameFitsAddress(signer, chosen);
    if (signer && (team || fits))
      addName(found, signer, 'signature.signer', fits ? 70 : 55, `signed ${signer}`);
  } else {
    // No one to write to, but a person may still be named ("Hannah Cole (via Greenhouse)" from no-reply@).
    const signer = signerOf(text);
    for (const candidate of raw) {
      // A tracking system prints the company where a person's name would be ("Allegheny Trust"): a
      // name on a relayed sender counts when it says "via", or when that person signs the text.
      const name = personName(candidate.name);
      const named = name && (/\(via\b|\svia\s/i.test(candidate.name ?? '') || name === signer);
      addName(found, named ? name : null, candidate.nameSource, 70, `${candidate.name}`);
    }
    // The writer named by a reply line or a forward block that printed no address ("… schrieb Ulrike
    // Brandl:"): the person who wrote the invite, though nobody's address can be written to.
    const printed = evidence.original.from ? null : personName(evidence.original.fromName);
    addName(
      found,
      printed,
      'sender name',
      signer && printed === signer ? 80 : 70,
      `${evidence.original.fromName}`,
    );
    addName(found, askedPerson(text), 'text.contact', 65, 'a person the text says to contact');
    addName(found, signer, 'signature.signer', 50, `signed ${signer}`);
  }
  return merge(found, 5);
}

/** "kontakta klinikchef Elin Sjöberg på telefon": a person the text asks the reader to contact. */
function askedPerson(text: string): string | null {
  const head = text.slice(0, 20_000);
  // A contact's label first ("Your coordinator is Alicia Fong.", the first few of them), else the
  // first request ("kontakta klinikchef Elin Sjöberg").
  for (const [pattern, most] of [
    [CONTACT_LABELS_ALL, 3],
    [ASKS_ALL, 1],
  ] as const) {
    let tries = 0;
    for (const ask of head.matchAll(pattern)) {
      if (++tries > most) break;
      const at = (ask.index ?? 0) + ask[0].length;
      // A name does not run on to the next line ("Ben Sato" above "Each session …").
      const tokens = (head.slice(at, at + 80).split('\n')[0] ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
      for (let from = 0; from < tokens.length - 1; from++) {
        if (!UPPER_START.test(tokens[from] ?? '')) continue;
        for (let take = Math.min(4, tokens.length - from); take >= 2; take--) {
          // "… is Alicia Fong.": the sentence's full stop is not part of the name.
          const words = tokens
            .slice(from, from + take)
            .join(' ')
            .replace(STOP_AFTER_WORD, '');
          const name = fullPersonName(words);
          if (name) return name;
        }
      }
    }
  }
  return null;
}
const ASKS_ALL = new RegExp(ASKS.source, 'giu');
// The labels of a contact person, without the hiring manager (who interviews, and is not whom to write to).
const CONTACT_LABELS_ALL = asWordTree(
  /\b(?:recruiter|recruiting contact|coordinator|your contact|point of contact|contact person|ansprechpartner(?:in)?|kontaktperson|contacto|referente|contactpersoon|rekryterare|rekruter\w*|recruteur|recruteuse|responsable du recrutement|reclutador\w*|recrutador\w*)\b/giu,
);

/** Reads the contact from every piece of evidence; see the step's comment above. */
export function readContact(evidence: Evidence): ContactReading {
  const raw = weigh(addressCandidates(evidence), evidence);
  const email = decide(merge(raw), { floor: 20, sure: 70, margin: 15 });
  const text = employerText(evidence.original);
  const name = decide(nameCandidates(raw, email.value, text, evidence), NAME_THRESHOLDS);
  // A display name that is the organisation's ("Domstad Zorgtechniek" for domstadzorg.nl) is no person's.
  const label = organisationLabel(email.value);
  if (
    name.value &&
    label &&
    squash(name.value).startsWith(squash(label).slice(0, 6)) &&
    !nameFitsAddress(name.value, email.value ?? '')
  ) {
    name.candidates = name.candidates.filter((c) => c.value !== name.value);
    Object.assign(name, decide(name.candidates, NAME_THRESHOLDS));
  }
  return { contact: { name: name.value, email: email.value, company: null }, email, name };
}

/** The contact alone, for callers that need no explanation. */
export function findContact(
  original: OriginalMessage,
  calendar: CalendarFacts | null,
  userAddress: string,
  ownDomain: string,
): Contact {
  return readContact({ original, calendar, userAddresses: [userAddress], ownDomain }).contact;
}
