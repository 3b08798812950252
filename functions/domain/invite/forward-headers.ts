/**
 * Finds the header block a mail client writes above a message it forwards inline ("From: … Date: …
 * Subject: … To: …", in any of the languages clients use), with or without a separator line
 * ("---------- Forwarded message ---------", "-----Original Message-----", "Begin forwarded message:",
 * Outlook's "________________________________"), quoted with ">" or not, one field per line or all glued
 * on one line as Yahoo does. One pass over the lines, each line looked at a bounded number of times.
 */

export type HeaderName = 'from' | 'date' | 'subject' | 'to' | 'cc' | 'replyTo';

// Each header's label in the languages clients write it, '|'-separated (labels may hold spaces).
const LABELS: Record<HeaderName, string> = {
  from: 'from|von|de|da|van|fra|från|od|lähettäjä|šalje|feladó|expeditorul|отправитель|от|від|від кого|saatja|de la|gönderen|kimden|mittente|nadawca|送信元|差出人|发件人|發件人|寄件者|寄件人|보낸 사람|보낸사람|από|dari|người gửi|remetente|afzender|avsändare|absender|lähettäjä',
  date: 'date|sent|datum|dato|envoyé|envoyé le|fecha|päivämäärä|dátum|data|dată|дата|tarih|päiväys|日付|gesendet|enviado|enviada|enviado el|inviato|verzonden|wysłano|trimis|отправлено|odoslané|odesláno|skickat|gönderilen|відправлено|sendt|lähetetty|elküldve|poslano|kelt|sent at|date sent|送信日時|发送时间|發送時間|寄件日期|傳送日期|日期|보낸 날짜|날짜|gönderildi|αποστολή|ημερομηνία|dikirim|tanggal|ngày gửi',
  subject:
    'subject|betreff|objet|asunto|oggetto|assunto|onderwerp|ämne|emne|aihe|temat|předmět|predmet|tárgy|subiect|subiectul|тема|konu|sujet|naslov|件名|主题|主題|主旨|제목|θέμα|perihal|subjek|chủ đề|teema',
  to: 'to|an|à|a|para|aan|till|til|komu|do|címzett|vastaanottaja|prima|destinatarul|către|кому|pre|kime|pour|adresat|送信先|宛先|收件人|收件者|받는 사람|받는사람|προς|kepada|tới|saaja',
  cc: 'cc|kopie|kopio|másolat|kopi|dw|копия|kopia|bilgi|копія|másolatot kap|kópia|copie à|kopie (cc)|cci|bcc|koopia|抄送|副本|참조|κοιν',
  replyTo:
    'reply-to|reply to|antwort an|répondre à|responder a|rispondi a|antwoord aan|svar til|svara till|odpověď na|odgovori na|vastaus|válaszcím|odpowiedź-do|răspuns către|ответ-кому|odpovedať-pre|yanıt adresi|кому відповісти',
};

const LABEL_OF = new Map<string, HeaderName>();
for (const [name, labels] of Object.entries(LABELS) as [HeaderName, string][]) {
  for (const label of labels.split('|')) if (!LABEL_OF.has(label)) LABEL_OF.set(label, name);
}
const LONGEST_LABEL = Math.max(...[...LABEL_OF.keys()].map((l) => l.length));
// The lengths labels have, longest first, and the characters they end with: a colon after any other
// character ends no label ("4:02", "https:"), and only slices of a label's length are looked up.
const LABEL_LENGTHS = [...new Set([...LABEL_OF.keys()].map((l) => l.length))].sort((a, b) => b - a);
const LABEL_LAST_CODES = new Set([...LABEL_OF.keys()].map((l) => l.charCodeAt(l.length - 1)));

