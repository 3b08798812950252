import type { ParsedMail } from '../mail/parse-mail.js';
import { headerValue } from '../mail/parse-mail.js';
import type { Verdicts } from '../model.js';
import type { AutomatedReason } from '../outcomes.js';

/** The header Bowout puts on everything it sends, to recognise its own mail coming back. */
export const LOOP_HEADER = 'X-Bowout-Loop';

function domainOf(address: string | null | undefined): string | null {
  return address?.split('@')[1]?.toLowerCase() ?? null;
}

/** Relaxed alignment: the same domain or one a subdomain of the other. */
function aligned(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/**
 * Is the From address really the sender's? Only SES's verdicts count, for mail with one From header:
 * DMARC passed, or (when the
 * domain publishes no DMARC) SPF passed for an aligned envelope sender, or DKIM passed and every
 * signature in the mail is aligned with From (so a valid signature of another domain proves nothing).
 */
export function senderIsAuthenticated(verdicts: Verdicts, envelopeFrom: string, mail: ParsedMail): boolean {
  // Two From headers: SES may have judged one sender and the parser read the other.
  if (mail.headers.filter((h) => h.key === 'from').length > 1) return false;
  if (verdicts.dmarc === 'PASS') return true;
  if (verdicts.dmarc === 'FAIL') return false;
  const fromDomain = domainOf(mail.from?.address);
  if (verdicts.spf === 'PASS' && aligned(domainOf(envelopeFrom), fromDomain)) return true;
  if (verdicts.dkim === 'PASS') {
    const signers = mail.headers
      .filter((h) => h.key === 'dkim-signature')
      .map((h) => h.value.match(/(?:^|;)\s*d=([^;\s]+)/i)?.[1]?.toLowerCase() ?? null);
    return signers.length > 0 && signers.every((d) => aligned(d, fromDomain));
  }
  return false;
}

const OUT_OF_OFFICE =
  /^(out of (the )?office|automatic reply|auto(matic)?[- ]?reply|autoreply|abwesenheit|absence|réponse automatique|respuesta automática|away from)/i;

/**
 * Whether an address is one of Bowout's own: any address at its domain or a subdomain of it (the
 * sender, cancel@, the reply addresses, the MAIL FROM domain of its bounces).
 */
export function isOwnAddress(address: string | null | undefined, own: { domain: string }): boolean {
  const domain = domainOf(address);
  const ownDomain = own.domain.toLowerCase();
  return domain !== null && (domain === ownDomain || domain.endsWith(`.${ownDomain}`));
}

/**
 * Why a message must get no answer: auto-replies, bounces, list mail and our own mail coming back,
 * whether it still carries the loop header or a mail client dropped it on the way (mail From, or sent
 * by, one of Bowout's own addresses: no user writes from there). Returns null for mail a person wrote.
 * `X-Auto-Response-Suppress` alone marks nothing.
 */
export function automatedReason(
  mail: ParsedMail,
  envelopeFrom: string,
  own: { domain: string },
): AutomatedReason | null {
  if (headerValue(mail, LOOP_HEADER.toLowerCase()) !== null) return 'own-loop';
  if (isOwnAddress(mail.from?.address, own) || isOwnAddress(envelopeFrom, own)) return 'own-loop';
  if (envelopeFrom.trim() === '' || envelopeFrom === '<>') return 'bounce';
  if (/^(mailer-daemon|postmaster)@/i.test(envelopeFrom)) return 'bounce';
  if (mail.contentType === 'multipart/report') return 'bounce';
  const autoSubmitted = headerValue(mail, 'auto-submitted');
  if (autoSubmitted && !/^\s*no\b/i.test(autoSubmitted)) return 'auto-submitted';
  if (headerValue(mail, 'x-autoreply') !== null || headerValue(mail, 'x-autorespond') !== null)
    return 'auto-reply';
  if (/^\s*(bulk|junk|list)\s*$/i.test(headerValue(mail, 'precedence') ?? '')) return 'bulk';
  if (headerValue(mail, 'list-id') !== null || headerValue(mail, 'list-unsubscribe') !== null)
    return 'mailing-list';
  if (OUT_OF_OFFICE.test(mail.subject)) return 'out-of-office';
  return null;
}
