import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { MailNotSentError, MessageBusyError } from '../errors.js';
import { zoneOf } from '../invite/zones.js';
import { writeCancellation } from '../letters/cancellation.js';
import { composeCancellationMail } from '../letters/employer-mail.js';
import { COMMAND_HELP, composeDraftMail, composeNotice } from '../letters/user-mail.js';
import { isPlausibleAddress, isUnattendedAddress } from '../mail/sanitize.js';
import type { Case } from '../model.js';
import { planCustomNudge, planSentNudges } from '../nudges/plan.js';
import type { InboundDeps } from '../ports.js';
import type { Command } from './commands.js';

/**
 * Replies and dispatch: what a command from the case's own (already authenticated) user does. Every change is
 * a conditional write on the case state, and every command that changes the draft answers with it.
 */

/** How long one dispatch attempt may hold SENDING before it counts as interrupted. */
const SEND_LEASE_SECONDS = 120;
/** Per user and day: generous for a person, a wall for a loop or an abuser. */
export const DAILY_LIMITS = { draft: 20, send: 10 } as const;

type Notify = (subject: string, lines: string[]) => Promise<unknown>;

export async function runCommand(
  command: Command,
  value: Case,
  reply: string,
  deps: InboundDeps,
  sesMessageId: string,
): Promise<string> {
  const notify: Notify = (subject, lines) =>
    deps.mailer.send(composeNotice(value.user.email, subject, lines, deps.config, reply));
  switch (command.kind) {
    case 'SEND':
      return dispatch(value, reply, deps, notify, { again: false, sesMessageId });
    case 'SEND_AGAIN':
      return dispatch(value, reply, deps, notify, { again: true, sesMessageId });
    case 'CANCEL':
      return discard(value, deps, notify);
    case 'EDIT':
    case 'REASON':
    case 'OFFER':
    case 'TO':
      return changeDraft(command, value, reply, deps, notify);
    case 'REMIND':
      return remind(command.when, value, deps, notify);
    case 'STOP': {
      await deps.cases.updateCase(
        value.caseId,
        { states: ['DRAFTED', 'SENDING', 'SENT', 'DISCARDED'] },
        { nudgesStopped: true },
      );
      await notify('No more reminders for this case', [
        'Done: Bowout will send no more reminders about this interview.',
        'Reply STOP ALL to stop them for every case.',
      ]);
      return 'stopped';
    }
    case 'STOP_ALL': {
      await deps.settings.stopAllNudges(value.user.email, deps.clock.now());
      await notify('No more reminders', [
        'Done: Bowout will send you no more reminders, for any case. Drafts still come when you forward an invite.',
      ]);
      return 'stopped-all';
    }
    case 'HELP':
      await notify('How to use Bowout', helpLines(null));
      return 'help';
    case 'UNCLEAR':
      await notify('How to use Bowout', helpLines(command.reason));
      return 'unclear-command';
  }
}

function helpLines(problem: Extract<Command, { kind: 'UNCLEAR' }>['reason'] | null): string[] {
  const lead =
    problem === 'bad-address'
      ? "That doesn't look like an email address. Write it like this: TO hannah.cole@example.com"
      : problem === 'missing-argument'
        ? 'That command needs a little more after it, for example: REASON I have accepted another offer'
        : problem === null
          ? 'Reply to the draft email with a command on the first line:'
          : "I didn't understand that. Reply with one of these commands on the first line:";
  return [lead, '', ...COMMAND_HELP.map((line) => `  ${line}`)];
}

async function discard(value: Case, deps: InboundDeps, notify: Notify): Promise<string> {
  const now = deps.clock.now().toISOString();
  const discarded = await deps.cases.updateCase(
    value.caseId,
    { states: ['DRAFTED'] },
    { state: 'DISCARDED', updatedAt: now },
  );
  if (!discarded) {
    await notify('Too late to discard', [
      `This cancellation is ${describeState(value)}, so there is nothing to discard.`,
    ]);
    return 'cancel-too-late';
  }
  await notify('Draft discarded', [
    'Done: the cancellation draft is discarded and nothing was sent to the employer.',
  ]);
  return 'discarded';
}

