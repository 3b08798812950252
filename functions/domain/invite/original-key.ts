import { hash } from 'node:crypto';
import type { OriginalMessage } from './find-original.js';

/** How much of the original's text names it: enough to tell invites apart, bounded for huge mail. */
const KEY_TEXT_CHARS = 20_000;

/** The text as any forward of it reads: quote markers, blank runs and spacing do not count. */
function comparableText(text: string): string {
  return text
    .slice(0, KEY_TEXT_CHARS)
    .replace(/^[ \t]*(?:>[ \t]?)+/gm, '')
    .replace(/\s+/g, ' ')
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
