import { bodyStartAfter, type HeaderName, readForwardBlock, TextLines } from './forward-headers.js';
import { type LooseMailbox, readMailbox } from './forward-mailbox.js';
import { readAttributions } from './reply-attribution.js';

/**
 * A mail's text as the messages it holds, newest first: every forwarded header block ("From: … Sent: …")
 * and every reply attribution ("On …, Jane Doe <jane@acme.com> wrote:"), at any quote depth, in the order
 * they stand. What lies between one start and the next is that message's own text.
 */

export interface TextMessage {
  /** How the message was introduced: a forwarded header block or a reply attribution. */
  kind: 'forward' | 'reply';
  author: LooseMailbox | null;
  replyTo: LooseMailbox | null;
  subject: string | null;
  dateLine: string | null;
  /** Header fields of a forwarded block, as written (the recipients tell who the user is). */
  fields: Partial<Record<HeaderName, string>>;
  /** Where its header block or attribution starts. */
  start: number;
  /** Where its body starts. */
  bodyStart: number;
  /** Where the next message starts (or the text ends). */
  end: number;
}

const MAX_MESSAGES = 20;

/** Every message start in the text, in order. */
export function readThread(text: string): TextMessage[] {
  const found: TextMessage[] = [];
  // The text's lines, read once for the header blocks and the attributions.
  const lines = new TextLines(text);
  let from = 0;
  while (found.length < MAX_MESSAGES) {
    const block = readForwardBlock(text, from, lines);
    if (!block) break;
    const { fields } = block;
    found.push({
      kind: 'forward',
      author: readMailbox(fields.from ?? ''),
      replyTo: fields.replyTo ? readMailbox(fields.replyTo) : null,
      subject: fields.subject ?? null,
      dateLine: fields.date ?? null,
      fields,
      start: block.start,
      bodyStart: block.bodyStart,
      end: text.length,
    });
    from = block.bodyStart;
  }
  const blocks = found.length;
  for (const attribution of readAttributions(text, lines)) {
    // An attribution inside a forwarded header block is one of its lines, not a message of its own.
    if (insideBlock(found, blocks, attribution.start)) continue;
    found.push({
      kind: 'reply',
      author: attribution.author,
      replyTo: null,
      subject: null,
      dateLine: attribution.dateLine,
      fields: {},
      start: attribution.start,
      bodyStart: bodyStartAfter(text, attribution.end),
      end: text.length,
    });
    if (found.length >= MAX_MESSAGES * 2) break;
  }
  if (found.length > blocks) found.sort((a, b) => a.start - b.start);
  if (found.length > MAX_MESSAGES) found.length = MAX_MESSAGES;
  // Each message runs to the next one's start.
  for (let index = 0; index + 1 < found.length; index++)
    (found[index] as TextMessage).end = (found[index + 1] as TextMessage).start;
  return found;
}

/** Whether `at` lies in the header lines of one of the first `blocks` (forwarded) messages. */
function insideBlock(found: readonly TextMessage[], blocks: number, at: number): boolean {
  for (let index = 0; index < blocks; index++) {
    const block = found[index] as TextMessage;
    if (at >= block.start && at < block.bodyStart) return true;
  }
  return false;
}

/** Lines without their quote marks, at every depth. */
export function unquoted(text: string): string {
  return text.replace(/^[ \t]*(?:>[ \t]?)+/gm, '');
}

// One pattern per quote depth, built the first time that depth is met (a constant table, filled lazily).
const QUOTE_LEVELS: RegExp[] = [];

/** Up to `depth` quote marks at a line's start. */
function quoteLevel(depth: number): RegExp {
  let level = QUOTE_LEVELS[depth];
  if (!level) {
    level = new RegExp(`^[ \\t]*(?:>[ \\t]?){1,${depth}}`, 'gm');
    QUOTE_LEVELS[depth] = level;
  }
  return level;
}

/**
 * The text from a message's body on, with the quote level its first line has removed: what the reader
 * of that message saw (older messages it quotes keep their own deeper marks).
 */
export function bodyFrom(text: string, message: TextMessage): string {
  const body = text.slice(message.bodyStart);
  const firstLine = body.slice(0, 400).match(/^[ \t]*((?:>[ \t]?)*)\S/m)?.[1] ?? '';
  const depth = (firstLine.match(/>/g) ?? []).length;
  if (depth === 0) return body;
  return body.replace(quoteLevel(depth), '');
}

/** The message's own words: its body up to the next message, without quote marks. */
export function ownText(text: string, message: TextMessage): string {
  return unquoted(text.slice(message.bodyStart, message.end)).trim();
}
