import { headerValue, type ParsedMail } from '../mail/parse-mail.js';
import type { ServiceConfig } from '../ports.js';
import { LOOP_HEADER } from './mail-policy.js';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The patterns of a service's own addresses and Message-IDs, built once per configuration (not per mail). */
const PATTERNS = new Map<string, { ourAddress: RegExp; ourMessageId: RegExp }>();

function ownPatterns(config: ServiceConfig): { ourAddress: RegExp; ourMessageId: RegExp } {
  const key = `${config.domain}\n${config.senderAddress}`;
  let patterns = PATTERNS.get(key);
  if (!patterns) {
    const domain = escapeRegExp(config.domain.toLowerCase());
    patterns = {
      ourAddress: new RegExp(
        `(?:^|[^a-z0-9.!#$%&'*+/=?^_\`{|}~-])(?:${escapeRegExp(config.senderAddress.toLowerCase())}|reply(?:\\+|%2b)[a-z2-7]{20,64}@${domain})(?![a-z0-9.-])`,
        'i',
      ),
      ourMessageId: new RegExp(`@${domain}>`, 'i'),
    };
    // A service has one configuration; tests make a few. Bounded all the same.
    if (PATTERNS.size >= 16) PATTERNS.clear();
    PATTERNS.set(key, patterns);
  }
  return patterns;
}

/**
 * Is a forward to cancel@ Bowout's own mail coming back (a draft, a notice or a nudge the user forwarded,
 * or a reply to one)? Decided from what Bowout puts on its mail, so it holds whatever the invite reader
 * makes of the text:
 *   - a forwarded message (attached, at any depth) with the loop header, or From an address of ours;
 *   - the thread: In-Reply-To or References naming a Message-ID at Bowout's domain;
 *   - the quoted header block, the text or the HTML naming Bowout's sending address or one of its
 *     reply+<token> addresses (a forward quotes "From: Bowout <send@…>", a draft's buttons carry them).
 * cancel@ itself is not among the signs: a user's note may well mention it.
 */
export function isOwnMailForwardedBack(mail: ParsedMail, config: ServiceConfig): boolean {
  const { ourAddress, ourMessageId } = ownPatterns(config);
  const fromUs = (message: ParsedMail) =>
    headerValue(message, LOOP_HEADER.toLowerCase()) !== null ||
    message.from?.address.endsWith(`@${config.domain.toLowerCase()}`) === true;
  const visit = (message: ParsedMail, depth: number): boolean =>
    (depth > 0 && fromUs(message)) ||
    [headerValue(message, 'in-reply-to') ?? '', ...message.references].some((id) => ourMessageId.test(id)) ||
    ourAddress.test(message.text) ||
    ourAddress.test(message.html ?? '') ||
    (depth < 3 && message.attached.some((attached) => visit(attached, depth + 1)));
  return visit(mail, 0);
}
