import { MailNotSentError } from '../domain/errors.js';
import { normaliseAddress } from '../domain/mail/sanitize.js';
import type { Mailer, OutgoingMail, SuppressionList } from '../domain/ports.js';

/** The log the mailer reports skipped recipients to: counts and outcomes only, never addresses. */
interface SuppressionLog {
  info(message: string, attributes?: Record<string, unknown>): void;
}

/**
 * A Mailer that never mails a suppressed address (one that bounced for good or complained), wrapped
 * around the real one, so every draft, notice, nudge and cancellation goes through the same check.
 *
 * - Suppressed recipients are dropped from To and Cc; the rest get the message.
 * - No recipient left at all: nothing is sent and the send resolves with an empty message id. There is
 *   nobody to tell, and failing would only make the platform retry the whole inbound message.
 * - Every To recipient suppressed but a Cc left (a cancellation to a dead employer address, Cc the user):
 *   the message is refused with a non-retryable MailNotSentError. A copy for the user alone would look
 *   as if the employer had been written to; the dispatch flow handles the refusal by keeping the draft
 *   and telling the user to send it themselves.
 */
export class SuppressingMailer implements Mailer {
  constructor(
    private readonly inner: Mailer,
    private readonly suppressions: SuppressionList,
    private readonly log: SuppressionLog,
  ) {}

  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const suppressed = await this.suppressions.suppressedAmong([...mail.to, ...mail.cc]);
    if (suppressed.size === 0) return this.inner.send(mail);

    const deliverable = (address: string) => !suppressed.has(normaliseAddress(address));
    const to = mail.to.filter(deliverable);
    const cc = mail.cc.filter(deliverable);
    const skipped = mail.to.length + mail.cc.length - to.length - cc.length;

    if (to.length === 0 && cc.length === 0) {
      this.log.info('suppressed recipients skipped', { skipped, outcome: 'not-sent-all-suppressed' });
      return { messageId: '' };
    }
    if (to.length === 0) {
      this.log.info('suppressed recipients skipped', { skipped, outcome: 'refused-primary-suppressed' });
      throw new MailNotSentError('every primary recipient has bounced or complained before', {
        retryable: false,
      });
    }
    this.log.info('suppressed recipients skipped', { skipped, outcome: 'sent-to-the-rest' });
    return this.inner.send({ ...mail, to, cc });
  }
}
