import { FixedOffsetZone } from 'luxon';
import { openCase } from '../case.js';
import { MessageBusyError, RawMailNotFoundError, UnreadableMailError } from '../errors.js';
import { caseIdFor, hashToken } from '../ids.js';
import { understandInvite } from '../invite/understand-invite.js';
import { reasonFromNote } from '../letters/cancellation.js';
import { composeDraftMail, composeNotice } from '../letters/user-mail.js';
import { type ParsedMail, parseMail } from '../mail/parse-mail.js';
import type { Case } from '../model.js';
import { planUnsentNudges } from '../nudges/plan.js';
import type { InboundDeps } from '../ports.js';
import { parseCommand } from './commands.js';
import { DAILY_LIMITS, runCommand } from './conversation.js';
import { automatedReason, senderIsAuthenticated, type Verdicts } from './mail-policy.js';

/** One received message as SES describes it: envelope, recipients at our domain, and verdicts. */
export interface ReceivedMail {
  sesMessageId: string;
  envelopeFrom: string;
  recipients: string[];
  verdicts: Verdicts;
}

/** How long one invocation may hold a message or a dispatch before another may take over. */
const MESSAGE_LEASE_SECONDS = 120;

export { caseIdFor, hashToken } from '../ids.js';

const TOKEN_RECIPIENT = /^reply\+([a-z2-7]{20,64})@(.+)$/i;

function userZone(offsetMinutes: number | null): string {
  return offsetMinutes === null ? 'UTC' : FixedOffsetZone.instance(offsetMinutes).name;
}

/**
 * Forwards and replies: one received message in, at most one action out. Idempotent per SES message id
 * (a claim with a lease) and per case state (conditional writes), so at-least-once delivery is safe.
 */
export async function processInboundMail(received: ReceivedMail, deps: InboundDeps): Promise<string> {
  const { messages, clock, log } = deps;
  const ids = { sesMessageId: received.sesMessageId };
  if (received.verdicts.virus === 'FAIL') {
    log.warn('dropped: virus verdict', { ...ids, outcome: 'dropped-virus' });
    return 'dropped-virus';
  }
  const claim = await messages.claimMessage(received.sesMessageId, clock.now(), MESSAGE_LEASE_SECONDS);
  if (claim === 'done') {
    log.info('duplicate delivery ignored', { ...ids, outcome: 'duplicate' });
    return 'duplicate';
  }
  if (claim === 'busy')
    throw new MessageBusyError(`message ${received.sesMessageId} is being processed elsewhere`);
  try {
    const outcome = await route(received, deps);
    await messages.completeMessage(received.sesMessageId, outcome, clock.now());
    log.info('processed', { ...ids, outcome });
    return outcome;
  } catch (error) {
    if (error instanceof RawMailNotFoundError) {
      // Terminal: a retry cannot bring the mail back. Recorded, so duplicates stay quiet too.
      await messages.completeMessage(received.sesMessageId, 'raw-mail-missing', clock.now());
      log.warn('raw mail missing', { ...ids, outcome: 'raw-mail-missing' });
      return 'raw-mail-missing';
    }
    await messages.releaseMessage(received.sesMessageId).catch(() => undefined);
    throw error;
  }
}

async function route(received: ReceivedMail, deps: InboundDeps): Promise<string> {
  const { domain } = deps.config;
  const raw = await deps.rawMail.getRawMail(received.sesMessageId);
  let mail: ParsedMail;
  try {
    mail = await parseMail(raw);
  } catch (error) {
    if (!(error instanceof UnreadableMailError)) throw error;
    return answerUnreadable(received, deps);
  }
  const automated = automatedReason(mail, received.envelopeFrom);
  if (automated) return `ignored-${automated}`;
  if (received.verdicts.spam === 'FAIL') return 'ignored-spam';

  for (const recipient of received.recipients) {
    const token = recipient.match(TOKEN_RECIPIENT);
    if (token?.[1] && token[2]?.toLowerCase() === domain) return handleReply(token[1], received, mail, deps);
  }
  if (received.recipients.some((r) => r.toLowerCase() === `cancel@${domain}`))
    return handleForward(received, mail, deps);
  return 'ignored-unknown-recipient';
}

