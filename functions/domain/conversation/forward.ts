import { FixedOffsetZone } from 'luxon';
import { openCase } from '../case.js';
import { caseIdFor, hashToken, replyAddress } from '../ids.js';
import { understandInvite } from '../invite/understand-invite.js';
import { isKnownZone } from '../invite/zones.js';
import { markedReason } from '../letters/cancellation.js';
import { chooseLanguage } from '../letters/language.js';
import { guardNotices, notices } from '../letters/notices.js';
import { composeDraftMail, composeNotice } from '../letters/user-mail.js';
import type { ParsedMail } from '../mail/parse-mail.js';
import type { Case, CaseUser, InviteFacts, ReceivedMail, UserPreferences } from '../model.js';
import { planUnsentNudges } from '../nudges/plan.js';
import type { ForwardOutcome, IgnoredOutcome } from '../outcomes.js';
import type { CommandDeps } from '../ports.js';
import { answerWithinBudget } from './answer-budget.js';
import { senderIsAuthenticated } from './mail-policy.js';
import { findLink, forwardedAddresses, usableDisplayName } from './no-relay.js';
import { isOwnMailForwardedBack } from './own-mail.js';
import { withinDailyLimit } from './quotas.js';
import { answerRepeatedForward, standingOfOriginal } from './repeated-forward.js';
import { tellUser } from './user-address.js';

/**
 * The zone the user's times are shown in: their ZONE setting; else their mail's Date offset, unless it
 * is +0000 (or missing), which many clients and servers write whatever the user's zone: then the
 * interview's own zone, said so in the draft with the ZONE command (letters/user-mail.ts), or UTC.
 */
function userZone(
  settings: UserPreferences,
  offsetMinutes: number | null,
  facts: InviteFacts,
): Pick<CaseUser, 'timezone' | 'zoneFrom'> {
  if (settings.zone && isKnownZone(settings.zone)) return { timezone: settings.zone, zoneFrom: 'setting' };
  if (offsetMinutes !== null && offsetMinutes !== 0)
    return { timezone: FixedOffsetZone.instance(offsetMinutes).name, zoneFrom: 'date-header' };
  const interviewZone = facts.interview.timezone;
  if (interviewZone && isKnownZone(interviewZone)) return { timezone: interviewZone, zoneFrom: 'interview' };
  return { timezone: 'UTC', zoneFrom: 'utc' };
}

