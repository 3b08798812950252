import { type TextLine, TextLines } from './forward-headers.js';
import { cleanDisplayName, firstAddress, type LooseMailbox } from './forward-mailbox.js';

/**
 * Reads the line a mail client writes above a quoted message when the user replies instead of
 * forwarding ("On Tue, 8 Dec 2026 at 10:02, Jane Doe <jane@acme.com> wrote:"), in the languages and
 * shapes clients write it: the verb after the author ("wrote", "a écrit", "escribió", "ha scritto",
 * "escreveu", "napisał", "写道"), before it ("Am … schrieb Jane Doe <…>:", "Den … skrev …", "Op … schreef
 * …"), none at all (Gmail in Japanese: "2027年2月22日(月) 9:41 山田太郎 <…>:"), wrapped over two or three
 * lines, quoted or not. Each line is looked at a bounded number of times, every pattern is anchored and
 * works on at most MAX_JOINED characters.
 */

export interface Attribution {
  author: LooseMailbox;
  /** The date part of the line ("Tue, 8 Dec 2026 at 10:02"), for the forward date reader. */
  dateLine: string | null;
  /** Index of the attribution's first line in its text. */
  start: number;
  /** Index just after its last line. */
  end: number;
}

const MAX_JOINED = 400;
const MAX_LINES = 5000;
const MAX_LINES_JOINED = 3;

