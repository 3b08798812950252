import { SESv2Client } from '@aws-sdk/client-sesv2';
import { AdaptiveRetryStrategy } from '@smithy/core/retry';
import { SDK_RETRY } from './sdk-retry.js';

type Strategy = InstanceType<typeof AdaptiveRetryStrategy>;
type RetryErrorInfo = Parameters<Strategy['refreshRetryTokenForRetry']>[1];

/** Network errors of a connection that was never made: the request never reached SES. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The SDK's own retries, but only after an answer that proves the message was not taken: throttling
 * (SES drops a throttled message, it does not deliver it) or a connection never made. After a server
 * error, a timeout or a connection cut mid-request SES may have accepted the message, and sending it again
 * could mail the employer twice; the caller decides instead (see SesMailer).
 */
class RetryWhileUnsent {
  readonly mode = 'adaptive';
  private readonly inner: Strategy = new AdaptiveRetryStrategy(async () => SDK_RETRY.maxAttempts);

  acquireInitialRetryToken(scope: string) {
    return this.inner.acquireInitialRetryToken(scope);
  }

  refreshRetryTokenForRetry(
    token: Parameters<Strategy['refreshRetryTokenForRetry']>[0],
    info: RetryErrorInfo,
  ) {
    const code = (info.error as { code?: string } | undefined)?.code;
    if (info.errorType !== 'THROTTLING' && !(code && NEVER_CONNECTED.has(code)))
      return Promise.reject(new Error('not retried: SES may have taken the message'));
    return this.inner.refreshRetryTokenForRetry(token, info);
  }

  recordSuccess(token: Parameters<Strategy['recordSuccess']>[0]) {
    this.inner.recordSuccess(token);
  }
}

/** SES v2, built once per process (the local stack adds its outbox middleware to this very instance). */
export const sesClient = new SESv2Client({ ...SDK_RETRY, retryStrategy: new RetryWhileUnsent() });