/** Not MIME at all: answer the envelope sender, but only when SES vouches for that address. */
async function answerUnreadable(received: ReceivedMail, deps: InboundDeps): Promise<string> {
  const sender = received.envelopeFrom.toLowerCase();
  if (!sender || (received.verdicts.spf !== 'PASS' && received.verdicts.dmarc !== 'PASS'))
    return 'unreadable-unanswered';
  await deps.mailer.send(
    composeNotice(sender, "Bowout couldn't read that message", notInviteLines(), deps.config),
  );
  return 'unreadable-answered';
}

function notInviteLines(): string[] {
  return [
    "I couldn't find an interview invite in the message you sent.",
    '',
    'Forward the invite email itself to this address (inline or as an attachment, with its calendar invitation if it had one), and I will draft your cancellation within a minute.',
  ];
}

async function handleForward(received: ReceivedMail, mail: ParsedMail, deps: InboundDeps): Promise<string> {
  const { cases, clock, random, config } = deps;
  if (!mail.from || !senderIsAuthenticated(received.verdicts, received.envelopeFrom, mail)) {
    // Answering an unauthenticated From would mail whoever it names: no answer at all.
    return 'ignored-unauthenticated';
  }
  const user = mail.from;
  const caseId = caseIdFor(received.sesMessageId);
  const existing = await cases.getCase(caseId);
  if (existing?.draftMailedAt) return 'duplicate-draft';

  const understood = understandInvite(mail, { userAddress: user.address, ownDomain: config.domain });
  if (!existing && !understood.isInvite) {
    await deps.mailer.send(
      composeNotice(user.address, "I couldn't find an interview invite in this", notInviteLines(), config),
    );
    return 'not-an-invite';
  }

  const now = clock.now();
  if (!existing) {
    const quota = await deps.quotas.consumeQuota({
      userEmail: user.address,
      kind: 'draft',
      limit: DAILY_LIMITS.draft,
      now,
    });
    if (quota === 'limited-first') {
      await deps.mailer.send(
        composeNotice(
          user.address,
          'Daily limit reached',
          [
            `Bowout drafts at most ${DAILY_LIMITS.draft} cancellations a day for you. Forward the invite again tomorrow.`,
          ],
          config,
        ),
      );
    }
    if (quota !== 'ok') return 'draft-rate-limited';
  }
  const token = random.token();
  let value: Case =
    existing ??
    openCase({
      caseId,
      user: { email: user.address, name: user.name, timezone: userZone(mail.dateOffsetMinutes) },
      facts: understood.facts,
      sourceMessageId: received.sesMessageId,
      now,
      reason: reasonFromNote(understood.note),
    });
  // A retry after a crash mails the draft again with a fresh token; the first token stays valid.
  if (existing || !(await cases.createCase(value, hashToken(token)))) {
    value = existing ?? (await cases.getCase(caseId)) ?? value;
    await cases.addToken({ caseId, tokenHash: hashToken(token) });
  }
  await deps.mailer.send(composeDraftMail(value, replyAddress(token, config.domain), config, now));
  // Planned from the case's own creation time, so a retry schedules the very same nudges.
  await deps.nudges.schedule(planUnsentNudges(value, new Date(value.createdAt)), now);
  await cases.updateCase(caseId, { states: [value.state] }, { draftMailedAt: clock.now().toISOString() });
  return 'drafted';
}

const replyAddress = (token: string, domain: string) => `reply+${token}@${domain}`;

async function handleReply(
  token: string,
  received: ReceivedMail,
  mail: ParsedMail,
  deps: InboundDeps,
): Promise<string> {
  const caseId = await deps.cases.findCaseIdByToken(hashToken(token));
  const value = caseId ? await deps.cases.getCase(caseId) : null;
  if (!value) return 'rejected-unknown-token';
  deps.log.info('reply for case', { sesMessageId: received.sesMessageId, caseId: value.caseId });
  // A command counts only from the case's own user, and only when SES vouches for the From address.
  if (mail.from?.address !== value.user.email) return 'rejected-wrong-sender';
  if (!senderIsAuthenticated(received.verdicts, received.envelopeFrom, mail))
    return 'rejected-unauthenticated';
  return runCommand(
    parseCommand(mail.text),
    value,
    replyAddress(token, deps.config.domain),
    deps,
    received.sesMessageId,
  );
}
