import { hash } from 'node:crypto';
import type { ParsedMail } from '../mail/parse-mail.js';
import { normaliseAddress } from '../mail/sanitize.js';

/**
 * Bowout sends mail to addresses a user names, under its own domain: without care it is a relay for
 * anyone who forwards a made-up invite. What reaches an employer is therefore bounded (the rest lives
 * in draft-changes.ts, dispatch.ts and quotas.ts):
 *   - text the user wrote (EDIT, REASON, OFFER, NAME, a reason in the note above the forward) carries
 *     no link in any form and no email address but the user's own;
 *   - a display name with an address or a link in it is never used as the signature or in "X via Bowout";
 *   - TO an address that was not in the forwarded mail waits for the user's confirmation.
 */

// Dots people and spammers write instead of ".": full-width, ideographic, halfwidth, one-dot leader,
// middle dots, and the bracketed or spelled-out forms ("example[.]com", "example (dot) com").
const LOOKALIKE_DOTS =
  /[\u3002\uFF0E\uFF61\u2024\u2027\u00B7\u2E33\u2E31\u0701\u0702\uA4F8\u30FB\u16EB\u2219\u22C5]/g;
const SPELLED_DOT = /\s*(?:[[({<]\s*(?:\.|dot|punkt|point|punto|ponto)\s*[\])}>]|\s(?:dot|punkt)\s)\s*/gi;
const SPELLED_COLON = /\s*[[({]\s*:\s*[\])}]\s*/g;
// Zero-width and formatting characters that split a word without showing.
const INVISIBLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF\u180E]/g;
// hxxp, hXXp, h**p, h__p, h..p: the defanged forms of http.
const DEFANGED_SCHEME = /\bh(?:xx|\*\*|__|\.\.|tt)ps?(?=\s*[[({]?\s*:)/gi;

/**
 * Top-level domains a bare domain is recognised by: every country code and the generic ones common in
 * links. A word like "node.js" or "e.g." is not a domain; "ASP.NET" reads as one, and the refusal says so.
 */
const COUNTRY_TLDS =
  'ac|ad|ae|af|ag|ai|al|am|ao|aq|ar|as|at|au|aw|ax|az|ba|bb|bd|be|bf|bg|bh|bi|bj|bm|bn|bo|br|bs|bt|bw|by|bz|ca|cc|cd|cf|cg|ch|ci|ck|cl|cm|cn|co|cr|cu|cv|cw|cx|cy|cz|de|dj|dk|dm|do|dz|ec|ee|eg|er|es|et|eu|fi|fj|fk|fm|fo|fr|ga|gd|ge|gf|gg|gh|gi|gl|gm|gn|gp|gq|gr|gs|gt|gu|gw|gy|hk|hm|hn|hr|ht|hu|id|ie|il|im|in|io|iq|ir|is|it|je|jm|jo|jp|ke|kg|kh|ki|km|kn|kp|kr|kw|ky|kz|la|lb|lc|li|lk|lr|ls|lt|lu|lv|ly|ma|mc|md|me|mg|mh|mk|ml|mm|mn|mo|mp|mq|mr|ms|mt|mu|mv|mw|mx|my|mz|na|nc|ne|nf|ng|ni|nl|no|np|nr|nu|nz|om|pa|pe|pf|pg|ph|pk|pl|pm|pn|pr|ps|pt|pw|py|qa|re|ro|rs|ru|rw|sa|sb|sc|sd|se|sg|sh|si|sk|sl|sm|sn|so|sr|ss|st|su|sv|sx|sy|sz|tc|td|tf|tg|th|tj|tk|tl|tm|tn|to|tr|tt|tv|tw|tz|ua|ug|uk|us|uy|uz|va|vc|ve|vg|vi|vn|vu|wf|ws|ye|yt|za|zm|zw';
const GENERIC_TLDS =
  'com|net|org|info|biz|edu|gov|mil|int|app|dev|io|ai|co|xyz|online|site|top|club|shop|store|tech|live|link|click|win|bid|loan|work|page|blog|cloud|email|mobi|name|pro|asia|tel|travel|jobs|one|world|today|life|news|space|website|digital|agency|company|network|solutions|services|support|center|group|global|media|zone|run|fun|icu|vip|cam|rest|bar|best|buzz|cyou|monster|sbs|cfd|lol|wang|men|date|download|review|stream|trade|party|racing|science|accountant|faith|cricket|country|kim|gdn|host|press|web|art|design|studio|social|chat|ltd|inc|llc|gmbh|tokyo|london|berlin|paris|nyc|amazon|google|microsoft|apple|example|test|invalid|localhost|local|internal|onion';
const BARE_DOMAIN = new RegExp(
  `(?:^|[^\\p{L}\\p{N}@._-])((?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,62}[\\p{L}\\p{N}])?\\.)+(?:${GENERIC_TLDS}|${COUNTRY_TLDS}))(?![\\p{L}\\p{N}-])(?:[/:?#]|\\b)`,
  'giu',
);
const SCHEME = /\b(?:[a-z][a-z0-9+.-]{1,15}:\/\/|(?:mailto|javascript|vbscript):|data:[a-z]+\/)/i;
const WWW = /\bwww\d{0,3}\./i;
const PUNYCODE = /\bxn--[a-z0-9-]+/i;
const IP_ADDRESS = /\b(?:\d{1,3}\.){3}\d{1,3}\b/;
const EMAIL = /[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.)+[\p{L}]{2,}/giu;

/** The text as a link checker must read it: undefanged, with lookalike dots made dots. */
function unmasked(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(LOOKALIKE_DOTS, '.')
    .replace(SPELLED_DOT, '.')
    .replace(SPELLED_COLON, ':')
    .replace(DEFANGED_SCHEME, (scheme) => (/s$/i.test(scheme) ? 'https' : 'http'))
    .replace(/\s*:\s*\/\s*\/\s*/g, '://');
}

export interface FoundLink {
  kind: 'link' | 'address';
  /** The part of the text that reads as a link or an address, as it reads once unmasked (shortened). */
  text: string;
}

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

/**
 * The first link (a URL in any form: a scheme, www., a bare domain, punycode, an IP address, defanged or
 * with lookalike dots) or email address other than `ownAddress` in text the user wrote; null when none.
 */
export function findLink(text: string, ownAddress: string | null): FoundLink | null {
  return cannotHoldLink(text) ? null : linkIn(text, ownAddress);
}

const LINK_FREE_CHARACTERS = /^[A-Za-z '-]*$/;
const SPELLED_LINK_PART = /dot|punkt|xn--/i;

/**
 * Text in which no link or address can be found, however it is unmasked: ASCII letters, spaces, hyphens
 * and apostrophes alone (no dot, colon or "@", nor a character that unmasking makes one), without the
 * spelled-out dot ("dot", "punkt") or an A-label's "xn--". Most display names are such text, and the
 * unmasking and the patterns of linkIn are spared them.
 */
export function cannotHoldLink(text: string): boolean {
  return LINK_FREE_CHARACTERS.test(text) && !SPELLED_LINK_PART.test(text);
}

/** findLink's reading of any text, without the shortcut of cannotHoldLink (exported for its test). */
export function linkIn(text: string, ownAddress: string | null): FoundLink | null {
  const plain = unmasked(text);
  const own = ownAddress ? normaliseAddress(ownAddress) : null;
  const addresses = [...plain.matchAll(EMAIL)].map((match) => match[0]);
  const foreign = addresses.find((address) => normaliseAddress(address) !== own);
  // An address's own domain is not a link: the addresses are looked at on their own.
  const withoutAddresses = addresses.reduce((rest, address) => rest.split(address).join(' '), plain);
  for (const pattern of [SCHEME, WWW, PUNYCODE, IP_ADDRESS]) {
    const match = withoutAddresses.match(pattern);
    if (match) return { kind: 'link', text: shorten(aroundMatch(withoutAddresses, match.index ?? 0)) };
  }
  BARE_DOMAIN.lastIndex = 0;
  const domain = BARE_DOMAIN.exec(withoutAddresses)?.[1];
  if (domain) return { kind: 'link', text: shorten(domain) };
  return foreign ? { kind: 'address', text: shorten(foreign) } : null;
}

/** The whitespace-delimited word around a match, for telling the user what was found. */
function aroundMatch(text: string, index: number): string {
  const start = text.lastIndexOf(' ', index) + 1;
  const end = text.slice(index).search(/\s/);
  return text.slice(start, end === -1 ? undefined : index + end);
}

/**
 * A From display name fit to sign with and to show in "<name> via Bowout": none with an address or a
 * link in it ("support@bank.example", "Win at prize.example"), which would make Bowout carry the link.
 */
export function usableDisplayName(name: string | null, ownAddress: string): string | null {
  const trimmed = name?.trim();
  if (!trimmed || trimmed.includes('@')) return null;
  return findLink(trimmed, ownAddress) ? null : trimmed;
}

/** Only hashes are stored: enough to tell whether a TO address was in the forward. */
export const addressHash = (address: string) => hashOfNormalised(normaliseAddress(address));

// One-shot (crypto.hash): a forward holds many addresses, and a Hash object per digest costs several times more.
const hashOfNormalised = (normalised: string) =>
  hash('sha256', `bowout-forwarded:${normalised}`).slice(0, 24);

const MAX_FORWARDED_ADDRESSES = 100;
const ADDRESS_HEADERS = new Set(['cc', 'from', 'to', 'reply-to', 'sender']);

// An address is up to 64 of these characters, "@", and a dotted domain: [a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}
// then (?:[a-z0-9-]{1,63}\.)+[a-z]{2,63}, case-insensitive. Mail text is long and holds few "@": each
// one is found with indexOf, its local part read backwards with this table, its domain with a sticky
// regex, which finds exactly the addresses (and in the same order) that the whole pattern would.
const LOCAL_PART_CHAR = new Uint8Array(128);
for (const c of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
  LOCAL_PART_CHAR[c.charCodeAt(0)] = 1;
const DOMAIN_PART = /(?:[a-z0-9-]{1,63}\.)+[a-z]{2,63}/iy;

/** Adds to `found` every address in `text`, left to right, as a global match of the pattern above would. */
function addAddressesIn(text: string, found: Set<string>): void {
  let from = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    const limit = Math.max(from, at - 64);
    let start = at;
    while (start > limit && LOCAL_PART_CHAR[text.charCodeAt(start - 1)] === 1) start--;
    if (start < at) {
      DOMAIN_PART.lastIndex = at + 1;
      if (DOMAIN_PART.test(text)) {
        from = DOMAIN_PART.lastIndex;
        found.add(text.slice(start, from));
        at = text.indexOf('@', from);
        continue;
      }
    }
    at = text.indexOf('@', at + 1);
  }
}

/**
 * Every address that appeared in the forwarded mail: its headers, the text and HTML (the forwarded
 * header block, signatures) and every attached message, as hashes (at most MAX_FORWARDED_ADDRESSES).
 */
export function forwardedAddresses(mail: ParsedMail): string[] {
  const found = new Set<string>();
  const visit = (message: ParsedMail, depth: number) => {
    if (message.from) found.add(message.from.address);
    for (const box of message.replyTo) found.add(box.address);
    for (const box of message.to) found.add(box.address);
    for (const header of message.headers)
      if (ADDRESS_HEADERS.has(header.key)) addAddressesIn(header.value, found);
    addAddressesIn(message.text, found);
    if (message.html) addAddressesIn(message.html, found);
    for (const calendar of message.calendars) addAddressesIn(calendar, found);
    if (depth < 3) for (const attached of message.attached) visit(attached, depth + 1);
  };
  visit(mail, 0);
  // The hash is of the normalised address: each is hashed once, in the order first found.
  const normalised = new Set<string>();
  const hashes: string[] = [];
  for (const address of found) {
    const key = normaliseAddress(address);
    if (normalised.has(key)) continue;
    normalised.add(key);
    hashes.push(hashOfNormalised(key));
    if (hashes.length === MAX_FORWARDED_ADDRESSES) break;
  }
  return hashes;
}