// Words that mark a line as a forward separator, in the languages clients write them.
const FORWARD_WORDS =
  /forward|weitergeleitet|ursprüngliche|transféré|réexpédié|transmis|d'origine|reenviado|inoltrat|originale?\b|encaminhad|reencaminhad|doorgestuurd|oorspronkelijk|videresend|vidarebefordra|välitetty|edelleenlähetetty|alkuperäinen|přeposílan|přeposlan|preposlan|proslijeđen|továbbított|przekaz|przesłan|redirecționat|переадресован|пересыла|пересила|перенаправлен|переслан|iletil|ileti başlangıcı|İleti başlangıcı|転送/i;

const MAX_LINE = 1000;
const MAX_LINES = 5000;
const MAX_RUN = 30;
const MAX_COLONS = 24;

export interface ForwardBlock {
  /** Where the forward starts in the text: its separator line, else its first header line. */
  start: number;
  /** Where the forwarded message's own body starts (after the header block and blank lines). */
  bodyStart: number;
  /** The first value of each header the block names. */
  fields: Partial<Record<HeaderName, string>>;
  /** Whether the block was quoted with ">" (its body lines are quoted too). */
  quoted: boolean;
  separator: boolean;
}

/** Whether a UTF-16 code unit is one that `trim()` (and `\s`) treats as white space. */
export function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const MAX_QUOTE_PREFIX = 40;

/**
 * One line of a text, read once for every reader of the text's lines: the forward header reader and the
 * reply attribution reader. Both see its first MAX_LINE characters, its quote prefix (a run of ">",
 * spaces and tabs) aside and trailing white space trimmed; the attribution reader counts the prefix's
 * ">" marks only in its first MAX_QUOTE_PREFIX characters, and also skips a byte-order mark or zero-width
 * space a client left after it, and any white space.
 */
export interface TextLine {
  start: number;
  end: number;
  /** Where the quote prefix ends. */
  prefixEnd: number;
  /** Whether the prefix holds a ">". */
  quoted: boolean;
  /** The ">" marks among the prefix's first MAX_QUOTE_PREFIX characters: the quote depth. */
  depth: number;
  /** Where the attribution reader's content starts. */
  textStart: number;
  /** Where the content ends, trailing white space trimmed; never before the start either reader uses. */
  trimmedEnd: number;
}

/** Reads the line text[start, end) (end: its line break or the text's end). */
export function readTextLine(text: string, start: number, end: number): TextLine {
  const capEnd = Math.min(end, start + MAX_LINE);
  let index = start;
  let quoted = false;
  let depth = 0;
  let prefixCap = Math.min(capEnd, start + MAX_QUOTE_PREFIX);
  for (; index < capEnd; index++) {
    const code = text.charCodeAt(index);
    if (code === GT) {
      quoted = true;
      if (index < prefixCap) depth++;
    } else if (code !== SPACE && code !== TAB) break;
  }
  // The attribution reader stops reading the prefix after MAX_QUOTE_PREFIX characters.
  prefixCap = Math.min(index, prefixCap);
  let textStart = prefixCap;
  while (
    textStart < capEnd &&
    (text.charCodeAt(textStart) === 0xfeff || text.charCodeAt(textStart) === 0x200b)
  )
    textStart++;
  while (textStart < capEnd && isSpaceCode(text.charCodeAt(textStart))) textStart++;
  const floor = Math.min(index, textStart);
  let trimmedEnd = capEnd;
  while (trimmedEnd > floor && isSpaceCode(text.charCodeAt(trimmedEnd - 1))) trimmedEnd--;
  return { start, end, prefixEnd: index, quoted, depth, textStart, trimmedEnd };
}

/**
 * The lines of a text, each read once (in order, as far as readers ask) and shared by the readers of one
 * text: the forward header blocks it holds, then its reply attributions.
 */
export class TextLines {
  private readonly lines: TextLine[] = [];
  private position: number;

  constructor(
    readonly text: string,
    /** Where the first line starts. */
    readonly from = 0,
  ) {
    this.position = from;
  }

  /** Line `index` (from 0), or null past the text's end. */
  at(index: number): TextLine | null {
    const { lines, text } = this;
    while (lines.length <= index) {
      const start = this.position;
      if (start > text.length) return null;
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      this.position = end + 1;
      lines.push(readTextLine(text, start, end));
    }
    return lines[index] as TextLine;
  }

