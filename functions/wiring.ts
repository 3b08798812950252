import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoCaseStore } from './adapters/dynamo-case-store.js';
import { dynamoDocumentClient } from './adapters/dynamo-client.js';
import { sesClient } from './adapters/ses-client.js';
import { SesMailer } from './adapters/ses-mailer.js';
import { SuppressingMailer } from './adapters/suppressing-mailer.js';
import { DynamoSuppressionStore } from './adapters/suppression-store.js';
import { systemClock } from './adapters/system.js';
import type { MailConfig } from './config.js';
import type { LogPort, Mailer } from './domain/ports.js';

/**
 * What the mail-sending functions build the same way at cold start: the structured logger, the case
 * store, and a mailer that honours the suppression list and the configuration set.
 */
export function sendingWiring(config: MailConfig): {
  logger: Logger;
  log: LogPort;
  store: DynamoCaseStore;
  mailer: Mailer;
} {
  const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bowout' });
  const log: LogPort = {
    info: (message, attributes = {}) => logger.info(message, attributes),
    warn: (message, attributes = {}) => logger.warn(message, attributes),
  };
  // The stack sets the configuration set (bounce and complaint events); locally there is none.
  const configurationSetName = process.env.SES_CONFIGURATION_SET?.trim();
  const mailer = new SuppressingMailer(
    new SesMailer(sesClient, {
      loopToken: config.domain,
      ...(configurationSetName ? { configurationSetName } : {}),
    }),
    // Nothing goes to an address that bounced for good or complained (see mail-feedback).
    new DynamoSuppressionStore(dynamoDocumentClient, config.tableName, systemClock),
    log,
  );
  return {
    logger,
    log,
    store: new DynamoCaseStore(dynamoDocumentClient, config.tableName, systemClock),
    mailer,
  };
}
