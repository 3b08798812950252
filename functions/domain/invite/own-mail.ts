import { LOOP_HEADER } from '../conversation/mail-policy.js';
import { headerValue, type ParsedMail } from '../mail/parse-mail.js';
import type { OriginalMessage } from './find-original.js';

/**
 * Bowout's own draft, forwarded back to it, is no invite: the user wanted to ask something, or forwarded
 * the wrong mail. It is recognised by what every draft carries: the loop header (on an attached copy),
 * Bowout's own address as its sender or its reply+token address as Reply-To, a Message-ID at Bowout's
 * domain, or the fixed sentences every draft is written with.
 */

// Sentences every draft mail holds (see composeDraftMail); two of them are enough, quoted or not.
const DRAFT_SENTENCES = [
  /here is what i understood from the invite you forwarded/i,
  /your cancellation, ready to send/i,
  /reply to this email with a command on the first line/i,
  /or send it yourself from your own mail app/i,
  /send:\s*bowout sends the cancellation for you/i,
];
// Any one of them: most mail holds none, and one pass of this rules it out before each is counted.
const ANY_DRAFT_SENTENCE = new RegExp(DRAFT_SENTENCES.map((sentence) => sentence.source).join('|'), 'i');

function atDomain(address: string | null | undefined, domain: string): boolean {
  const at = address?.toLowerCase().split('@')[1]?.replace(/>$/, '');
  return Boolean(at && domain && (at === domain || at.endsWith(`.${domain}`)));
}

function carriesLoopHeader(mail: ParsedMail, depth = 0): boolean {
  if (headerValue(mail, LOOP_HEADER.toLowerCase()) !== null) return true;
  return depth < 3 && mail.attached.some((inner) => carriesLoopHeader(inner, depth + 1));
}

/** Whether the forwarded message is Bowout's own mail (a draft or a notice) coming back. */
export function isOwnMail(mail: ParsedMail, original: OriginalMessage, ownDomain: string): boolean {
  const domain = ownDomain.toLowerCase();
  if (mail.attached.some((inner) => carriesLoopHeader(inner))) return true;
  if (atDomain(original.from?.address, domain)) return true;
  if (original.replyTo.some((r) => atDomain(r.address, domain))) return true;
  if (atDomain(original.messageId, domain)) return true;
  const text = `${original.body.slice(0, 20_000)}\n${mail.text.slice(0, 20_000)}`;
  if (!ANY_DRAFT_SENTENCE.test(text)) return false;
  return DRAFT_SENTENCES.filter((sentence) => sentence.test(text)).length >= 2;
}
