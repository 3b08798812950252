import { guardNotices, type Notice, notices } from '../letters/notices.js';
import type { QuotaCounter, QuotaKind } from '../ports.js';

/**
 * Per user and day: generous for a person, a wall for a loop or an abuser. `answer` counts the answers
 * to mail that is neither an invite nor a command (conversation/answer-budget.ts); `repeat-note` the
 * notes answering the same invite forwarded again (conversation/repeated-forward.ts).
 */
export const DAILY_LIMITS: Readonly<Record<QuotaKind, number>> = {
  draft: 20,
  send: 10,
  answer: 5,
  'repeat-note': 3,
};

/**
 * Employer mails on a new user's first day (the 24 hours after Bowout first drafted for them): an
 * account made to push mail through Bowout gets three before it gets ten.
 */
export const FIRST_DAY_SENDS = 3;

/**
 * Counts one draft or send against the user's daily limit, or a new user's first-day limit of sends.
 * True when it may go ahead; when it may not, the user is told once a day (`tell`), and every later
 * refusal that day stays silent.
 */
export async function withinDailyLimit(
  quotas: QuotaCounter,
  request: {
    userEmail: string;
    kind: Exclude<QuotaKind, 'answer' | 'repeat-note'>;
    now: Date;
    firstDay?: boolean;
    tell: (notice: Notice) => Promise<unknown>;
  },
): Promise<boolean> {
  const { userEmail, kind, now, tell } = request;
  const firstDay = request.firstDay === true && kind === 'send';
  const limit = firstDay ? FIRST_DAY_SENDS : DAILY_LIMITS[kind];
  const answer = await quotas.consumeQuota({ userEmail, kind, limit, now });
  if (answer === 'limited-first')
    await tell(
      firstDay ? guardNotices.firstDayLimit(limit, DAILY_LIMITS.send) : notices.dailyLimit(kind, limit),
    );
  return answer === 'ok';
}
