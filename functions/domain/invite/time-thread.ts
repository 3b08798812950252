/**
 * A forwarded or answered thread in one text: where each older message starts, so that a time in a later
 * message (nearer the top) wins over one in an earlier message ("the interview has moved to…" beats the
 * first invitation quoted below it). Messages start at a quote line ("On … wrote:", "Am … schrieb:",
 * "在 … 写道："), a header block ("From: … / Sent: …", "Von: … / Gesendet: …"), a separator line
 * ("-----Original Message-----", a row of underscores), or where the quoting gets deeper (">", ">>").
 */

import { isSpaceCode, readHeaderLine } from './forward-headers.js';

const MAX_STARTS = 50;
/** The last words of a quote line, in the languages mail clients write them. */
export const QUOTE_INTRO =
  /(?:wrote|schrieb|(?:a )?écrit|escribió|ha scritto|schreef|skrev|napisał\(a\)|napisał|napisała|escreveu|kirjoitti|写道|寫道|書きました|のメッセージ)\s*[:：]\s*$|<[^<>\s]+@[^<>\s]+>\s*[:：]\s*$/i;
const SEPARATOR =
  /^[\s>]*(?:-{3,}\s*[^\n-][^\n]{2,60}?\s*-{3,}|_{20,})\s*$|^[\s>]*-{2,}\s*(?:original|ursprüngliche|message d|mensaje original|messaggio|oorspronkelijk|ursprungligt|oryginalna|mensagem original|原始邮件|原始郵件|元のメッセージ)/i;
const HEADER_WINDOW_LINES = 4;
const SAME_BOUNDARY_LINES = 3;

function quoteDepth(line: string): number {
  let depth = 0;
  for (const char of line) {
    if (char === '>') depth++;
    else if (char !== ' ' && char !== '\t') break;
  }
  return depth;
}

/** The header line of a field, its quote marks and bold stars aside ("> **From:** …", "寄件者: …"). */
function headerField(line: string): string | undefined {
  return readHeaderLine(line.replace(/^[\s>]+/, ''))?.[0]?.name;
}

/** A header block's first line: a sender line with a date line within the next few lines. */
function isHeaderBlockStart(lines: readonly string[], at: number): boolean {
  if (headerField(lines[at] ?? '') !== 'from') return false;
  for (let i = at + 1; i <= at + HEADER_WINDOW_LINES && i < lines.length; i++) {
    if (headerField(lines[i] ?? '') === 'date') return true;
  }
  return false;
}

/** Where each older message of the thread starts in `text` (ascending character offsets). */
export function messageStarts(text: string): number[] {
  const starts: number[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let depth = 0;
  let startLine = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < lines.length && starts.length < MAX_STARTS; i++) {
    const line = lines[i] ?? '';
    const lineDepth = quoteDepth(line);
    // Quote lines and header lines hold a colon, separators dashes or underscores: others are skipped cheaply.
    const colon = line.includes(':') || line.includes('：');
    const startsMessage =
      (lineDepth > depth && line.trim().length > lineDepth) ||
      (colon && QUOTE_INTRO.test(line.slice(-120))) ||
      ((line.includes('--') || line.includes('__')) && SEPARATOR.test(line)) ||
      (colon && isHeaderBlockStart(lines, i));
    // One start per message: a quote line (or a separator) and the quoting or header lines right under it
    // are the same boundary.
    if (startsMessage && i - startLine > SAME_BOUNDARY_LINES) {
      starts.push(offset);
      startLine = i;
    }
    if (line.trim().length > lineDepth) depth = lineDepth;
    offset += line.length + 1;
  }
  return starts;
}

/** How many messages back the position lies: 0 in the latest message, 1 in the one it answers or forwards… */
export function messageAge(starts: readonly number[], index: number): number {
  let age = 0;
  while (age < starts.length && (starts[age] ?? Number.POSITIVE_INFINITY) <= index) age++;
  return age;
}

/**
 * Whether text[from, to) ends with a colon ("：" too) and white space at most: every quote line's last words
 * do (QUOTE_INTRO ends in `[:：]\s*$`), so a line that does not needs no look for them.
 */
export function endsWithColon(text: string, from: number, to: number): boolean {
  let last = to - 1;
  while (last >= from && isSpaceCode(text.charCodeAt(last))) last--;
  const code = last >= from ? text.charCodeAt(last) : 0;
  return code === 0x3a || code === 0xff1a;
}

/** How a quote line starts: "On …", "Am …", "Le …", "El …", "Il giorno …", "Op …", "Den …", "W dniu …", "Em …", "在 …". */
const QUOTE_OPENING = /^[\s>]*(?:on|am|le|el|il giorno|op|den|w dniu|em|在)\s/i;

/**
 * Whether the line at `index` is a quote line ("On Tue, Jan 19, 2027 at 1:05 PM Jane <jane@x> wrote:"),
 * also when a client wrapped it over up to three lines: its date is when a message was written.
 */
export function isQuoteLine(text: string, index: number): boolean {
  const start = text.lastIndexOf('\n', index - 1) + 1;
  let end = start;
  for (let line = 0; line < 3; line++) {
    const next = text.indexOf('\n', end);
    end = next === -1 ? text.length : next;
    const from = Math.max(start, end - 120);
    if (endsWithColon(text, from, end) && QUOTE_INTRO.test(text.slice(from, end))) {
      return line === 0 || QUOTE_OPENING.test(text.slice(start, start + 20));
    }
    if (next === -1) break;
    end = next + 1;
  }
  return false;
}
