import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SESEvent, SESEventRecord } from 'aws-lambda';
import { dynamoStores } from '../adapters/dynamo-stores.js';
import { s3Client } from '../adapters/s3-client.js';
import { S3RawMailStore } from '../adapters/s3-raw-mail-store.js';
import { cryptoRandomness, systemClock } from '../adapters/system.js';
import { readMailConfig } from '../config.js';
import { processInboundMail } from '../domain/conversation/inbound.js';
import { InboundMailFailedError, MessageBusyError } from '../domain/errors.js';
import type { ReceivedMail } from '../domain/model.js';
import type { InboundDeps } from '../domain/ports.js';
import { BUSY_RETRY_OUTCOME } from '../log-outcomes.js';
import { sendingWiring } from '../wiring.js';

// Built once per cold start: configuration is checked here, clients are shared by every invocation.
const config = readMailConfig();
const { logger, log, table, mailer } = sendingWiring(config);
const deps: InboundDeps = {
  rawMail: new S3RawMailStore(s3Client, { bucket: config.rawMailBucket, prefix: config.rawMailPrefix }),
  ...dynamoStores(table),
  mailer,
  clock: systemClock,
  random: cryptoRandomness,
  log,
  config,
};

/** The SES receipt record, reduced to what the domain needs; SES's verdicts are the only ones trusted. */
function toReceivedMail(record: SESEventRecord): ReceivedMail {
  const { mail, receipt } = record.ses;
  return {
    sesMessageId: mail.messageId,
    envelopeFrom: mail.source ?? '',
    recipients: (receipt.recipients ?? []).map((r) => r.toLowerCase()),
    verdicts: {
      spf: receipt.spfVerdict?.status ?? 'GRAY',
      dkim: receipt.dkimVerdict?.status ?? 'GRAY',
      dmarc: receipt.dmarcVerdict?.status ?? 'GRAY',
      spam: receipt.spamVerdict?.status ?? 'GRAY',
      virus: receipt.virusVerdict?.status ?? 'GRAY',
    },
  };
}

const processEvent = async (event: SESEvent): Promise<{ outcomes: string[] }> => {
  const outcomes: string[] = [];
  for (const record of event.Records ?? []) {
    const received = toReceivedMail(record);
    try {
      outcomes.push(await processInboundMail(received, deps));
    } catch (error) {
      // A duplicate delivery while the first still works: failing makes Lambda retry after the lease, and
      // this line lets the errors alarm leave the expected failure out (a metric filter counts it). Warn, so
      // that it is written at every log level an operator might choose.
      if (error instanceof MessageBusyError) {
        log.warn('busy elsewhere; Lambda retries', {
          sesMessageId: received.sesMessageId,
          outcome: BUSY_RETRY_OUTCOME,
        });
        throw error;
      }
      // Anything else fails the invocation: Lambda retries it, then keeps the event in the failure queue.
      // The log and the error Lambda records name the kind of failure only: a parser's own message may
      // quote an address from the mail.
      const kind = error instanceof Error ? error.name : typeof error;
      log.warn('failed; Lambda retries', {
        sesMessageId: received.sesMessageId,
        outcome: 'failed',
        error: kind,
      });
      throw new InboundMailFailedError(`message ${received.sesMessageId} failed (${kind})`, { cause: error });
    }
  }
  return { outcomes };
};

export const handler = middy(processEvent).use(injectLambdaContext(logger));
