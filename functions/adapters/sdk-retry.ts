/** Every client retries throttling with backoff, adapting its rate to what the service allows. */
export const SDK_RETRY = { maxAttempts: 5, retryMode: 'adaptive' as const };
