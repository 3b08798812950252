import { bodyStartAfter, type HeaderName, readForwardBlock } from './forward-headers.js';
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
  const found: Omit<TextMessage, 'end'>[] = [];
  let from = 0;
  while (found.length < MAX_MESSAGES) {
    const block = readForwardBlock(text, from);
    if (!block) break;
    found.push({
      kind: 'forward',
      author: readMailbox(block.fields.from ?? ''),
      replyTo: readMailbox(block.fields.replyTo ?? ''),
      subject: block.fields.subject ?? null,
      dateLine: block.fields.date ?? null,
      fields: block.fields,
      start: block.start,
      bodyStart: block.bodyStart,
    });
    from = block.bodyStart;
  }
  for (const attribution of readAttributions(text)) {
    // An attribution inside a forwarded header block is one of its lines, not a message of its own.
    if (
      found.some(
        (m) => m.kind === 'forward' && attribution.start >= m.start && attribution.start < m.bodyStart,
      )
    )
      continue;
    found.push({
      kind: 'reply',
      author: attribution.author,
      replyTo: null,
      subject: null,
      dateLine: attribution.dateLine,
      fields: {},
      start: attribution.start,
      bodyStart: bodyStartAfter(text, attribution.end),
    });
    if (found.length >= MAX_MESSAGES * 2) break;
  }
  found.sort((a, b) => a.start - b.start);
  return found
    .slice(0, MAX_MESSAGES)
    .map((message, index, all) => ({ ...message, end: all[index + 1]?.start ?? text.length }));
}

/** Lines without their quote marks, at every depth. */
export function unquoted(text: string): string {
  return text.replace(/^[ \t]*(?:>[ \t]?)+/gm, '');
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
  const level = new RegExp(`^[ \\t]*(?:>[ \\t]?){1,${depth}}`, 'gm');
  return body.replace(level, '');
}

/** The message's own words: its body up to the next message, without quote marks. */
export function ownText(text: string, message: TextMessage): string {
  return unquoted(text.slice(message.bodyStart, message.end)).trim();
}
