import { MessageBusyError, RawMailNotFoundError, UnreadableMailError } from '../errors.js';
import { replyToken } from '../ids.js';
import { type ParsedMail, parseMail } from '../mail/parse-mail.js';
import type { ReceivedMail } from '../model.js';
import type { AutomatedReason, IgnoredOutcome, InboundOutcome } from '../outcomes.js';
import type { InboundDeps } from '../ports.js';
import { answerUnreadable, draftFromForward } from './forward.js';
import { automatedReason, senderIsAuthenticated } from './mail-policy.js';
import { handleReply } from './reply.js';

/** How long one invocation may hold a message before another may take over. */
const MESSAGE_LEASE_SECONDS = 120;

const IGNORED: Record<AutomatedReason, IgnoredOutcome> = {
  'own-loop': 'ignored-own-loop',
  bounce: 'ignored-bounce',
  'auto-submitted': 'ignored-auto-submitted',
  'auto-reply': 'ignored-auto-reply',
  bulk: 'ignored-bulk',
  'mailing-list': 'ignored-mailing-list',
  'out-of-office': 'ignored-out-of-office',
};

/**
 * Forwards and replies: one received message in, at most one action out. Idempotent per SES message id
 * (a claim with a lease) and per case state (conditional writes), so at-least-once delivery is safe.
 */
export async function processInboundMail(received: ReceivedMail, deps: InboundDeps): Promise<InboundOutcome> {
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

/** Which path a message takes: nowhere (automated, spam), a reply to a case, or a forward. */
async function route(received: ReceivedMail, deps: InboundDeps): Promise<InboundOutcome> {
  const { domain } = deps.config;
  const raw = await deps.rawMail.getRawMail(received.sesMessageId);
  let mail: ParsedMail;
  try {
    mail = await parseMail(raw);
  } catch (error) {
    if (!(error instanceof UnreadableMailError)) throw error;
    return answerUnreadable(received, deps);
  }
  // Filed under its sender before anything else, so FORGET finds every raw mail they sent.
  if (mail.from && senderIsAuthenticated(received.verdicts, received.envelopeFrom, mail))
    await deps.messages.fileUnderUser(received.sesMessageId, mail.from.address, deps.clock.now());
  const automated = automatedReason(mail, received.envelopeFrom, { domain });
  if (automated) return IGNORED[automated];
  if (received.verdicts.spam === 'FAIL') return 'ignored-spam';

  for (const recipient of received.recipients) {
    const token = replyToken({ recipient, domain });
    if (token) return handleReply({ token, received, mail }, deps);
  }
  if (received.recipients.some((r) => r.toLowerCase() === `cancel@${domain}`))
    return draftFromForward({ received, mail }, deps);
  return 'ignored-unknown-recipient';
}
