import { isPlausibleAddress, normaliseAddress } from '../mail/sanitize.js';

/**
 * Delivery feedback: SES reports that mail Bowout sent bounced for good or drew a complaint; the address is then
 * suppressed, and nothing (draft, notice, nudge or cancellation) is mailed to it again.
 *
 * SES publishes the same notification object through every destination; only the envelope differs:
 * - EventBridge (the destination the CDK stack configures): `{ source: "aws.ses", "detail-type", detail }`;
 * - SNS delivered to Lambda: `{ Records: [{ EventSource: "aws:sns", Sns: { Message: "<JSON>" } }] }`;
 * - the bare notification (a replay from a queue, or a test).
 * Configuration-set event publishing names the kind `eventType`; identity notifications `notificationType`.
 */

export type SuppressionReason = 'bounce' | 'complaint';

export interface Suppression {
  /** Lower-cased, trimmed; never logged and never part of a key. */
  address: string;
  reason: SuppressionReason;
  /** SES's id of the message that bounced or drew the complaint. */
  sesMessageId: string | null;
  /** When the bounce or complaint happened, as SES reports it (ISO-8601), or null if it did not say. */
  reportedAt: string | null;
}

/** Why part of an event led to no suppression; counted in logs, never with an address. */
type IgnoredFeedback =
  | 'transient-bounce'
  | 'undetermined-bounce'
  | 'not-spam-complaint'
  | 'other-event'
  | 'unreadable'
  | 'implausible-address';

interface Feedback {
  /** One entry per address and reason, in the order SES listed them. */
  suppressions: Suppression[];
  ignored: IgnoredFeedback[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The SES notifications inside an event, whichever destination delivered it. */
function notificationsIn(event: unknown, ignored: IgnoredFeedback[]): Json[] {
  if (!isObject(event)) {
    ignored.push('unreadable');
    return [];
  }
  if (Array.isArray(event.Records)) {
    return event.Records.flatMap((record: unknown) => {
      const message = isObject(record) && isObject(record.Sns) ? record.Sns.Message : undefined;
      try {
        const parsed: unknown = typeof message === 'string' ? JSON.parse(message) : undefined;
        if (isObject(parsed)) return [parsed];
      } catch {
        // falls through: counted as unreadable
      }
      ignored.push('unreadable');
      return [];
    });
  }
  if (event.source === 'aws.ses' && isObject(event.detail)) return [event.detail];
  if ('eventType' in event || 'notificationType' in event) return [event];
  ignored.push('unreadable');
  return [];
}

/**
 * The address in a recipient entry. SES gives a bare address; a DSN's Final-Recipient may still carry its
 * `rfc822;` type or angle brackets. Anything that is not then a plausible address is not suppressed.
 */
function recipientAddress(entry: unknown): string | null {
  const raw = isObject(entry) ? text(entry.emailAddress) : null;
  if (raw === null) return null;
  const unwrapped = raw
    .replace(/^\s*rfc822\s*;/i, '')
    .replace(/^.*<([^<>]*)>\s*$/, '$1')
    .trim();
  const address = normaliseAddress(unwrapped);
  return isPlausibleAddress(address) ? address : null;
}

/** A suppression for each plausible address among a bounce's or complaint's recipients. */
function suppressionsFrom(
  entries: unknown,
  report: Omit<Suppression, 'address'>,
  ignored: IgnoredFeedback[],
): Suppression[] {
  if (!Array.isArray(entries)) {
    ignored.push('unreadable');
    return [];
  }
  return entries.flatMap((entry: unknown) => {
    const address = recipientAddress(entry);
    if (address === null) {
      ignored.push('implausible-address');
      return [];
    }
    return [{ address, ...report }];
  });
}

function readNotification(notification: Json, ignored: IgnoredFeedback[]): Suppression[] {
  const kind = text(notification.eventType) ?? text(notification.notificationType);
  const mail = isObject(notification.mail) ? notification.mail : {};
  const sesMessageId = text(mail.messageId);

  if (kind === 'Bounce' && isObject(notification.bounce)) {
    const { bounce } = notification;
    // Only a permanent bounce says the mailbox is gone; a full mailbox or a greylisting server
    // (Transient) may take mail tomorrow, and SES itself retries those.
    if (bounce.bounceType === 'Transient') {
      ignored.push('transient-bounce');
      return [];
    }
    if (bounce.bounceType !== 'Permanent') {
      ignored.push('undetermined-bounce');
      return [];
    }
    return suppressionsFrom(
      bounce.bouncedRecipients,
      { reason: 'bounce', sesMessageId, reportedAt: text(bounce.timestamp) },
      ignored,
    );
  }

  if (kind === 'Complaint' && isObject(notification.complaint)) {
    const { complaint } = notification;
    // The one feedback type that says "this was wanted" (ARF not-spam); every other one is a complaint.
    if (complaint.complaintFeedbackType === 'not-spam') {
      ignored.push('not-spam-complaint');
      return [];
    }
    return suppressionsFrom(
      complaint.complainedRecipients,
      { reason: 'complaint', sesMessageId, reportedAt: text(complaint.timestamp) },
      ignored,
    );
  }

  ignored.push(kind === null ? 'unreadable' : 'other-event');
  return [];
}

/**
 * Reads an SES feedback event: the addresses to suppress (permanent bounces and complaints) and what was
 * left alone. Pure and total: a malformed event yields nothing to suppress and an `unreadable` entry.
 */
export function readFeedback(event: unknown): Feedback {
  const ignored: IgnoredFeedback[] = [];
  const seen = new Set<string>();
  const suppressions: Suppression[] = [];
  for (const notification of notificationsIn(event, ignored)) {
    for (const suppression of readNotification(notification, ignored)) {
      const key = `${suppression.reason} ${suppression.address}`;
      if (seen.has(key)) continue;
      seen.add(key);
      suppressions.push(suppression);
    }
  }
  return { suppressions, ignored };
}

/** Counts by kind, for log lines that must not carry addresses. */
export function countFeedback(feedback: Feedback): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { reason } of feedback.suppressions)
    counts[`suppressed-${reason}`] = (counts[`suppressed-${reason}`] ?? 0) + 1;
  for (const reason of feedback.ignored) counts[reason] = (counts[reason] ?? 0) + 1;
  return counts;
}
