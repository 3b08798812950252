import { S3Client } from '@aws-sdk/client-s3';
import type { SESEvent } from 'aws-lambda';
import { INBOUND_FUNCTION, storeRawMail } from './inbound.js';
import { type FunctionError, functionArn } from './lambda-runtime.js';
import {
  ALL_PASS,
  buildSesEvent,
  headerAddress,
  isAddressAtDomain,
  newMessageId,
  parseHeaderBlock,
  type Verdicts,
} from './ses-event.js';
import { httpEndpoint, type LocalSettings } from './settings.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './standins.js';

/**
 * Feeds one saved message to the running local stack as SES would: raw mail into the S3 stand-in under the
 * raw-mail prefix and a new message id, then the inbound handler invoked with the receipt event, through
 * the stack's Lambda Invoke API. The stack is found through the same settings `npm start` reads.
 */

export interface IngestOptions {
  /** Envelope sender; default: the address in the message's From header. '' is the null sender `<>`. */
  from?: string;
  /** Envelope recipients; default: cancel@<domain>. */
  to?: readonly string[];
  /** Verdicts that differ from PASS. */
  verdicts?: Partial<Verdicts>;
}

/** The message or the options cannot make an SES event; the message is one line for the terminal. */
export class IngestInputError extends Error {
  override name = 'IngestInputError';
}

export class StackNotRunningError extends Error {
  override name = 'StackNotRunningError';
}

export interface IngestEventInput extends IngestOptions {
  raw: Uint8Array;
  domain: string;
  messageId: string;
  receivedAt: Date;
}

/** The SES event `ingest` sends, with its defaults applied; pure, so tests build the same event. */
export function buildIngestEvent(input: IngestEventInput): SESEvent {
  const from = input.from ?? headerAddress(parseHeaderBlock(input.raw).headers, 'from');
  if (from === undefined)
    throw new IngestInputError('the message has no From address: give the sender with --from');
  const to = input.to?.length ? [...input.to] : [`cancel@${input.domain}`];
  const elsewhere = to.find((address) => !isAddressAtDomain(address, input.domain));
  if (elsewhere !== undefined) {
    throw new IngestInputError(
      `--to ${elsewhere} is not at @${input.domain}: SES would not hand it to Bowout`,
    );
  }
  return buildSesEvent({
    messageId: input.messageId,
    raw: input.raw,
    envelope: { from, to },
    domain: input.domain,
    verdicts: { ...ALL_PASS, ...input.verdicts },
    receivedAt: input.receivedAt,
    processingTimeMillis: 0,
    functionArn: functionArn(INBOUND_FUNCTION),
  });
}

export type IngestOutcome = { messageId: string } & (
  | { ok: true; result: unknown }
  | { ok: false; error: FunctionError }
);

/** Asks the Lambda API for the inbound function: the cheapest proof that the stack runs (and is ours). */
async function assertStackRunning(lambdaEndpoint: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${lambdaEndpoint}/2015-03-31/functions/${INBOUND_FUNCTION}`);
  } catch (error) {
    // fetch reports every network failure as "fetch failed"; the reason (ECONNREFUSED, ...) is its cause.
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new StackNotRunningError(
      `the local stack is not running (nothing answers at ${lambdaEndpoint}: ${reason}); start it with npm start`,
    );
  }
  if (!response.ok) {
    throw new StackNotRunningError(
      `${lambdaEndpoint} answered ${response.status}: is the Bowout stack running there?`,
    );
  }
}

export async function ingestMail(
  settings: LocalSettings,
  raw: Uint8Array,
  options: IngestOptions = {},
): Promise<IngestOutcome> {
  const lambdaEndpoint = httpEndpoint(settings.host, settings.ports.lambda);
  const messageId = newMessageId();
  // Built before anything is stored, so bad options leave no trace in the stack.
  const event = buildIngestEvent({
    ...options,
    raw,
    domain: settings.domain,
    messageId,
    receivedAt: new Date(),
  });
  await assertStackRunning(lambdaEndpoint);

  const s3 = new S3Client({
    endpoint: httpEndpoint(settings.host, settings.ports.s3),
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    forcePathStyle: true,
    maxAttempts: 1,
  });
  try {
    await storeRawMail(s3, { bucket: settings.bucket, prefix: settings.rawMailPrefix }, messageId, raw);
  } finally {
    s3.destroy();
  }

  const response = await fetch(`${lambdaEndpoint}/2015-03-31/functions/${INBOUND_FUNCTION}/invocations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Amz-Invocation-Type': 'RequestResponse' },
    body: JSON.stringify(event),
  });
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`the Lambda API answered ${response.status}: ${body.slice(0, 200)}`);
  const document: unknown = body ? JSON.parse(body) : null;
  if (response.headers.get('X-Amz-Function-Error'))
    return { messageId, ok: false, error: document as FunctionError };
  return { messageId, ok: true, result: document };
}