  /** The number of the line starting at `position`, or -1 when no line starts there. */
  indexOf(position: number): number {
    const { lines } = this;
    // Lines are read in order: read on until one starts at or after the position, then search.
    while (lines.length === 0 || (lines[lines.length - 1] as TextLine).start < position)
      if (!this.at(lines.length)) return -1;
    let low = 0;
    let high = lines.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((lines[middle] as TextLine).start < position) low = middle + 1;
      else high = middle;
    }
    return (lines[low] as TextLine).start === position ? low : -1;
  }
}

/**
 * The lines of a text from `from` on, at most MAX_LINES, as the header reader sees them: a line's
 * content is only cut out of the text when a look at its first and last characters says it may be a
 * separator or a header.
 */
class LineCursor {
  private index: number;
  private readonly last: number;
  private readonly lines: TextLines;
  constructor(lines: TextLines, from: number) {
    let first = lines.indexOf(from);
    // Not at a line start of the shared lines: the lines from that position on, read afresh.
    this.lines = first === -1 ? new TextLines(lines.text, from) : lines;
    if (first === -1) first = 0;
    this.index = first;
    this.last = first + MAX_LINES;
  }

  next(): TextLine | null {
    if (this.index >= this.last) return null;
    return this.lines.at(this.index++);
  }
}

/** Where a line's content starts for the header reader: after its quote prefix. */
function contentStart(line: TextLine): number {
  return line.prefixEnd;
}

function contentEnd(line: TextLine): number {
  return Math.max(line.trimmedEnd, line.prefixEnd);
}

/** Indented without quote marks: a wrapped header value continues on such a line. */
function indented(line: TextLine): boolean {
  return line.prefixEnd > line.start && !line.quoted;
}

const GT = 0x3e;
const SPACE = 0x20;
const TAB = 0x09;
const STAR = 0x2a;
const COLON = 0x3a;
const WIDE_COLON = 0xff1a;

/**
 * Whether a line's content could be a separator or a header line, from its first and last characters
 * and the place of its first colon alone: most lines of a mail are neither, and are not cut out.
 */
function mayMatter(text: string, line: TextLine): boolean {
  const start = contentStart(line);
  const end = contentEnd(line);
  if (start >= end) return false;
  const first = text.charCodeAt(start);
  // Separators: "_____", "-----", "==== … ====", or a short line ending in a colon.
  if (first === 0x5f || first === 0x2d || first === 0x3d || first === STAR) return true;
  const last = text.charCodeAt(end - 1);
  if ((last === COLON || last === WIDE_COLON) && end - start <= SEPARATOR_LINE) return true;
  // Header lines: a label, then a colon within reach of the line's start.
  return firstColon(text, start, Math.min(end, start + LONGEST_LABEL + 5)) > start;
}

/** The first ":" or "：" in text[from, to), or -1. */
function firstColon(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === COLON || code === WIDE_COLON) return i;
  }
  return -1;
}

/** Lower case with every character kept in place ("İ" would otherwise grow to two). */
function lowerInPlace(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  return Array.from(text, (ch) => {
    const low = ch.toLowerCase();
    return low.length === ch.length ? low : ch;
  }).join('');
}

interface Label {
  name: HeaderName;
  /** Where the label starts in the line. */
  at: number;
}

const SPACE_OR_STAR = /[\s*]/;
const TRAILING_SPACE_OR_STAR = /[\s*]+$/;
// Module scope: a `\p{…}` literal inside a function is rebuilt on every call once bundled.
const ENDS_WITH_LETTER = /\p{L}$/u;

/** Where a label ends before position `colon`: blanks and bold stars between them are skipped. */
function labelEnd(lower: string, colon: number): number {
  let end = colon;
  while (end > 0 && (lower[end - 1] === ' ' || lower[end - 1] === '*')) end--;
  return end;
}

/**
 * The label a line starts with, ending right before position `colon` of `lower`: the whole text before
 * the colon, leading blanks and stars aside, must be a label (no label starts with a blank or a star,
 * so that is the longest label ending there).
 */
