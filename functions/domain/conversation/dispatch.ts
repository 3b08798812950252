import { MailNotSentError, MessageBusyError } from '../errors.js';
import { saysWrongDay, writeCancellation } from '../letters/cancellation.js';
import { composeCancellationMail } from '../letters/employer-mail.js';
import { DAY_CHANGED_INTRO, notices } from '../letters/notices.js';
import type { Case } from '../model.js';
import { planSentNudges } from '../nudges/plan.js';
import type { DispatchOutcome } from '../outcomes.js';
import { DAY_MS } from '../retention.js';
import type { CommandContext } from './command-context.js';
import { saveAndShowDraft } from './draft-changes.js';
import { withinDailyLimit } from './quotas.js';

/** How long one dispatch attempt may hold SENDING before it counts as interrupted. */
const SEND_LEASE_SECONDS = 120;

/**
 * SEND and SEND AGAIN: DRAFTED → SENDING → SENT. The conditional claim makes exactly one invocation the
 * sender; a refusal that proves nothing went out hands the case back to DRAFTED so a retry can try again.
 * An attempt that died mid-send (or got an answer that proves nothing, such as a timeout or a server
 * error) leaves SENDING behind: nobody can know whether it went out, so the user (who was in copy)
 * decides with SEND AGAIN instead of Bowout resending blindly.
 */
export async function dispatch(
  context: CommandContext,
  request: { again: boolean },
): Promise<DispatchOutcome> {
  const { caseRecord, deps, tell } = context;
  const { cases, clock } = deps;
  const now = clock.now();
  if (!caseRecord.facts.employer.email) {
    await context.tellRefusal(notices.noRecipient());
    return 'send-no-recipient';
  }
  if (caseRecord.state === 'SENT') {
    const noted = await cases.updateCase(
      caseRecord.caseId,
      { states: ['SENT'], unset: ['alreadySentNoticeAt'] },
      { alreadySentNoticeAt: now.toISOString() },
    );
    if (noted) await tell(notices.alreadySent());
    return 'already-sent';
  }
  if (caseRecord.state === 'DISCARDED') {
    await context.tellRefusal(notices.sendAfterDiscard());
    return 'send-discarded';
  }
  if (caseRecord.state === 'SENDING') {
    const interrupted =
      caseRecord.sendLeaseUntil !== null && Date.parse(caseRecord.sendLeaseUntil) < now.getTime();
    if (!interrupted) {
      // The platform retrying the very delivery whose send was cut short: come back after the lease,
      // when the user can be asked, rather than closing this delivery with the case stuck in SENDING.
      if (caseRecord.sendAttemptId?.startsWith(`${context.sesMessageId}:`)) {
        throw new MessageBusyError(`the dispatch of case ${caseRecord.caseId} is still leased`);
      }
      return 'send-in-progress';
    }
    if (!request.again) {
      const told = await cases.updateCase(
        caseRecord.caseId,
        { states: ['SENDING'], unset: ['uncertainNoticeAt'] },
        { uncertainNoticeAt: now.toISOString() },
      );
      if (told) await tell(notices.uncertainSend());
      return 'send-uncertain';
    }
  }
  if (caseRecord.state === 'DRAFTED' && saysWrongDay(caseRecord, now)) return rewriteForToday(context, now);
  if (
    caseRecord.state === 'DRAFTED' &&
    interviewHasPassed(caseRecord, now) &&
    !caseRecord.lateSendRequestedAt
  ) {
    // Cancelling an interview that already happened is rarely meant: ask once, send on a second SEND.
    const asked = await cases.updateCase(
      caseRecord.caseId,
      { states: ['DRAFTED'], unset: ['lateSendRequestedAt'] },
      { lateSendRequestedAt: now.toISOString() },
    );
    if (asked) await tell(notices.interviewPassed());
    return 'send-needs-confirmation';
  }
  const firstSeenAt =
    (await deps.settings.getSettings(caseRecord.user.email)).firstSeenAt ?? caseRecord.createdAt;
  const firstDay = now.getTime() - Date.parse(firstSeenAt) < DAY_MS;
  if (
    !(await withinDailyLimit(deps.quotas, {
      userEmail: caseRecord.user.email,
      kind: 'send',
      now,
      firstDay,
      tell,
    }))
  )
    return 'send-rate-limited';

  // The attempt names the delivery that made it, so that delivery's own retry can be told apart.
  const attemptId = `${context.sesMessageId}:${deps.random.id()}`;
  const claimed = await cases.updateCase(
    caseRecord.caseId,
    caseRecord.state === 'SENDING'
      ? { states: ['SENDING'], attemptId: caseRecord.sendAttemptId }
      : { states: ['DRAFTED'] },
    {
      state: 'SENDING',
      sendAttemptId: attemptId,
      sendLeaseUntil: new Date(now.getTime() + SEND_LEASE_SECONDS * 1000).toISOString(),
      updatedAt: now.toISOString(),
    },
  );
  if (!claimed) {
    // Someone else moved the case meanwhile: answer as the case now stands.
    const current = await cases.getCase(caseRecord.caseId);
    return current && current.state !== 'DRAFTED' && current.state !== caseRecord.state
      ? dispatch({ ...context, caseRecord: current }, { again: false })
      : 'send-conflict';
  }
  return sendClaimed(context, { claimed, attemptId, now });
}

