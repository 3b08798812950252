import { openCase } from '../case.js';
import { MailNotSentError } from '../errors.js';
import { hashToken, replyAddress } from '../ids.js';
import { composeNudgeMail, writeKeepInTouchNote } from '../letters/nudge-mail.js';
import type { Case, NudgeKind } from '../model.js';
import type { NudgeOutcome, NudgeSkipReason } from '../outcomes.js';
import type { NudgeRef, SweepDeps } from '../ports.js';
import { replacedByLaterPlan, shouldSend } from './plan.js';

export interface SweepResult {
  /** Entries read from the due-time index. */
  indexItems: number;
  /** Base items read to re-check a due nudge (case, user settings). */
  baseReads: number;
  sent: number;
  skipped: number;
  failed: number;
}

/** Due nudges from this many days back are still sent, so a sweep outage loses nothing. */
export const LOOKBACK_DAYS = 3;
/** Sends at once: enough to clear a busy minute, few enough to stay within SES's send rate. */
const CONCURRENCY = 8;

async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * One sweep: finds the nudges due at `now` through the index, claims each (so two sweeps never send
 * the same one), re-checks the stored case (the index may be stale, the case may have moved on), and
 * sends at most once. A nudge whose send was refused goes back for the next sweep; one whose send
 * failed in an unknown way is not retried, since a second copy is worse than a missing nudge.
 */
export async function sweepNudges(now: Date, deps: SweepDeps): Promise<SweepResult> {
  const result: SweepResult = { indexItems: 0, baseReads: 0, sent: 0, skipped: 0, failed: 0 };
  for await (const page of deps.nudges.findDue(now, LOOKBACK_DAYS, (count) => {
    result.indexItems += count;
  })) {
    await eachLimited(page, CONCURRENCY, async (ref) => {
      try {
        const outcome = await sendOne(ref, now, deps, result);
        if (outcome === 'sent') result.sent += 1;
        else result.skipped += 1;
      } catch (error) {
        result.failed += 1;
        deps.log.warn('nudge failed', {
          caseId: ref.caseId,
          kind: ref.kind,
          outcome: 'failed',
          error: (error as Error).name,
        });
      }
    });
  }
  deps.log.info('sweep done', { ...result });
  return result;
}

const SKIPPED: Record<NudgeSkipReason, NudgeOutcome> = {
  'case-gone': 'skipped-case-gone',
  stopped: 'skipped-stopped',
  'interview-passed': 'skipped-interview-passed',
  superseded: 'skipped-superseded',
  'case-drafted': 'skipped-case-drafted',
  'case-sending': 'skipped-case-sending',
  'case-sent': 'skipped-case-sent',
  'case-discarded': 'skipped-case-discarded',
};

async function sendOne(
  ref: NudgeRef,
  now: Date,
  deps: SweepDeps,
  result: SweepResult,
): Promise<NudgeOutcome | 'taken'> {
  if (!(await deps.nudges.claim(ref, now))) return 'taken';
  const value = await deps.cases.getCase(ref.caseId);
  result.baseReads += 1;
  const userStopped = value ? await deps.settings.nudgesStoppedForUser(value.user.email) : false;
  if (value) result.baseReads += 1;
  const replaced = value ? replacedByLaterPlan(ref, value) : null;
  const decision = replaced
    ? { send: false as const, reason: replaced }
    : shouldSend(ref.kind, value, userStopped, now);
  if (!decision.send || !value) {
    const outcome = SKIPPED[decision.send ? 'case-gone' : decision.reason];
    await deps.nudges.complete(ref, outcome, now);
    return outcome;
  }
  const target = ref.kind === 'stay-in-touch' ? await keepInTouchCase(value, deps, now) : value;
  const token = deps.random.token();
  await deps.cases.addToken({ caseId: target.caseId, tokenHash: hashToken(token) });
  const mail = composeNudgeMail(ref.kind, value, {
    replyAddress: replyAddress({ token, domain: deps.config.domain }),
    sender: deps.config,
    now,
    followUp: target === value ? null : target,
  });
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    if (error instanceof MailNotSentError && error.retryable) await deps.nudges.release(ref);
    else await deps.nudges.complete(ref, 'failed', now);
    throw error;
  }
  await deps.nudges.complete(ref, 'sent', now);
  deps.log.info('nudge sent', { caseId: ref.caseId, kind: ref.kind, outcome: 'sent' });
  return 'sent';
}

/**
 * The "stay in touch" note is a case of its own, DRAFTED with the friendly note, so the user's SEND
 * goes through the same exactly-once dispatch. Created once, whatever retries happen.
 */
async function keepInTouchCase(value: Case, deps: SweepDeps, now: Date): Promise<Case> {
  const caseId = `${value.caseId}-k`;
  const existing = await deps.cases.getCase(caseId);
  if (existing) return existing;
  const followUp: Case = {
    ...openCase({
      caseId,
      user: value.user,
      facts: { ...value.facts, calendarEvent: null, originalMessageId: null, originalReferences: [] },
      sourceMessageId: value.sourceMessageId,
      now,
    }),
    purpose: 'keep-in-touch',
    draft: writeKeepInTouchNote(value),
    // The note is the user's to send as written; REASON and OFFER do not rewrite it.
    inputs: { ...value.inputs, edited: true },
    draftMailedAt: now.toISOString(),
    // Its only nudge is this one: no "not sent yet" reminders for a friendly note.
    nudgesStopped: true,
  };
  // A token is added by the caller; the case itself needs one to be created with, never mailed.
  await deps.cases.createCase(followUp, hashToken(deps.random.token()));
  return (await deps.cases.getCase(caseId)) ?? followUp;
}

export type { NudgeKind };
