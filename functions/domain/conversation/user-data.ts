import { hashToken, replyAddress } from '../ids.js';
import { formatInZone } from '../invite/zones.js';
import { type ForgetCounts, type StatusEntry, settingsNotices } from '../letters/notices.js';
import { composeNotice } from '../letters/user-mail.js';
import type { SettingsOutcome } from '../outcomes.js';
import type { UserCommandContext } from './command-context.js';

/** STATUS lists at most this many open cases (newest first); a person has a handful. */
const MAX_LISTED = 20;

/**
 * STATUS: every open case of the user (a draft not sent yet, or one being sent) with company, role,
 * interview time, state and its own reply address. Only hashes of tokens are stored, so each listed
 * case gets a fresh token: the address shown works like the one in its draft.
 */
export async function status(context: UserCommandContext): Promise<SettingsOutcome> {
  const { userEmail, deps, tell } = context;
  const cases = await deps.cases.casesOfUser(userEmail);
  const open = cases.filter((c) => c.state === 'DRAFTED' || c.state === 'SENDING').slice(0, MAX_LISTED);
  const entries: StatusEntry[] = [];
  for (const caseRecord of open) {
    const token = deps.random.token();
    await deps.cases.addToken({ caseId: caseRecord.caseId, tokenHash: hashToken(token) });
    const { start } = caseRecord.facts.interview;
    entries.push({
      company: caseRecord.facts.employer.company,
      role: caseRecord.facts.role,
      interview: start ? formatInZone(start, caseRecord.user.timezone) : null,
      state: caseRecord.state,
      purpose: caseRecord.purpose,
      replyAddress: replyAddress({ token, domain: deps.config.domain }),
    });
  }
  await tell(settingsNotices.status(entries, cases.length - open.length));
  return 'status';
}

/**
 * FORGET: deletes every item Bowout keeps about the user: cases (drafts, facts), their reminders, reply
 * tokens, settings, quota counters and answered-subject marks, and the raw mail they sent. Kept: the
 * retired tokens' hashes (bound to nothing, so an old reply address stays dead), the processed-message
 * markers (which name nobody, and stop a retried delivery from acting again) and the bounce and
 * complaint suppression (hashed, so Bowout keeps not mailing an address that asked it not to).
 *
 * Every step can be repeated, and the message carrying FORGET is deleted last, after the answer: a
 * retry after a crash finds it and finishes the job.
 */
export async function forget(context: UserCommandContext): Promise<SettingsOutcome> {
  const { userEmail, deps, sesMessageId } = context;
  const { cases, nudges, settings, quotas, messages, rawMail } = deps;
  const now = deps.clock.now();
  const caseIds = await cases.caseIdsOfUser(userEmail);
  const sources = (await cases.casesOfUser(userEmail)).map((c) => c.sourceMessageId);
  const filed = await messages.messagesOfUser(userEmail);
  const raw = [...new Set([...filed, ...sources])].filter((id) => id !== sesMessageId);

  let reminders = 0;
  for (const caseId of caseIds) reminders += await nudges.forgetCase(caseId);
  const forgotten = await cases.forgetUser(userEmail);
  const deleted: ForgetCounts = {
    cases: forgotten.cases,
    replyAddresses: forgotten.tokens,
    reminders,
    settings: await settings.forgetUser(userEmail),
    counters: await quotas.forgetUser(userEmail, now),
    // This message's own raw mail goes last, after the answer.
    messages: (await rawMail.deleteRawMail(raw)) + 1,
  };
  await messages.forgetUser(userEmail);
  // No Reply-To: there is nothing left to answer to.
  await deps.mailer.send(
    composeNotice(settingsNotices.forgotten(deleted), { to: userEmail, sender: deps.config }),
  );
  await rawMail.deleteRawMail([sesMessageId]);
  deps.log.info('user forgotten', { sesMessageId, outcome: 'forgotten', ...deleted });
  return 'forgotten';
}
