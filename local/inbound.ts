import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { functionArn, type LocalLambda } from './lambda-runtime.js';
import { describeError, type Log } from './log.js';
import { buildSesEvent, newMessageId, verdictsForClient } from './ses-event.js';
import type { ReceivedMail } from './smtp-inbound.js';

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
  log: Log;
}

/** The SMTP server's `receive`: resolves with the message id once the raw mail is stored. */
export function inboundReceiver(deps: InboundDependencies): (mail: ReceivedMail) => Promise<string> {
  return async (mail) => {
    const messageId = newMessageId();
    await storeRawMail(deps.s3, deps.location, messageId, mail.raw);
    const event = buildSesEvent({
      messageId,
      raw: mail.raw,
      envelope: mail.envelope,
      domain: deps.domain,
      verdicts: verdictsForClient(mail.remoteAddress),
      receivedAt: mail.receivedAt,
      processingTimeMillis: Date.now() - mail.receivedAt.getTime(),
      functionArn: functionArn(INBOUND_FUNCTION),
    });
    const recipients =
      mail.envelope.to.length === 1 ? '1 recipient' : `${mail.envelope.to.length} recipients`;
    deps.log(`smtp  received mail ${messageId} (${(mail.raw.length / 1024).toFixed(1)} kB, ${recipients})`);
    try {
      deps.lambda.invokeAsync(INBOUND_FUNCTION, JSON.stringify(event));
    } catch (error) {
      // The mail is stored and must be answered 250: a 451 would only make the client send it again.
      deps.log(
        `smtp  mail ${messageId} stored but not handed to ${INBOUND_FUNCTION}: ${describeError(error)}`,
      );
    }
    return messageId;
  };
}