function describeState(value: Case): string {
  return value.state === 'SENT'
    ? 'already sent'
    : value.state === 'DISCARDED'
      ? 'discarded'
      : 'being sent right now';
}

/** EDIT, REASON, OFFER and TO change the stored draft (never who else gets it) and answer with it. */
async function changeDraft(
  command: Extract<Command, { kind: 'EDIT' | 'REASON' | 'OFFER' | 'TO' }>,
  value: Case,
  reply: string,
  deps: InboundDeps,
  notify: Notify,
): Promise<string> {
  if (value.state !== 'DRAFTED') {
    await notify('The draft can no longer change', [
      `This cancellation is ${describeState(value)}, so it can no longer be changed.`,
    ]);
    return 'change-too-late';
  }
  const inputs = { ...value.inputs };
  const facts = structuredClone(value.facts);
  let draft = value.draft;
  if (command.kind === 'TO') {
    const address = command.address;
    if (
      !isPlausibleAddress(address) ||
      isUnattendedAddress(address) ||
      address === value.user.email ||
      address.endsWith(`@${deps.config.domain}`)
    ) {
      await notify('That address cannot be used', [
        `I can't send the cancellation to ${address}: it is not a person's address.`,
        'Reply TO with the address of the person who invited you.',
      ]);
      return 'to-rejected';
    }
    facts.employer.email = address;
    facts.missing = facts.missing.filter((key) => key !== 'employer.email');
  } else if (command.kind === 'EDIT') {
    inputs.edited = true;
    draft = { subject: value.draft.subject, body: command.body.slice(0, 5_000) };
  } else {
    if (inputs.edited) {
      await notify('You edited this draft yourself', [
        'Your own text is kept as it is. To change it, reply EDIT followed by the new text.',
      ]);
      return 'change-after-edit';
    }
    if (command.kind === 'REASON') inputs.reason = command.text;
    else inputs.offer = command.text;
  }
  if (!inputs.edited) draft = writeCancellation(facts, inputs);
  const now = deps.clock.now();
  const updated = await deps.cases.updateCase(
    value.caseId,
    { states: ['DRAFTED'] },
    { facts, inputs, draft, updatedAt: now.toISOString() },
  );
  if (!updated) return 'change-conflict';
  await deps.mailer.send(
    composeDraftMail(updated, reply, deps.config, now, { heading: 'Your updated cancellation draft' }),
  );
  return `changed-${command.kind.toLowerCase()}`;
}

/**
 * REMIND <when>: "2 days", "Monday 9am", "tomorrow", read in the user's own zone. `named` when the
 * user named a time of day (kept as they said it); otherwise it is a snooze or a day.
 */
export function parseRemindTime(when: string, now: Date, zone: string): { at: Date; named: boolean } | null {
  const luxonZone = zoneOf(zone) ?? 'UTC';
  const offset = DateTime.fromJSDate(now, { zone: luxonZone }).offset;
  const bare = when.replace(/^me\s+/i, '').trim();
  // chrono reads "in 2 days" but not a bare "2 days", which users write as a snooze.
  const text = /^\d/.test(bare) ? `in ${bare}` : bare;
  const result = chrono.en.casual.parse(text, { instant: now, timezone: offset }, { forwardDate: true })[0];
  if (!result) return null;
  let at = DateTime.fromJSDate(result.start.date(), { zone: luxonZone });
  // "REMIND Monday" means Monday morning, not the current time of day on Monday; a snooze
  // ("2 days", "in 3 hours") keeps the time of day.
  const snooze = /^\s*(in\s+)?(\d+|an?|one|two|three)\s*(minutes?|mins?|hours?|hrs?|days?|weeks?)\b/i.test(
    text,
  );
  if (!snooze && !result.start.isCertain('hour'))
    at = at.set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
  return at.toMillis() > now.getTime() ? { at: at.toJSDate(), named: result.start.isCertain('hour') } : null;
}