/**
 * A forward to cancel@: understand the invite, open a case (one per SES message and per original invite
 * of a user), mail the user the draft with a fresh reply token, and schedule the "not sent yet" nudges.
 * A retry after a crash finds the same case and mails the draft again with another token; the first
 * token stays valid. The same invite forwarded again gets at most a short note about the earlier case.
 * Bowout's own
 * mail coming back and mail that holds no invite open no case: they are answered within the answer
 * budget (conversation/answer-budget.ts).
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
  const from = mail.from;
  const tell = tellUser(deps, from.address);
  const caseId = caseIdFor(received.sesMessageId);
  const now = clock.now();
  const answer = async (notice: Parameters<typeof tell>[0], outcome: ForwardOutcome) => {
    const answered = await answerWithinBudget({
      quotas: deps.quotas,
      userEmail: from.address,
      mail,
      now,
      notice,
      tell,
    });
    return answered === 'answered' ? outcome : answered;
  };
  // This message's own case (an earlier attempt at it may have opened one before the platform retried
  // it), read only when the mail would otherwise get an answer instead of a draft: a first forward of
  // an invite learns from filing its original that no attempt got that far (repeated-forward.ts).
  let own: Promise<Case | null> | undefined;
  const ownCase = () => {
    own ??= cases.getCase(caseId);
    return own;
  };
  if (isOwnMailForwardedBack(mail, config) && !(await ownCase()))
    return answer(guardNotices.ownMailForwarded(), 'own-mail-noted');
  const understood = understandInvite(mail, { userAddress: from.address, ownDomain: config.domain });
  if (!understood.isInvite && !(await ownCase())) return answer(notices.notAnInvite(), 'not-an-invite');

  let existing: Case | null = null;
  if (!understood.isInvite) {
    existing = await ownCase();
  } else {
    // The same invite forwarded again (the user was not sure the first arrived) opens no second case.
    const filing = {
      userEmail: from.address,
      originalKey: understood.originalKey,
      caseId,
      filedAt: now.toISOString(),
    };
    const standing = await standingOfOriginal(filing, cases);
    if (standing.kind === 'repeat') return answerRepeatedForward({ earlier: standing.earlier, now }, deps);
    if (standing.kind === 'own') existing = standing.opened;
    else if (standing.kind === 'resume') existing = standing.earlier;
    else if (!(await withinDailyLimit(deps.quotas, { userEmail: from.address, kind: 'draft', now, tell }))) {
      // No case after all: the same invite forwarded tomorrow is a first forward, not a repeat.
      await cases.releaseOriginal(filing);
      return 'draft-rate-limited';
    }
  }
  if (existing?.draftMailedAt) return 'duplicate-draft';
  const intro: string[] = [];
  let caseRecord: Case;
  let firstSeenNoted = false;
  if (existing) {
    caseRecord = existing;
  } else {
    // The user's settings come back from the same request that notes Bowout's first draft for them.
    const settings = await deps.settings.noteFirstSeen(from.address, now);
    firstSeenNoted = true;
    // The note above the forward is private: only a line the user marked "Reason:" reaches the letter,
    // and not even that when it carries a link to the employer (the user is told).
    const marked = markedReason(understood.note);
    const reason = marked && findLink(marked, from.address) ? null : marked;
    if (marked && !reason) intro.push(guardNotices.noteReasonLeftOut());
    // The user's default letter language (LANG) counts only when the invite's own language is unclear.
    const inviteLanguage = understood.facts.style?.language ?? null;
    caseRecord = openCase({
      caseId,
      user: {
        email: from.address,
        name: settings.signature ?? usableDisplayName(from.name, from.address),
        ...userZone(settings, mail.dateOffsetMinutes, understood.facts),
      },
      facts: understood.facts,
      sourceMessageId: received.sesMessageId,
      now,
      reason,
      language: chooseLanguage(inviteLanguage, inviteLanguage ? null : settings.language),
      forwardedAddresses: forwardedAddresses(mail),
    });
  }
  const token = random.token();
  if (existing || !(await cases.createCase(caseRecord, hashToken(token)))) {
    const opened = existing ?? (await cases.getCase(caseId));
    // The case was there after all, its draft mailed by an earlier attempt at this message.
    if (opened?.draftMailedAt) return 'duplicate-draft';
    caseRecord = opened ?? caseRecord;
    await cases.addToken({ caseId: caseRecord.caseId, tokenHash: hashToken(token) });
  }
  if (!firstSeenNoted) await deps.settings.noteFirstSeen(from.address, now);
  await deps.mailer.send(
    composeDraftMail(caseRecord, {
      replyAddress: replyAddress({ token, domain: config.domain }),
      sender: config,
      now,
      ...(intro.length ? { intro } : {}),
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
 * Not MIME at all: answer the envelope sender, but only when SES vouches for that address, and within
 * the answer budget (the subject is unknown, so one such answer per sender).
 */
export async function answerUnreadable(
  received: ReceivedMail,
  deps: Pick<CommandDeps, 'mailer' | 'config' | 'quotas' | 'clock'>,
): Promise<'unreadable-answered' | 'unreadable-unanswered'> {
  const sender = received.envelopeFrom.toLowerCase();
  if (!sender || (received.verdicts.spf !== 'PASS' && received.verdicts.dmarc !== 'PASS'))
    return 'unreadable-unanswered';
  const answered = await answerWithinBudget({
    quotas: deps.quotas,
    userEmail: sender,
    mail: null,
    now: deps.clock.now(),
    notice: notices.unreadable(),
    tell: (notice) => deps.mailer.send(composeNotice(notice, { to: sender, sender: deps.config })),
  });
  return answered === 'answered' ? 'unreadable-answered' : 'unreadable-unanswered';
}
