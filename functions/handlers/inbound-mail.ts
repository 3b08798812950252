import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SESEvent, SESEventRecord } from 'aws-lambda';
import { DynamoCaseStore } from '../adapters/dynamo-case-store.js';
import { dynamoDocumentClient } from '../adapters/dynamo-client.js';
import { s3Client } from '../adapters/s3-client.js';
import { S3RawMailStore } from '../adapters/s3-raw-mail-store.js';
import { sesClient } from '../adapters/ses-client.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { SuppressingMailer } from '../adapters/suppressing-mailer.js';
import { DynamoSuppressionStore } from '../adapters/suppression-store.js';
import { cryptoRandomness, systemClock } from '../adapters/system.js';
import { readMailConfig } from '../config.js';
import {
  type InboundDeps,
  type LogPort,
  processInboundMail,
  type ReceivedMail,
} from '../domain/inbound-service.js';

// Built once per cold start: configuration is checked here, clients are shared by every invocation.
const config = readMailConfig();
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bowout' });
const log: LogPort = {
  info: (message, attributes = {}) => logger.info(message, attributes),
  warn: (message, attributes = {}) => logger.warn(message, attributes),
};
// The stack sets the configuration set (bounce and complaint events); locally there is none.
const configurationSetName = process.env.SES_CONFIGURATION_SET?.trim();
const store = new DynamoCaseStore(dynamoDocumentClient, config.tableName, systemClock);
const deps: InboundDeps = {
  rawMail: new S3RawMailStore(s3Client, config.rawMailBucket, config.rawMailPrefix),
  cases: store,
  nudges: store,
  // Nothing goes to an address that bounced for good or complained (see mail-feedback).
  mailer: new SuppressingMailer(
    new SesMailer(sesClient, {
      loopToken: config.domain,
      ...(configurationSetName ? { configurationSetName } : {}),
    }),
    new DynamoSuppressionStore(dynamoDocumentClient, config.tableName, systemClock),
    log,
  ),
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
    outcomes.push(await processInboundMail(toReceivedMail(record), deps));
  }
  return { outcomes };
};

export const handler = middy(processEvent).use(injectLambdaContext(logger));