async function remind(when: string, value: Case, deps: InboundDeps, notify: Notify): Promise<string> {
  const now = deps.clock.now();
  const parsed = parseRemindTime(when, now, value.user.timezone);
  if (!parsed) {
    await notify('When should I remind you?', [
      "I couldn't read that time. Try for example: REMIND 2 days, REMIND tomorrow, REMIND Monday 9am",
    ]);
    return 'remind-unclear';
  }
  const nudge = planCustomNudge(value, parsed.at, parsed.named);
  const updated = await deps.cases.updateCase(
    value.caseId,
    { states: ['DRAFTED', 'SENT'] },
    { remindAt: nudge.dueAt, nudgesStopped: false },
  );
  if (!updated) {
    await notify('Nothing to remind you of', [
      `This case is ${describeState(value)}, so there is nothing left to remind you about.`,
    ]);
    return 'remind-closed';
  }
  await deps.nudges.schedule([nudge], now);
  const local = DateTime.fromISO(nudge.dueAt, { zone: zoneOf(value.user.timezone) ?? 'UTC' }).toFormat(
    "cccc d LLLL 'at' HH:mm",
  );
  await notify('Reminder set', [`I'll remind you on ${local}.`]);
  return 'remind-set';
}

/**
 * DRAFTED → SENDING → SENT. The conditional claim makes exactly one invocation the sender; a refused
 * send hands the case back to DRAFTED so a retry can try again. An attempt that died mid-send leaves
 * SENDING behind: nobody can know whether it went out, so the user (who was in copy) decides with
 * SEND AGAIN instead of Bowout resending blindly.
 */
