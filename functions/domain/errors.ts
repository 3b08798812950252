/**
 * One base class for every failure Bowout names, so handlers can tell an expected, explained outcome
 * from a bug. Subclasses set `name` and keep the underlying `cause`.
 */
export class BowoutError extends Error {
  override name = 'BowoutError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The raw mail SES should have stored is not there: nothing to retry, nothing to process. */
export class RawMailNotFoundError extends BowoutError {
  override name = 'RawMailNotFoundError';
}

/**
 * Processing a received message failed in a way nobody planned for (a parser's bug, a store's outage):
 * the platform retries it. The message names only the SES message id and the failure's kind, never the
 * underlying message, which may quote the mail (the original stays in `cause`).
 */
export class InboundMailFailedError extends BowoutError {
  override name = 'InboundMailFailedError';
}

/** The bytes could not be read as an email at all. */
export class UnreadableMailError extends BowoutError {
  override name = 'UnreadableMailError';
}

/** Another invocation is working on the same SES message right now; the platform should retry later. */
export class MessageBusyError extends BowoutError {
  override name = 'MessageBusyError';
}

/** A conditional write lost a race: somebody else changed the item first. */
export class ConflictError extends BowoutError {
  override name = 'ConflictError';
}

/**
 * The mail service refused the message, so it was certainly not sent. `retryable` for throttling (it may
 * be taken later); false when the message or the account was refused (retrying would only repeat it). A
 * failure that proves nothing (a timeout, a server error) is never this error.
 */
export class MailNotSentError extends BowoutError {
  override name = 'MailNotSentError';
  readonly retryable: boolean;
  constructor(message: string, options: { cause?: unknown; retryable: boolean }) {
    super(message, { cause: options.cause });
    this.retryable = options.retryable;
  }
}
