import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { functionArn, type LocalLambda } from './lambda-runtime.js';
import { describeError, type Log } from './log.js';
import { buildSesEvent, newMessageId, verdictsForClient } from './ses-event.js';
import type { ReceivedMail } from './smtp-inbound.js';
import type { InboundSpool, SpooledMail } from './spool.js';

/**
 * What SES receiving does with an accepted message, in its order: store the raw mail under the prefix plus
 * a new message id (the S3 action), then invoke the inbound handler asynchronously with the receipt event.
 */

/** The local name of the inbound handler, `functions/handlers/inbound-mail.ts`. */
export const INBOUND_FUNCTION = 'inbound-mail';

export interface RawMailLocation {
  bucket: string;
  prefix: string;
}

export async function storeRawMail(
  s3: S3Client,
  location: RawMailLocation,
  messageId: string,
  raw: Uint8Array,
): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: location.bucket, Key: `${location.prefix}${messageId}`, Body: raw }),
  );
}

export interface InboundDependencies {
  s3: S3Client;
  location: RawMailLocation;
  domain: string;
  lambda: LocalLambda;
  spool: InboundSpool;
  log: Log;
}

/**
 * What SES does with a message it accepted: the raw mail into S3, then the inbound function invoked
 * asynchronously. The message leaves the spool once the function processed it; after three failed
 * attempts it stays there, and the next start tries again.
 */
async function handOver(deps: InboundDependencies, mail: SpooledMail): Promise<void> {
  await storeRawMail(deps.s3, deps.location, mail.messageId, mail.raw);
  const event = buildSesEvent({
    messageId: mail.messageId,
    raw: mail.raw,
    envelope: mail.envelope,
    domain: deps.domain,
    verdicts: verdictsForClient(mail.remoteAddress),
    receivedAt: mail.receivedAt,
    processingTimeMillis: Date.now() - mail.receivedAt.getTime(),
    functionArn: functionArn(INBOUND_FUNCTION),
  });
  try {
    deps.lambda.invokeAsync(INBOUND_FUNCTION, JSON.stringify(event), async (processed) => {
      if (processed) await deps.spool.remove(mail.messageId);
    });
  } catch (error) {
    // The mail is stored and must be answered 250: a 451 would only make the client send it again.
    deps.log(
      `smtp  mail ${mail.messageId} stored but not handed to ${INBOUND_FUNCTION}: ${describeError(error)}`,
    );
  }
}

/**
 * The SMTP server's `receive`: resolves with the message id once the message is in the spool (on disk)
 * and the raw mail in S3, so that "250" means the message cannot be lost.
 */
export function inboundReceiver(deps: InboundDependencies): (mail: ReceivedMail) => Promise<string> {
  return async (received) => {
    const mail: SpooledMail = { messageId: newMessageId(), ...received };
    await deps.spool.put(mail);
    const recipients =
      mail.envelope.to.length === 1 ? '1 recipient' : `${mail.envelope.to.length} recipients`;
    deps.log(
      `smtp  received mail ${mail.messageId} (${(mail.raw.length / 1024).toFixed(1)} kB, ${recipients})`,
    );
    await handOver(deps, mail);
    return mail.messageId;
  };
}

/**
 * At start, before mail is taken: every message the spool still holds (accepted, but not processed
 * before the stack stopped or died) goes to the inbound function again, as SES would retry it.
 */
export async function resumeSpooled(deps: InboundDependencies): Promise<number> {
  const pending = await deps.spool.pending();
  for (const mail of pending) {
    deps.log(`smtp  resuming mail ${mail.messageId}, accepted before the last stop but not processed`);
    await handOver(deps, mail);
  }
  return pending.length;
}