function labelAtLineStart(lower: string, colon: number): Label | null {
  const end = labelEnd(lower, colon);
  let start = 0;
  while (start < end && SPACE_OR_STAR.test(lower[start] as string)) start++;
  const name = LABEL_OF.get(lower.slice(start, end));
  return name ? { name, at: start } : null;
}

/** The label ending right before position `colon` of a glued line's `lower`, longest first ("CETTárgy:" → "tárgy"). */
function labelEndingAt(lower: string, colon: number): Label | null {
  const end = labelEnd(lower, colon);
  if (end === 0 || !LABEL_LAST_CODES.has(lower.charCodeAt(end - 1))) return null;
  for (const length of LABEL_LENGTHS) {
    if (length > end) continue;
    const start = end - length;
    const name = LABEL_OF.get(lower.slice(start, end));
    if (!name) continue;
    // Inside a glued line a short label must stand alone ("…>To:"); a long one may follow letters ("CETEmne:").
    if (length > 3) return { name, at: start };
    const before = lower.slice(Math.max(0, start - 8), start).replace(TRAILING_SPACE_OR_STAR, '');
    if (before === '' || !ENDS_WITH_LETTER.test(before)) return { name, at: start };
  }
  return null;
}

export interface HeaderHit {
  name: HeaderName;
  value: string;
}

function clean(value: string): string {
  return value.replace(/^[\s*]+|[\s*]+$/g, '');
}

/**
 * The header fields a line holds: one ("Subject: Hello"), or several glued together as Yahoo writes
 * them ("From: A <a@x>To: b@y Sent: …Subject: Hello"). Null when the line is not a header line.
 */
export function readHeaderLine(content: string): HeaderHit[] | null {
  const text = content.charCodeAt(0) === STAR ? content.replace(/^\*+\s*/, '') : content;
  // A label is short: no colon near the start, no header (and no need to lower-case the line).
  const colon = firstColon(text, 0, Math.min(text.length, LONGEST_LABEL + 5));
  if (colon < 1) return null;
  const lower = lowerInPlace(text);
  const first = labelAtLineStart(lower, colon);
  if (!first) return null;
  const hits: { name: HeaderName; labelAt: number; valueAt: number }[] = [
    { name: first.name, labelAt: 0, valueAt: colon + 1 },
  ];
  let colons = 0;
  for (let i = colon + 1; i < lower.length && colons < MAX_COLONS; i++) {
    const ch = lower.charCodeAt(i);
    if (ch !== COLON && ch !== WIDE_COLON) continue;
    colons++;
    const label = labelEndingAt(lower, i);
    if (label) hits.push({ name: label.name, labelAt: label.at, valueAt: i + 1 });
  }
  // Glued fields only count when the line really is a glued block (three fields or more): a subject
  // such as "Re: Data: results" stays one field.
  const chosen = hits.length >= 3 ? hits : hits.slice(0, 1);
  return chosen.map((hit, index) => ({
    name: hit.name,
    value: clean(text.slice(hit.valueAt, chosen[index + 1]?.labelAt ?? text.length)),
  }));
}

const DASHED_SEPARATOR = /^[-=]{2,}\s?([^-=]{3,80}?)\s?[-=]{2,}\s*/;
const SEPARATOR_LINE = 80;

/** A separator line, and what follows it on the same line (Yahoo glues the headers to it). */
export function readSeparator(content: string): { rest: string } | null {
  const first = content.charCodeAt(0);
  // Rows of underscores or dashes, and dashed titles, start with their mark.
  if (first === 0x5f || first === 0x2d || first === 0x3d) {
    if (/^_{10,}$/.test(content) || /^-{10,}$/.test(content)) return { rest: '' };
    const dashed = content.match(DASHED_SEPARATOR);
    if (dashed) return { rest: content.slice(dashed[0].length) };
  }
  const last = content.charCodeAt(content.length - 1);
  if (
    content.length <= SEPARATOR_LINE &&
    (last === COLON || last === WIDE_COLON) &&
    FORWARD_WORDS.test(content)
  )
    return { rest: '' };
  return null;
}

