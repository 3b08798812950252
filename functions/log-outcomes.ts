/**
 * Outcomes the functions log that the stack counts with CloudWatch metric filters (lib/inbound-mail.ts):
 * the handler writes the name, the filter matches it, so both take it from here.
 */

/**
 * Another invocation holds the SES message (or the case's dispatch) under its lease: at-least-once delivery
 * at work, not a fault. The invocation still fails, so that Lambda retries it after the lease.
 */
export const BUSY_RETRY_OUTCOME = 'busy-retry';
