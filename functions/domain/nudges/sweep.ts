import { openCase } from '../case.js';
import { MailNotSentError } from '../errors.js';
import { hashToken, replyAddress } from '../ids.js';
import { composeNudgeMail, writeKeepInTouchNote } from '../letters/nudge-mail.js';
import type { Case } from '../model.js';
import type { NudgeOutcome, NudgeSkipReason } from '../outcomes.js';
import type { NudgeRef, OutgoingMail, SweepDeps } from '../ports.js';
import { DAY_MS } from '../retention.js';
import { dayOf, nextDay } from './due-days.js';
import { replacedByLaterPlan, shouldSend } from './plan.js';

export interface SweepResult {
  /** Entries read from the due-time index. */
  indexItems: number;
  /** Base items read to re-check a due nudge (case, user settings). */
  baseReads: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Days of the due index read, from the checkpoint to today. */
  daysRead: number;
}

/** Sends at once: enough to clear a busy minute, few enough to stay within SES's send rate. */
const CONCURRENCY = 8;
/**
 * Without a checkpoint (a new table, or one written before checkpoints), the first sweep starts this many
 * days back: a new table holds nothing filed before it existed, and nudges stored before checkpoints
 * could be claimed for 30 days after they fell due. After that, the checkpoint says where to start.
 */
const FIRST_SWEEP_DAYS = 30;
/**
 * A day closes (the checkpoint may pass it) this long after it ended: far longer than any invocation
 * that might still be filing a nudge under it, and than the clocks of two machines disagree.
 */
const CLOSING_GRACE_MS = 3_600_000;

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
 * One sweep at `now`: reads the due index day by day, from the checkpoint (the first day that may still
 * hold pending nudges) to today; claims each due nudge (so two sweeps never send the same one),
 * re-checks the stored case (the index may be stale, the case may have moved on), and sends at most
 * once. Late nudges still go out when they still make sense (nudges/plan.ts decides); the rest are closed
 * with their reason. A nudge that certainly did not go out is filed again for the next sweep; one whose
 * send failed in an unknown way is not retried, since a second copy is worse than a missing nudge.
 * The checkpoint then moves past every leading day that is swept and closed.
 */
export async function sweepNudges(now: Date, deps: SweepDeps): Promise<SweepResult> {
  const result: SweepResult = { indexItems: 0, baseReads: 0, sent: 0, skipped: 0, failed: 0, daysRead: 0 };
  // Handlers file nudges by their own clock: a day closes only once both that clock and the sweep's
  // time are past it, so a sweep run "in the future" (bowout remind --now) closes no day still in use.
  const filedAt = new Date(Math.min(now.getTime(), deps.clock.now().getTime()));
  const closedBefore = dayOf(new Date(filedAt.getTime() - CLOSING_GRACE_MS));
  const checkpoint = await deps.checkpoint.read();
  const firstDay = checkpoint ?? dayOf(new Date(filedAt.getTime() - FIRST_SWEEP_DAYS * DAY_MS));
  const run: SweepRun = { now, filedAt, deps, result };
  let advanceTo = firstDay;
  for (let day = firstDay; day <= dayOf(now); day = nextDay(day)) {
    const settled = await sweepDay(day, run);
    if (settled && advanceTo === day && day < closedBefore) advanceTo = nextDay(day);
  }
  if (advanceTo !== checkpoint) await deps.checkpoint.advance(advanceTo, now);
  deps.log.info('sweep done', { ...result, checkpoint: advanceTo });
  return result;
}

/** One sweep in progress: its time, the time nudges put back are filed at, its ports and its counts. */
interface SweepRun {
  now: Date;
  filedAt: Date;
  deps: SweepDeps;
  result: SweepResult;
}

