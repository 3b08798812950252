import type { Notice } from '../letters/notices.js';
import { notices } from '../letters/notices.js';
import type { QuotaCounter } from '../ports.js';

/**
 * Per user and day: generous for a person, a wall for a loop or an abuser. The notes answering the same
 * invite forwarded again, and mail that could not be read, are fewer: past them, silence.
 */
export const DAILY_LIMITS = { draft: 20, send: 10, 'repeat-note': 3, 'unreadable-note': 3 } as const;

/**
 * Counts one draft or send against the user's daily limit. True when it may go ahead; when it may not,
 * the user is told once a day (`tell`), and every later refusal that day stays silent.
 */
export async function withinDailyLimit(
  quotas: QuotaCounter,
  request: {
    userEmail: string;
    kind: 'draft' | 'send';
    now: Date;
    tell: (notice: Notice) => Promise<unknown>;
  },
): Promise<boolean> {
  const { userEmail, kind, now, tell } = request;
  const answer = await quotas.consumeQuota({ userEmail, kind, limit: DAILY_LIMITS[kind], now });
  if (answer === 'limited-first') await tell(notices.dailyLimit(kind, DAILY_LIMITS[kind]));
  return answer === 'ok';
}
