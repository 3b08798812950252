import type { MailboxRef } from '../mail/parse-mail.js';
import { isPlausibleAddress, normaliseAddress } from '../mail/sanitize.js';

/**
 * Reads one mailbox from a forwarded header value, in the many shapes mail clients print it:
 * `John Doe <john@acme.com>`, `"Doe, John" <john@acme.com>`, `'John Doe' [john@acme.com]`,
 * `John Doe [mailto:john@acme.com]`, `John Doe <john@acme.com<mailto:john@acme.com>>`, `<john@acme.com>`,
 * `john@acme.com (John Doe)`, `John Doe<mailto:john@acme.com> … on behalf of …`. Linear in the value.
 */

export interface LooseMailbox {
  name: string | null;
  address: string | null;
}

const MAX_VALUE = 600;
/** A table of the ASCII characters `pattern` matches, built once: a lookup per character, not a pattern run. */
function asciiTable(pattern: RegExp): Uint8Array {
  const table = new Uint8Array(128);
  for (let code = 0; code < 128; code++) table[code] = pattern.test(String.fromCharCode(code)) ? 1 : 0;
  return table;
}
const LOCAL_CHARS = asciiTable(/[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]/);
const DOMAIN_CHARS = asciiTable(/[A-Za-z0-9.-]/);

/** Whether the code unit at `index` is one of the table's (never past the text's ends, never beyond ASCII). */
function isIn(table: Uint8Array, text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code < 128 && table[code] === 1;
}
// Unicode-property regexes at module scope: bundlers rebuild such a literal on every call.
const ANY_LETTER = /\p{L}/u;
const MARKS = /\p{M}/gu;
const NOT_LETTERS = /[^\p{L}]+/u;
const QUOTES = /^["'“”„«»‘’‚*_\s]+|["'“”„«»‘’‚*_\s]+$/g;

/** The first plausible address in the text, found by growing outwards from each "@" (no regex backtracking). */
export function firstAddress(text: string): { address: string; start: number; end: number } | null {
  let at = text.indexOf('@');
  let tries = 0;
  while (at !== -1 && tries++ < 20) {
    let start = at;
    while (start > 0 && at - start < 64 && isIn(LOCAL_CHARS, text, start - 1)) start--;
    let end = at + 1;
    while (end < text.length && end - at < 254 && isIn(DOMAIN_CHARS, text, end)) end++;
    // Sentences end with a dot; addresses do not.
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end--;
    while (start < at && text[start] === '.') start++;
    const address = normaliseAddress(text.slice(start, end));
    if (isPlausibleAddress(address)) return { address, start, end };
    at = text.indexOf('@', at + 1);
  }
  return null;
}

// A name of plain words ("Jane Doe", "Zoë Lévy-Roux", "J. Doe"): nothing in it for the cleaning to change.
const PLAIN_NAME = /^\p{L}[\p{L}.-]*(?: \p{L}[\p{L}.-]*)*$/u;

/** A display name as written, without quotes, brackets, mailto artefacts or a repeated address. */
export function cleanDisplayName(raw: string, address: string | null): string | null {
  // Most names are plain words: only the white space around them goes.
  const trimmed = raw.trim();
  if (PLAIN_NAME.test(trimmed))
    return address && trimmed.toLowerCase() === address ? null : trimmed.slice(0, 200);
  return cleanedDisplayName(raw, address);
}

/** cleanDisplayName, every step taken (exported for the test that holds the plain names' shortcut to it). */
export function cleanedDisplayName(raw: string, address: string | null): string | null {
  let name = raw
    .replace(/\s+/g, ' ')
    .replace(/[<[(]\s*[>\])]/g, ' ')
    .trim()
    .replace(/[,;:]+$/, '')
    .replace(QUOTES, '')
    .trim();
  if (address && name.toLowerCase() === address) return null;
  // "john@acme.com" as the name says nothing more than the address does.
  if (/^[^\s@]+@[^\s@]+$/.test(name)) return null;
  name = name.replace(/\s+/g, ' ').trim();
  return name.length >= 1 && ANY_LETTER.test(name) ? name.slice(0, 200) : null;
}

/** One mailbox from a header value; the address is null when only a name was printed ("From: John Doe"). */
export function readMailbox(value: string): LooseMailbox | null {
  const text = value
    .slice(0, MAX_VALUE)
    .replace(/mailto:/gi, '')
    .trim();
  if (!text) return null;
  const found = firstAddress(text);
  if (!found) {
    const name = cleanDisplayName(text.split(/[;<[]/)[0] ?? '', null);
    return name ? { name, address: null } : null;
  }
  // The name is what precedes the first bracket or the address itself.
  const bracket = text.search(/[<[]/);
  const nameEnd = bracket >= 0 && bracket < found.start ? bracket : found.start;
  let name = cleanDisplayName(text.slice(0, nameEnd), found.address);
  if (!name) {
    // "john@acme.com (John Doe)": the old comment form.
    const comment = text.slice(found.end).match(/^\s*>?\]?\s*\(([^()@]{1,100})\)/);
    if (comment?.[1]) name = cleanDisplayName(comment[1], found.address);
  }
  return { name, address: found.address };
}

function fold(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/**
 * When a header printed only a name ("From: Okafor, Daniel", as Exchange does inside one organisation),
 * the address may still stand in the message, usually in the signature: the first one whose local part
 * holds a word of the name ("daniel.okafor@…"). Null when none fits; never a guess.
 */
export function addressForName(name: string, text: string): string | null {
  const words = fold(name)
    .split(NOT_LETTERS)
    .filter((word) => word.length >= 3);
  if (words.length === 0) return null;
  let rest = text.slice(0, 20_000);
  for (let i = 0; i < 20; i++) {
    const found = firstAddress(rest);
    if (!found) return null;
    const local = fold(found.address.split('@')[0] ?? '');
    if (words.some((word) => local.includes(word))) return found.address;
    rest = rest.slice(found.end);
  }
  return null;
}

export function toMailboxRef(mailbox: LooseMailbox | null): MailboxRef | null {
  return mailbox?.address ? { name: mailbox.name, address: mailbox.address } : null;
}
