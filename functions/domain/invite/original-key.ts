import { hash } from 'node:crypto';
import type { OriginalMessage } from './find-original.js';

/** How much of the original's text names it: enough to tell invites apart, bounded for huge mail. */
const KEY_TEXT_CHARS = 20_000;

const QUOTE_MARKERS = /^[ \t]*(?:>[ \t]?)+/gm;
// Each run of white space that is not already one plain space: replacing only those gives the same text
// as replacing every run, without rewriting each space between two words.
const SPACING = / \s+|[^\S ]\s*/g;

/** The text as any forward of it reads: quote markers, blank runs and spacing do not count. */
function comparableText(text: string): string {
  const head = text.slice(0, KEY_TEXT_CHARS);
  return (head.includes('>') ? head.replace(QUOTE_MARKERS, '') : head)
    .replace(SPACING, ' ')
    .trim()
    .toLowerCase();
}

/**
 * What names an original invite across forwards of it: its Message-ID when the forward kept it (a
 * message forwarded as an attachment), else a hash of who sent it, when, its subject and its text. The
 * user's own note above the forward is not part of it: "did you get this?" on a second forward of the
 * same invite still names the same original.
 */
export function originalKey(original: OriginalMessage): string {
  if (original.messageId) return `message-id:${original.messageId.toLowerCase()}`;
  const parts = [
    original.from?.address ?? '',
    original.date ?? '',
    original.subject.trim().toLowerCase(),
    comparableText(original.body),
  ];
  return `content:${hash('sha256', parts.join('\n'))}`;
}
