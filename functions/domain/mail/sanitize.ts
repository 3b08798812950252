/**
 * Text from mail is hostile. These helpers make decoded values safe to put into headers we write and
 * into HTML we render. They never throw.
 */

// CR, LF, NEL, line/paragraph separators and every other control character except tab.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the purpose.
const UNSAFE_IN_HEADER = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * What headerSafe's replacements would change: an unsafe character, whitespace other than a space, two
 * whitespace characters in a row, or whitespace at either end. Most values have none, and are kept as
 * they are after this one test.
 */
const NEEDS_CLEANING = new RegExp(`${UNSAFE_IN_HEADER.source}|[^\\S ]|\\s\\s|^\\s|\\s$`);

/** A single-line value for a header we write: no line breaks, no controls, bounded length. */
export function headerSafe(value: string, maxLength = 200): string {
  const cleaned = NEEDS_CLEANING.test(value)
    ? value.replace(UNSAFE_IN_HEADER, ' ').replace(/\s+/g, ' ').trim()
    : value;
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength - 1).trimEnd()}…` : cleaned;
}

const HTML_SPECIAL = /[&<>"']/;

/**
 * Text for HTML, in element content and in quoted attribute values: one native replacement per special
 * character, cheaper than a callback per match on the long `mailto:` links of a draft.
 */
export function escapeHtml(value: string): string {
  if (!HTML_SPECIAL.test(value)) return value;
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// Deliberately strict: one @, a dotted domain of letters, digits and hyphens, no quotes, spaces or
// encoded words. Anything stranger is not an address Bowout will write to.
const ADDRESS =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function isPlausibleAddress(value: string | null | undefined): value is string {
  // An encoded word in an address ("=?utf-8?q?=40attacker.com?=@example.com") is a trick, never a mailbox.
  return typeof value === 'string' && ADDRESS.test(value) && !value.includes('..') && !/=\?.*\?=/.test(value);
}

export function normaliseAddress(value: string): string {
  return value.trim().toLowerCase();
}

/** Addresses that nobody reads: replying to them reaches no person. */
const UNATTENDED_LOCAL_PART =
  /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|donotreply|notifications?|notify|mailer[-_.]?daemon|postmaster|bounces?|automated|system|jobs-noreply|calendar-notification)([+.-].*)?$/i;

export function isUnattendedAddress(address: string): boolean {
  const local = address.split('@')[0] ?? '';
  return UNATTENDED_LOCAL_PART.test(local) || /(^|[.-])no-?reply([.-]|$)/i.test(local);
}