/**
 * A letter written yesterday that says "tomorrow" would send the wrong day: it is written again for
 * today, stored, and shown to the user, who sends it with another SEND. Never sent unseen.
 */
async function rewriteForToday(context: CommandContext, now: Date): Promise<DispatchOutcome> {
  const { caseRecord } = context;
  const draft = writeCancellation(caseRecord.facts, caseRecord.inputs, { caseId: caseRecord.caseId, now });
  const shown = await saveAndShowDraft(context, { draft }, now, DAY_CHANGED_INTRO);
  return shown ? 'send-needs-confirmation' : 'send-conflict';
}

function interviewHasPassed(caseRecord: Case, now: Date): boolean {
  const start = caseRecord.facts.interview.start;
  return caseRecord.purpose === 'cancellation' && start !== null && Date.parse(start) < now.getTime();
}

/** The send itself, under the lease this attempt holds, and what it leaves behind. */
async function sendClaimed(
  context: CommandContext,
  attempt: { claimed: Case; attemptId: string; now: Date },
): Promise<DispatchOutcome> {
  const { deps, tell } = context;
  const { claimed, attemptId, now } = attempt;
  const { caseId } = claimed;
  let sent: { messageId: string };
  try {
    sent = await deps.mailer.send(composeCancellationMail(claimed, deps.config.senderAddress, now));
  } catch (error) {
    // Only a refusal proves nothing went out; after anything else (a timeout) the case stays SENDING.
    if (!(error instanceof MailNotSentError)) throw error;
    await deps.cases.updateCase(
      caseId,
      { states: ['SENDING'], attemptId },
      { state: 'DRAFTED', sendAttemptId: null, sendLeaseUntil: null },
    );
    if (error.retryable) throw error;
    // Refused for good (the message itself): retrying would only repeat it. Tell the user once.
    await tell(notices.sendRefused());
    return 'send-refused';
  }
  const done = deps.clock.now().toISOString();
  const recorded = await deps.cases.updateCase(
    caseId,
    { states: ['SENDING'], attemptId },
    { state: 'SENT', sentAt: done, sentMessageId: sent.messageId, sendLeaseUntil: null, updatedAt: done },
  );
  // The reflection and "stay in touch" nudges follow a cancellation, not the friendly note itself.
  if (recorded?.purpose === 'cancellation')
    await deps.nudges.schedule(planSentNudges(recorded, new Date(done)), now);
  deps.log.info('cancellation sent', { caseId, outcome: 'sent' });
  return 'sent';
}