// The verb after the author, at the end of the line: "… Jane Doe <jane@acme.com> wrote:".
const WORD_VERBS = [
  'wrote',
  'has written',
  'a écrit',
  'escribió',
  'escribio',
  'ha scritto',
  'escreveu',
  'escribiu',
  'napisał\\(a\\)',
  'napisała',
  'napisał',
  'napisal',
  'pisze',
  'kirjoitti',
  'írta',
  'napsal',
  'napsala',
  'написал',
  'написала',
  'написав',
  'yazdı',
  'skrev',
  'schreef',
  'geschreven',
  'schrieb',
  'va escriure',
  'scrisse',
];
// Verbs of scripts without spaces, which follow the name directly.
const GLUED_VERBS = ['写道', '寫道', 'のメッセージ', 'のメール', 'さんは書きました', 'が書きました', '작성'];
const VERB_AFTER = new RegExp(
  `(?:(?:^|[\\s>)"”'])(?:${WORD_VERBS.join('|')})|${GLUED_VERBS.join('|')})\\s*(?:-{2,})?\\s*[:：]?\\s*(?:-{2,})?$`,
  'iu',
);
// How an attribution can end: with a colon or a dash, else with a verb, whose last word (the verb may
// be wrapped onto the next line) is looked for in the line's last few characters only. A line that
// ends otherwise ends no attribution, and the patterns below are not tried on it.
const VERB_ENDINGS = [...WORD_VERBS, ...GLUED_VERBS].map((verb) => verb.split(' ').pop() as string);
const ENDS_WITH_VERB = new RegExp(`(?:${VERB_ENDINGS.join('|')})$`, 'iu');
// A verb's last character, tried before the verbs themselves.
const VERB_LAST_CHARACTER = new RegExp(`[${VERB_ENDINGS.map((verb) => verb.slice(-1)).join('')}]`, 'iu');
const VERB_TAIL = 16;
// The verb before the author: "Am 12.01.2027 um 14:35 schrieb Jane Doe <jane@acme.com>:".
const VERB_BEFORE = /(?:^|\s)(schrieb|skrev|schreef|kirjutas|rašė|scrie|napisana przez)\s+(?=\S)/iu;
// How an attribution opens: a preposition of time, a date, or the sender's mailbox itself.
const OPENER =
  /^(?:-{2,}\s*)?(?:(?:on|am|le|el|il|in|em|a|op|den|dne|d\.|w dniu|dnia|at|в|у|στις|pada|vào|no dia|wiadomość napisana)\s|在|于|於|\d|\p{L}{2,5}\.?,\s+\d|["“]?[\p{Lu}\p{Lo}][\p{L}'’.-]*(?:\s+[\p{Lu}\p{Lo}][\p{L}'’.-]*){0,3}["”]?\s*[<(])/iu;
// Words of a date or time that may sit right before the author's name ("10:42 AM Dorothea Quaile").
const TIME_WORDS =
  /^(?:am|pm|a\.m\.|p\.m\.|uhr|um|at|à|a|las|la|alle|ore|kl|kl\.|klockan|om|o|godz\.?|h|hs|hrs|utc|gmt|cet|cest|mez|mesz|bst|est|edt|cst|cdt|pst|pdt|ist|jst|sgt|aest|aedt|午前|午後|上午|下午|użytkownik|utilisateur|usuario|utente|user)$/i;

// Module scope: a `\p{…}` literal inside a function is rebuilt on every call once bundled.
const CAPITALISED = /^["'“(]?(?:\p{Lu}|\p{Lo})/u;

// Lower-case particles inside a name ("Willemijn de Graaf", "Anouk van der Berg").
const PARTICLE = /^(?:de|del|della|der|den|van|von|da|di|do|dos|du|la|le|ter|ten|bin|al|y|e)$/;

/**
 * The author's name at the end of `text` ("…, 2027 at 10:42 AM Dorothea Quaile" → "Dorothea Quaile"):
 * a quoted name, else the run of capitalised (or unicameral: 赵敏, 佐々木 遥) words before the end, so
 * the date, "AM", "időpontban" or "пользователь" before it stay out.
 */
function trailingName(text: string): string | null {
  const piece = (text.split(/[,，、]/).pop() ?? '').trim();
  const quoted = piece.match(/["“„«]\s*([^"“”„«»]{1,80}?)\s*["”»]$/);
  if (quoted?.[1]) return cleanDisplayName(quoted[1], null);
  const tokens = piece.split(/\s+/).filter(Boolean);
  let first = tokens.length;
  while (first > 0) {
    const token = tokens[first - 1] ?? '';
    if (/\d/.test(token) || TIME_WORDS.test(token)) break;
    const capitalised = CAPITALISED.test(token);
    if (!capitalised && !(PARTICLE.test(token) && first < tokens.length)) break;
    first--;
  }
  while (first < tokens.length && PARTICLE.test(tokens[first] ?? '')) first++;
  const name = tokens.slice(first).join(' ');
  return name ? cleanDisplayName(name, null) : null;
}

/** The author named after the verb ("schrieb Jane Doe <jane@acme.com>" → Jane Doe, jane@acme.com). */
function authorAfter(text: string): LooseMailbox | null {
  const found = firstAddress(text);
  if (!found) {
    const name = cleanDisplayName(text.replace(/\s+am\s.*$/i, ''), null);
    return name ? { name, address: null } : null;
  }
  const name = cleanDisplayName(text.slice(0, found.start).replace(/[\s<([]+$/, ''), found.address);
  return { name, address: found.address };
}

/** The author named before the verb, after the date ("On …, Jane Doe <jane@acme.com>"). */
function authorBefore(text: string): { author: LooseMailbox; dateLine: string } | null {
  const found = firstAddress(text);
  if (!found) {
    const name = trailingName(text);
    if (!name) return null;
    return { author: { name, address: null }, dateLine: text.slice(0, text.lastIndexOf(name)) };
  }
  const before = text.slice(0, found.start).replace(/[\s<([]+$/, '');
  // "Jane Doe <jane@acme.com> schrieb am 8. Januar 2027:": the mailbox first, the date after it.
  if (!/\d/.test(before)) {
    return {
      author: { name: cleanDisplayName(before, found.address), address: found.address },
      dateLine: text.slice(found.end),
    };
  }
  const name = trailingName(before);
  return {
    author: { name, address: found.address },
    dateLine: name ? before.slice(0, before.lastIndexOf(name)) : before,
  };
}

/** Reads one joined candidate line; null when it is not an attribution. */
export function readAttributionLine(joined: string): Omit<Attribution, 'start' | 'end'> | null {
  const text = joined
    .replace(/^[\uFEFF\u200B]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length < 8 || text.length > MAX_JOINED || !OPENER.test(text)) return null;
  const before = text.match(VERB_BEFORE);
  if (before?.index !== undefined && /[:：]\s*(?:-{2,})?$/.test(text)) {
    const head = text.slice(0, before.index);
    const rest = text.slice(before.index + before[0].length).replace(/\s*[:：]\s*(?:-{2,})?$/, '');
    // "Jane Doe <jane@acme.com> schrieb am 8. Januar 2027:": the mailbox first, the date after the verb.
    const mailboxFirst = firstAddress(head) !== null && !/\d/.test(head.split('@')[0] ?? '');
    const author = mailboxFirst ? authorAfter(head) : authorAfter(rest);
    if (author) return { author, dateLine: mailboxFirst ? rest : head };
  }
  const after = text.match(VERB_AFTER);
  if (after?.index !== undefined) {
    const read = authorBefore(text.slice(0, after.index).replace(/^-{2,}\s*/, ''));
    if (read) return { author: read.author, dateLine: read.dateLine.trim() || null };
  }
  // No verb at all, as Gmail writes it in Japanese and Korean: a date, then the mailbox and a colon.
  if (/^\d/.test(text) && /[>)]\s*[:：]$/.test(text)) {
    const read = authorBefore(text.replace(/\s*[:：]$/, ''));
    if (read?.author.address) return { author: read.author, dateLine: read.dateLine.trim() || null };
  }
  return null;
}

/** Where a line's content starts for this reader: after its quote prefix and any white space. */
function contentStart(line: TextLine): number {
  return line.textStart;
}

function contentEnd(line: TextLine): number {
  return Math.max(line.trimmedEnd, line.textStart);
}

function isBlank(line: TextLine): boolean {
  return line.trimmedEnd <= line.textStart;
}

/** Whether a line's content could end an attribution (see ENDS_WITH_VERB). */
function mayEnd(text: string, line: TextLine): boolean {
  if (isBlank(line)) return false;
  const start = contentStart(line);
  const end = contentEnd(line);
  // A colon (full-width too) or a dash, told by its code.
  const code = text.charCodeAt(end - 1);
  if (code === 0x3a || code === 0xff1a || code === 0x2d) return true;
  return (
    VERB_LAST_CHARACTER.test(text.charAt(end - 1)) &&
    ENDS_WITH_VERB.test(text.slice(Math.max(start, end - VERB_TAIL), end))
  );
}

/**
 * The reply attributions in `text`, in order, each with its author. A line is tried alone and joined to
 * the next one or two lines of the same quote depth, since clients wrap long attributions; only lines
 * whose last character could end an attribution are read further. `textLines` are the text's lines when
 * another reader already read them.
 */
export function readAttributions(text: string, textLines: TextLines = new TextLines(text)): Attribution[] {
  const lines: TextLine[] = [];
  const ends: boolean[] = [];
  for (let index = 0; index < MAX_LINES; index++) {
    const line = textLines.at(index);
    if (!line) break;
    lines.push(line);
    ends.push(mayEnd(text, line));
  }
  const found: Attribution[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as TextLine;
    if (isBlank(line) || !endsWithin(lines, ends, i)) continue;
    if (!OPENER.test(contentOf(text, line))) continue;
    let joined = '';
    for (let k = 0; k < MAX_LINES_JOINED; k++) {
      const next = lines[i + k];
      if (!next || isBlank(next) || next.depth !== line.depth) break;
      joined = k === 0 ? contentOf(text, next) : `${joined} ${contentOf(text, next)}`;
      if (joined.length > MAX_JOINED) break;
      const read = ends[i + k] ? readAttributionLine(joined) : null;
      if (read) {
        found.push({ ...read, start: line.start, end: next.end });
        i += k;
        break;
      }
    }
  }
  return found;
}

/** Whether one of the lines an attribution starting at line `i` may span could end it. */
function endsWithin(lines: readonly TextLine[], ends: readonly boolean[], i: number): boolean {
  const depth = lines[i]?.depth;
  for (let k = 0; k < MAX_LINES_JOINED; k++) {
    const next = lines[i + k];
    if (!next || isBlank(next) || next.depth !== depth) return false;
    if (ends[i + k]) return true;
  }
  return false;
}

function contentOf(text: string, line: TextLine): string {
  return text.slice(contentStart(line), contentEnd(line));
}