interface Run {
  fields: Partial<Record<HeaderName, string>>;
  count: number;
  quoted: boolean;
  lastEnd: number;
}

function addHits(run: Run, hits: HeaderHit[]): void {
  for (const hit of hits) {
    run.count++;
    if (run.fields[hit.name] === undefined) run.fields[hit.name] = hit.value;
  }
}

/** Whether a run of header lines is a forwarded message's header block and not prose with colons. */
function isForwardBlock(run: Run, separator: boolean): boolean {
  const from = run.fields.from;
  if (from === undefined || from === '') return false;
  if (separator) return true;
  if (run.count < 2) return false;
  return from.includes('@') || (run.fields.date !== undefined && run.fields.subject !== undefined);
}

/** The header fields of a line of the text, or null (cut out of the text only when it may be one). */
function headerHitsOf(text: string, line: TextLine): HeaderHit[] | null {
  return mayMatter(text, line) ? readHeaderLine(contentOf(text, line)) : null;
}

function contentOf(text: string, line: TextLine): string {
  return text.slice(contentStart(line), contentEnd(line));
}

/** The first forwarded header block at or after `from` in the text, or null when there is none. */
export function readForwardBlock(
  text: string,
  from = 0,
  lines: TextLines = new TextLines(text),
): ForwardBlock | null {
  const cursor = new LineCursor(lines, from);
  let separatorAt = -1;
  let linesSinceSeparator = Number.POSITIVE_INFINITY;
  let pending: TextLine | null = null;
  for (;;) {
    const line = pending ?? cursor.next();
    pending = null;
    if (!line) return null;
    linesSinceSeparator++;
    if (!mayMatter(text, line)) continue;
    const content = contentOf(text, line);
    const separator = readSeparator(content);
    let firstHits: HeaderHit[] | null;
    if (separator) {
      separatorAt = line.start;
      linesSinceSeparator = 0;
      if (!separator.rest) continue;
      firstHits = readHeaderLine(separator.rest);
    } else {
      firstHits = readHeaderLine(content);
    }
    if (!firstHits) continue;

    const hasSeparator = linesSinceSeparator <= 3;
    const run: Run = { fields: {}, count: 0, quoted: line.quoted, lastEnd: line.end };
    addHits(run, firstHits);
    let lastName = firstHits[firstHits.length - 1]?.name;
    for (let i = 0; i < MAX_RUN; i++) {
      const next = cursor.next();
      if (!next) break;
      const hits = headerHitsOf(text, next);
      if (hits) {
        addHits(run, hits);
        lastName = hits[hits.length - 1]?.name;
        run.lastEnd = next.end;
        continue;
      }
      // Wrapped recipients continue on an indented line.
      if (
        indented(next) &&
        contentEnd(next) > contentStart(next) &&
        (lastName === 'to' || lastName === 'cc')
      ) {
        run.lastEnd = next.end;
        continue;
      }
      pending = next;
      break;
    }
    if (isForwardBlock(run, hasSeparator)) {
      return {
        start: hasSeparator ? separatorAt : line.start,
        bodyStart: bodyStartAfter(text, run.lastEnd),
        fields: run.fields,
        quoted: run.quoted,
        separator: hasSeparator,
      };
    }
    linesSinceSeparator = Number.POSITIVE_INFINITY;
  }
}

/** The first character after the header block's blank (or quote-only) lines. */
export function bodyStartAfter(text: string, lastEnd: number): number {
  let position = Math.min(lastEnd + 1, text.length);
  for (let i = 0; i < 50 && position < text.length; i++) {
    const end = text.indexOf('\n', position);
    const line = text.slice(position, end === -1 ? text.length : end);
    if (!/^[\s>]*$/.test(line.slice(0, MAX_LINE)) || end === -1) break;
    position = end + 1;
  }
  return position;
}
