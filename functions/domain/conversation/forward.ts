import { FixedOffsetZone } from 'luxon';
import { openCase } from '../case.js';
import { caseIdFor, hashToken, replyAddress } from '../ids.js';
import { understandInvite } from '../invite/understand-invite.js';
import { markedReason } from '../letters/cancellation.js';
import { chooseLanguage } from '../letters/language.js';
import { type Notice, notices } from '../letters/notices.js';
import { composeDraftMail, composeNotice } from '../letters/user-mail.js';
import type { ParsedMail } from '../mail/parse-mail.js';
import type { Case, ReceivedMail } from '../model.js';
import { planUnsentNudges } from '../nudges/plan.js';
import type { ForwardOutcome, IgnoredOutcome } from '../outcomes.js';
import type { CommandDeps } from '../ports.js';
import { senderIsAuthenticated } from './mail-policy.js';
import { DAILY_LIMITS, withinDailyLimit } from './quotas.js';
import { answerRepeatedForward, standingOfOriginal } from './repeated-forward.js';

/** The user's own zone, as the offset of the Date header of the mail they forwarded. */
function userZone(offsetMinutes: number | null): string {
  return offsetMinutes === null ? 'UTC' : FixedOffsetZone.instance(offsetMinutes).name;
}

/**
 * A forward to cancel@: understand the invite, open a case (one per SES message and per original invite
 * of a user), mail the user the draft with a fresh reply token, and schedule the "not sent yet" nudges.
 * A retry after a crash finds the same case and mails the draft again with another token; the first
 * token stays valid. The same invite forwarded again gets at most a short note about the earlier case.
 */
export async function draftFromForward(
  forward: { received: ReceivedMail; mail: ParsedMail },
  deps: CommandDeps,
): Promise<ForwardOutcome | Extract<IgnoredOutcome, 'ignored-unauthenticated'>> {
  const { received, mail } = forward;
  const { cases, clock, random, config } = deps;
  if (!mail.from || !senderIsAuthenticated(received.verdicts, received.envelopeFrom, mail)) {
    // Answering an unauthenticated From would mail whoever it names: no answer at all.
    return 'ignored-unauthenticated';
  }
  const user = mail.from;
  const tell = (notice: Notice) =>
    deps.mailer.send(composeNotice(notice, { to: user.address, sender: config }));
  const caseId = caseIdFor(received.sesMessageId);
  let existing = await cases.getCase(caseId);
  if (existing?.draftMailedAt) return 'duplicate-draft';

  const understood = understandInvite(mail, { userAddress: user.address, ownDomain: config.domain });
  if (!existing && !understood.isInvite) {
    await tell(notices.notAnInvite());
    return 'not-an-invite';
  }

  const now = clock.now();
  if (!existing) {
    // The same invite forwarded again (the user was not sure the first arrived) opens no second case.
    const filing = {
      userEmail: user.address,
      originalKey: understood.originalKey,
      caseId,
      filedAt: now.toISOString(),
    };
    const standing = await standingOfOriginal(filing, cases);
    if (standing.kind === 'repeat') return answerRepeatedForward({ earlier: standing.earlier, now }, deps);
    if (standing.kind === 'resume') existing = standing.earlier;
    else if (!(await withinDailyLimit(deps.quotas, { userEmail: user.address, kind: 'draft', now, tell }))) {
      // No case after all: the same invite forwarded tomorrow is a first forward, not a repeat.
      await cases.releaseOriginal(filing);
      return 'draft-rate-limited';
    }
  }
  const token = random.token();
  // The user's default letter language counts only when the invite's own language is unclear.
  const inviteLanguage = understood.facts.style?.language ?? null;
  const userDefault =
    existing || inviteLanguage ? null : ((await deps.settings.letterLanguage?.(user.address)) ?? null);
  let caseRecord: Case =
    existing ??
    openCase({
      caseId,
      user: { email: user.address, name: user.name, timezone: userZone(mail.dateOffsetMinutes) },
      facts: understood.facts,
      sourceMessageId: received.sesMessageId,
      now,
      // The note above the forward is private: only a line the user marked "Reason:" reaches the letter.
      reason: markedReason(understood.note),
      language: chooseLanguage(inviteLanguage, userDefault),
    });
  if (existing || !(await cases.createCase(caseRecord, hashToken(token)))) {
    caseRecord = existing ?? (await cases.getCase(caseId)) ?? caseRecord;
    await cases.addToken({ caseId: caseRecord.caseId, tokenHash: hashToken(token) });
  }
  await deps.mailer.send(
    composeDraftMail(caseRecord, {
      replyAddress: replyAddress({ token, domain: config.domain }),
      sender: config,
      now,
    }),
  );
  // Planned from the case's own creation time, so a retry schedules the very same nudges.
  await deps.nudges.schedule(planUnsentNudges(caseRecord, new Date(caseRecord.createdAt)), now);
  await cases.updateCase(
    caseRecord.caseId,
    { states: [caseRecord.state] },
    { draftMailedAt: clock.now().toISOString() },
  );
  return 'drafted';
}

/**
 * Not MIME at all: answer the envelope sender, but only when SES vouches for that address, and only a few
 * times a day per sender (a broken mailer sending the same bytes again and again gets silence).
 */
export async function answerUnreadable(
  received: ReceivedMail,
  deps: Pick<CommandDeps, 'mailer' | 'config' | 'quotas' | 'clock'>,
): Promise<'unreadable-answered' | 'unreadable-unanswered' | 'unreadable-rate-limited'> {
  const sender = received.envelopeFrom.toLowerCase();
  if (!sender || (received.verdicts.spf !== 'PASS' && received.verdicts.dmarc !== 'PASS'))
    return 'unreadable-unanswered';
  const kind = 'unreadable-note';
  const quota = await deps.quotas.consumeQuota({
    userEmail: sender,
    kind,
    limit: DAILY_LIMITS[kind],
    now: deps.clock.now(),
  });
  if (quota !== 'ok') return 'unreadable-rate-limited';
  await deps.mailer.send(composeNotice(notices.unreadable(), { to: sender, sender: deps.config }));
  return 'unreadable-answered';
}
