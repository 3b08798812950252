import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'aws-lambda';
import { type FunctionConfiguration, lambdaContext } from './lambda-context.js';
import { describeError, type Log } from './log.js';
import { LOCAL_REGION } from './standins.js';

/**
 * Runs the real handlers in this process the way the Lambda service would: each invocation gets the event
 * as freshly parsed JSON and its own context; synchronous invocations return the result or the error;
 * asynchronous ones (what SES uses) are queued, retried twice after a failure, then given up on.
 */

export const LOCAL_ACCOUNT = '000000000000';

export function functionArn(name: string): string {
  return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${name}`;
}

/** Lambda's limits on the request payload: 6 MB when the caller waits, 256 KB for an asynchronous event. */
export const SYNC_PAYLOAD_LIMIT = 6 * 1024 * 1024;
export const ASYNC_PAYLOAD_LIMIT = 256 * 1024;

export interface LocalFunction {
  name: string;
  timeoutSeconds?: number;
  memoryMb?: number;
  /**
   * Method syntax on purpose: method parameters are compared bivariantly, so handlers typed for their own
   * event (SESEvent, ScheduledEvent, ...) can all be registered here.
   */
  handler(event: unknown, context: Context): Promise<unknown>;
}

/** The error document Lambda returns with `X-Amz-Function-Error: Unhandled`. */
export interface FunctionError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export type Invocation = { requestId: string } & (
  | { ok: true; result: unknown }
  | { ok: false; error: FunctionError }
);

export class PayloadTooLargeError extends Error {
  override name = 'RequestTooLargeException';
}

interface Registered extends FunctionConfiguration {
  handler: LocalFunction['handler'];
}

const NAME_OR_ARN =
  /^(?:arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:|\d{12}:function:)?([\w-]{1,140})(?::[\w$-]+)?$/;

/** A short label for log lines: the SES message id when the event is mail, otherwise the request id. */
function labelOf(payload: unknown, requestId: string): string {
  const record = (payload as { Records?: { ses?: { mail?: { messageId?: unknown } } }[] } | null)
    ?.Records?.[0];
  const messageId = record?.ses?.mail?.messageId;
  return typeof messageId === 'string' ? `mail ${messageId}` : `request ${requestId}`;
}

function toFunctionError(error: unknown): FunctionError {
  if (error instanceof Error) {
    return { errorType: error.name, errorMessage: error.message, trace: (error.stack ?? '').split('\n') };
  }
  return { errorType: 'Error', errorMessage: String(error), trace: [] };
}

export class LocalLambda {
  private readonly functions = new Map<string, Registered>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly log: Log;
  private readonly retryDelaysMs: readonly number[];

  /** `retryDelaysMs`: one delay per retry; Lambda waits minutes, locally a second or two is enough. */
  constructor(options: { log: Log; retryDelaysMs?: readonly number[] }) {
    this.log = options.log;
    this.retryDelaysMs = options.retryDelaysMs ?? [1000, 2000];
  }

  register(fn: LocalFunction): void {
    this.functions.set(fn.name, {
      name: fn.name,
      arn: functionArn(fn.name),
      timeoutSeconds: fn.timeoutSeconds ?? 30,
      memoryMb: fn.memoryMb ?? 512,
      handler: fn.handler,
    });
  }

  /** Finds a function by name, ARN or partial ARN, as the Invoke API accepts them. */
  find(nameOrArn: string): FunctionConfiguration | undefined {
    const name = NAME_OR_ARN.exec(nameOrArn)?.[1];
    const fn = name === undefined ? undefined : this.functions.get(name);
    return fn && { name: fn.name, arn: fn.arn, timeoutSeconds: fn.timeoutSeconds, memoryMb: fn.memoryMb };
  }

  /** RequestResponse: runs once and reports the outcome; a failure is the caller's to retry. */
  async invoke(name: string, payload: string): Promise<Invocation> {
    const fn = this.require(name);
    if (Buffer.byteLength(payload) > SYNC_PAYLOAD_LIMIT) throw new PayloadTooLargeError('payload over 6 MB');
    JSON.parse(payload); // a SyntaxError here is the caller's, before anything runs
    return this.track(() => this.attempt(fn, payload, randomUUID()));
  }

  /**
   * Event: queued, answered at once with the request id; retried twice, then logged as failed.
   * `onSettled` learns whether an attempt succeeded (true) or every attempt failed (false).
   */
  invokeAsync(name: string, payload: string, onSettled?: (ok: boolean) => Promise<void> | void): string {
    const fn = this.require(name);
    if (Buffer.byteLength(payload) > ASYNC_PAYLOAD_LIMIT) throw new PayloadTooLargeError('event over 256 KB');
    JSON.parse(payload);
    const requestId = randomUUID();
    this.track(async () => {
      await sleep(0); // like Lambda's queue: never inside the caller's turn
      const attempts = this.retryDelaysMs.length + 1;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const outcome = await this.attempt(fn, payload, requestId, [attempt, attempts]);
        if (outcome.ok) return onSettled?.(true);
        const delay = this.retryDelaysMs[attempt - 1];
        if (delay !== undefined) await sleep(delay);
      }
      const label = labelOf(JSON.parse(payload), requestId);
      const kept = label.startsWith('mail ') ? '; the raw mail stays in S3' : '';
      this.log(`${fn.name}  ${label}  FAILED, gave up after ${attempts} attempts${kept}`);
      await onSettled?.(false);
    }).catch(() => undefined); // logged by track
    return requestId;
  }

  /**
   * Resolves once nothing runs or waits for a retry any more, including work started meanwhile: the
   * stack has drained its work. The stack waits for it before stopping; tests wait for it before
   * asserting that nothing (more) happened.
   */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private require(name: string): Registered {
    const found = this.find(name);
    const fn = found && this.functions.get(found.name);
    if (!fn) throw new Error(`no local function ${name}`);
    return fn;
  }

  /** Runs work that idle() waits for; an unexpected error is logged here and still reaches the caller. */
  private track<T>(work: () => Promise<T>): Promise<T> {
    const running = work();
    const settled = running.then(
      () => undefined,
      (error: unknown) => this.log(`lambda runtime: ${describeError(error)}`),
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return running;
  }

  /** `attempt` is `[n, of]` for asynchronous invocations, undefined for synchronous ones. */
  private async attempt(
    fn: Registered,
    payload: string,
    requestId: string,
    attempt?: [number, number],
  ): Promise<Invocation> {
    const startedAt = Date.now();
    // Parsed per attempt: the handler gets JSON as Lambda would deliver it, and cannot change a retry's event.
    const event: unknown = JSON.parse(payload);
    const label = labelOf(event, requestId);
    const which = attempt ? ` (attempt ${attempt[0]} of ${attempt[1]})` : '';
    try {
      const result = await fn.handler(event, lambdaContext(fn, requestId, startedAt));
      const elapsed = Date.now() - startedAt;
      const late = elapsed > fn.timeoutSeconds * 1000 ? `, over its ${fn.timeoutSeconds} s timeout` : '';
      this.log(`${fn.name}  ${label}  ok  ${elapsed} ms${late}${attempt && attempt[0] > 1 ? which : ''}`);
      return { requestId, ok: true, result };
    } catch (error) {
      this.log(`${fn.name}  ${label}  failed  ${Date.now() - startedAt} ms${which}: ${describeError(error)}`);
      return { requestId, ok: false, error: toFunctionError(error) };
    }
  }
}
