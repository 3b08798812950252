import { hash } from 'node:crypto';
import { guardNotices, type Notice } from '../letters/notices.js';
import type { ParsedMail } from '../mail/parse-mail.js';
import type { QuietOutcome } from '../outcomes.js';
import type { QuotaCounter } from '../ports.js';
import { asksForNoAutomaticAnswer, isOutOfOfficeSubject } from './mail-policy.js';
import { DAILY_LIMITS } from './quotas.js';

/**
 * Answers to mail that is neither an invite nor a command ("I couldn't find an invite in this", help for
 * an unreadable reply, the note about Bowout's own mail coming back) are where a responder that no
 * header or subject gives away can loop with Bowout. Three bounds, in this order:
 *   1. the sender asked for no automatic answer (Exchange's X-Auto-Response-Suppress): none;
 *   2. a subject is answered once (normalised: reply and forward prefixes, tags, numbers and case do not
 *      make it new), so a responder answering Bowout's answer gets nothing back; a reply to a private
 *      address counts with its first line (every reply to one case has the same subject);
 *   3. at most DAILY_LIMITS.answer such answers a day per user, then one notice, then silence.
 */

/** Reply, forward and auto-reply prefixes in the usual languages, any number of them, with tags. */
const PREFIX =
  /^\s*(?:\[[^\]]{0,40}\]\s*|(?:re|aw|sv|vs|antw|odp|ynt|r|rif|ref|res|fw|fwd|wg|tr|rv|enc|doorst|vl|i|fs|πρθ|回复|回覆|答复|转发|轉寄|返信|転送|отв|пересл|ha)\s*(?:\[\d+\])?\s*[:：]\s*)/iu;

// Unicode-property patterns at module scope: bundled, a literal inside a function is compiled on every call.
const NUMBERS = /\p{N}+/gu;
const NOT_WORDS = /[^\p{L}\p{N}]+/gu;

/** The subject as a key: what stays when every prefix, tag, number and spacing difference is gone. */
export function normaliseSubject(subject: string): string {
  let rest = subject.normalize('NFKC').toLowerCase().trim();
  for (let i = 0; i < 20; i++) {
    const stripped = rest.replace(PREFIX, '');
    const withoutAuto = isOutOfOfficeSubject(stripped) ? stripped.replace(/^[^:：]*[:：]\s*/u, '') : stripped;
    if (withoutAuto === rest) break;
    rest = withoutAuto;
  }
  return rest.replace(NUMBERS, '0').replace(NOT_WORDS, ' ').trim();
}

/**
 * Only a hash of the subject is stored, never the subject; with `opening` (a reply's first line), the
 * key is of the two together.
 */
export const subjectKey = (subject: string, opening = '') =>
  hash('sha256', `${normaliseSubject(subject)}\n${normaliseSubject(opening)}`).slice(0, 32);

/**
 * Sends `notice` to the user when the bounds allow it. Returns 'answered', or what happened instead.
 */
export async function answerWithinBudget(request: {
  quotas: QuotaCounter;
  userEmail: string;
  /** The mail being answered; null when it could not be read (its subject is unknown). */
  mail: ParsedMail | null;
  /** For replies to a private address: the first line, which tells one reply from another. */
  opening?: string;
  now: Date;
  notice: Notice;
  tell: (notice: Notice) => Promise<unknown>;
}): Promise<'answered' | QuietOutcome> {
  const { quotas, userEmail, mail, now, tell } = request;
  if (mail && asksForNoAutomaticAnswer(mail)) return 'quiet-asked-no-answer';
  const subject = mail ? mail.subject : '(unreadable)';
  if (!(await quotas.firstAnswerTo({ userEmail, subjectKey: subjectKey(subject, request.opening), now })))
    return 'quiet-same-subject';
  const limit = DAILY_LIMITS.answer;
  const budget = await quotas.consumeQuota({ userEmail, kind: 'answer', limit, now });
  if (budget === 'limited') return 'quiet-budget-spent';
  if (budget === 'limited-first') {
    await tell(guardNotices.answerBudgetSpent(limit));
    return 'answer-budget-notice';
  }
  await tell(request.notice);
  return 'answered';
}