/** Every due nudge filed under `day`. True when none is left pending there (all were claimed or taken). */
async function sweepDay(day: string, run: SweepRun): Promise<boolean> {
  const { deps, result } = run;
  result.daysRead += 1;
  let settled = true;
  const onRead = (count: number) => {
    result.indexItems += count;
  };
  for await (const page of deps.nudges.findDue(day, run.now, onRead)) {
    await eachLimited(page, CONCURRENCY, async (ref) => {
      let claimed = false;
      try {
        claimed = await deps.nudges.claim(ref, run.now);
        if (!claimed) return; // taken by another sweep, settled already, or expired
        const outcome = await sendOne(ref, run);
        if (outcome === 'sent') result.sent += 1;
        else result.skipped += 1;
      } catch (error) {
        // Unclaimed, it is still pending under this day: the day stays open for the next sweep.
        if (!claimed) settled = false;
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
  return settled;
}

/** A claimed nudge: closed with its reason, or sent once. */
async function sendOne(ref: NudgeRef, run: SweepRun): Promise<NudgeOutcome> {
  const { now, filedAt, deps } = run;
  let mail: OutgoingMail | NudgeOutcome;
  try {
    mail = await prepare(ref, run);
    if (typeof mail === 'string') {
      await deps.nudges.complete(ref, mail, now);
      return mail;
    }
  } catch (error) {
    // Nothing went out: filed again, for the next sweep.
    await deps.nudges.release(ref, filedAt);
    throw error;
  }
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    if (error instanceof MailNotSentError && error.retryable) await deps.nudges.release(ref, filedAt);
    else await deps.nudges.complete(ref, 'failed', now);
    throw error;
  }
  await deps.nudges.complete(ref, 'sent', now);
  deps.log.info('nudge sent', { caseId: ref.caseId, kind: ref.kind, outcome: 'sent' });
  return 'sent';
}

/** The mail for a claimed nudge, or the outcome that closes it unsent. */
async function prepare(ref: NudgeRef, run: SweepRun): Promise<OutgoingMail | NudgeOutcome> {
  const { now, deps, result } = run;
  const caseRecord = await deps.cases.getCase(ref.caseId);
  result.baseReads += 1;
  const userStopped = caseRecord ? await deps.settings.nudgesStoppedForUser(caseRecord.user.email) : false;
  if (caseRecord) result.baseReads += 1;
  // A nudge that would still go out may have been replaced by a later REMIND, WHEN or ZONE.
  const due = shouldSend(ref.kind, caseRecord, userStopped, now);
  const replaced = due.send && caseRecord ? replacedByLaterPlan(ref, caseRecord) : null;
  const decision = replaced ? { send: false as const, reason: replaced } : due;
  if (!decision.send || !caseRecord) return SKIPPED[decision.send ? 'case-gone' : decision.reason];
  const followUp = ref.kind === 'stay-in-touch' ? await keepInTouchCase(caseRecord, deps, now) : null;
  const token = deps.random.token();
  await deps.cases.addToken({ caseId: (followUp ?? caseRecord).caseId, tokenHash: hashToken(token) });
  return composeNudgeMail(ref.kind, caseRecord, {
    replyAddress: replyAddress({ token, domain: deps.config.domain }),
    sender: deps.config,
    now,
    followUp,
  });
}

/**
 * The "stay in touch" note is a case of its own, DRAFTED with the friendly note, so the user's SEND
 * goes through the same exactly-once dispatch. Created once, whatever retries happen.
 */
async function keepInTouchCase(sentCase: Case, deps: SweepDeps, now: Date): Promise<Case> {
  const caseId = `${sentCase.caseId}-k`;
  const existing = await deps.cases.getCase(caseId);
  if (existing) return existing;
  const followUp: Case = {
    ...openCase({
      caseId,
      user: sentCase.user,
      facts: { ...sentCase.facts, calendarEvent: null, originalMessageId: null, originalReferences: [] },
      sourceMessageId: sentCase.sourceMessageId,
      now,
    }),
    purpose: 'keep-in-touch',
    draft: writeKeepInTouchNote(sentCase),
    // The note is the user's to send as written; REASON and OFFER do not rewrite it.
    inputs: { ...sentCase.inputs, edited: true },
    draftMailedAt: now.toISOString(),
    // Its only nudge is this one: no "not sent yet" reminders for a friendly note.
    nudgesStopped: true,
  };
  // A token is added by the caller; the case itself needs one to be created with, never mailed.
  await deps.cases.createCase(followUp, hashToken(deps.random.token()));
  return (await deps.cases.getCase(caseId)) ?? followUp;
}