async function dispatch(
  value: Case,
  reply: string,
  deps: InboundDeps,
  notify: Notify,
  delivery: { again: boolean; sesMessageId: string },
): Promise<string> {
  const { again } = delivery;
  const { cases, clock, config } = deps;
  const now = clock.now();
  if (!value.facts.employer.email) {
    await notify('Who should receive it?', [
      "I don't know the employer's email address, so I can't send the cancellation yet.",
      'Reply TO followed by their address (for example: TO hannah.cole@example.com), then SEND.',
    ]);
    return 'send-no-recipient';
  }
  if (value.state === 'SENT') {
    const noted = await cases.updateCase(
      value.caseId,
      { states: ['SENT'], unset: ['alreadySentNoticeAt'] },
      { alreadySentNoticeAt: now.toISOString() },
    );
    if (noted)
      await notify('Already sent', [
        'Your cancellation was already sent; nothing more went to the employer.',
      ]);
    return 'already-sent';
  }
  if (value.state === 'DISCARDED') {
    await notify('This draft was discarded', [
      'You discarded this draft earlier, so nothing was sent. Forward the invite again for a new draft.',
    ]);
    return 'send-discarded';
  }
  if (value.state === 'SENDING') {
    const interrupted = value.sendLeaseUntil !== null && Date.parse(value.sendLeaseUntil) < now.getTime();
    if (!interrupted) {
      // The platform retrying the very delivery whose send was cut short: come back after the lease,
      // when the user can be asked, rather than closing this delivery with the case stuck in SENDING.
      if (value.sendAttemptId?.startsWith(`${delivery.sesMessageId}:`)) {
        throw new MessageBusyError(`the dispatch of case ${value.caseId} is still leased`);
      }
      return 'send-in-progress';
    }
    if (!again) {
      const told = await cases.updateCase(
        value.caseId,
        { states: ['SENDING'], unset: ['uncertainNoticeAt'] },
        { uncertainNoticeAt: now.toISOString() },
      );
      if (told) {
        await notify('Did your cancellation go out?', [
          'A fault interrupted sending your cancellation, so I cannot tell whether the employer received it.',
          'You were in copy: if you have a copy in your inbox, it went out and there is nothing to do.',
          'If you have no copy, reply SEND AGAIN and I will send it.',
        ]);
      }
      return 'send-uncertain';
    }
  }
  const start = value.facts.interview.start;
  const late = value.purpose === 'cancellation' && start !== null && Date.parse(start) < now.getTime();
  if (value.state === 'DRAFTED' && late && !value.lateSendRequestedAt) {
    // Cancelling an interview that already happened is rarely meant: ask once, send on a second SEND.
    const asked = await cases.updateCase(
      value.caseId,
      { states: ['DRAFTED'], unset: ['lateSendRequestedAt'] },
      { lateSendRequestedAt: now.toISOString() },
    );
    if (asked) {
      await notify('The interview has passed', [
        'The interview in this invite seems to have taken place already, so I have not sent anything.',
        'If you still want the cancellation to go out, reply SEND once more.',
      ]);
    }
    return 'send-needs-confirmation';
  }
  const quota = await deps.quotas.consumeQuota({
    userEmail: value.user.email,
    kind: 'send',
    limit: DAILY_LIMITS.send,
    now,
  });
  if (quota !== 'ok') {
    if (quota === 'limited-first')
      await notify('Daily limit reached', [
        `Bowout sends at most ${DAILY_LIMITS.send} cancellations a day for you. Reply SEND again tomorrow, or use the link in the draft to send it yourself.`,
      ]);
    return 'send-rate-limited';
  }
  // The attempt names the delivery that made it, so that delivery's own retry can be told apart.
  const attemptId = `${delivery.sesMessageId}:${deps.random.id()}`;
  const claimed = await cases.updateCase(
    value.caseId,
    value.state === 'SENDING'
      ? { states: ['SENDING'], attemptId: value.sendAttemptId }
      : { states: ['DRAFTED'] },
    {
      state: 'SENDING',
      sendAttemptId: attemptId,
      sendLeaseUntil: new Date(now.getTime() + SEND_LEASE_SECONDS * 1000).toISOString(),
      updatedAt: now.toISOString(),
    },
  );
  if (!claimed) {
    const current = await cases.getCase(value.caseId);
    return current && current.state !== 'DRAFTED' && current.state !== value.state
      ? dispatch(current, reply, deps, notify, { ...delivery, again: false })
      : 'send-conflict';
  }
  let sent: { messageId: string };
  try {
    sent = await deps.mailer.send(composeCancellationMail(claimed, config.senderAddress, now));
  } catch (error) {
    // Only a refusal proves nothing went out; after anything else (a timeout) the case stays SENDING.
    if (!(error instanceof MailNotSentError)) throw error;
    await cases.updateCase(
      value.caseId,
      { states: ['SENDING'], attemptId },
      { state: 'DRAFTED', sendAttemptId: null, sendLeaseUntil: null },
    );
    if (error.retryable) throw error;
    // Refused for good (the message itself): retrying would only repeat it. Tell the user once.
    await notify('Your cancellation could not be sent', [
      'The mail service refused to send your cancellation, so nothing went to the employer.',
      'Please send it yourself with the link in the draft email.',
    ]);
    return 'send-refused';
  }
  const done = clock.now().toISOString();
  const recorded = await cases.updateCase(
    value.caseId,
    { states: ['SENDING'], attemptId },
    { state: 'SENT', sentAt: done, sentMessageId: sent.messageId, sendLeaseUntil: null, updatedAt: done },
  );
  // The reflection and "stay in touch" nudges follow a cancellation, not the friendly note itself.
  if (recorded?.purpose === 'cancellation')
    await deps.nudges.schedule(planSentNudges(recorded, new Date(done)), now);
  deps.log.info('cancellation sent', { caseId: value.caseId, outcome: 'sent' });
  return 'sent';
}
