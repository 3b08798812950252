import { Logger } from '@aws-lambda-powertools/logger';
import { dynamoDocumentClient } from './adapters/dynamo-client.js';
import { DynamoSuppressionList } from './adapters/dynamo-suppression-list.js';
import type { DynamoTable } from './adapters/dynamo-table.js';
import { sesClient } from './adapters/ses-client.js';
import { SesMailer } from './adapters/ses-mailer.js';
import { SuppressingMailer } from './adapters/suppressing-mailer.js';
import { systemClock } from './adapters/system.js';
import type { MailConfig } from './config.js';
import type { LogPort, Mailer } from './domain/ports.js';

/**
 * What the mail-sending functions build the same way at cold start: the structured logger, the table
 * (each function builds the stores it uses on it), and a mailer that honours the suppression list and the
 * configuration set.
 */
export function sendingWiring(config: MailConfig): {
  logger: Logger;
  log: LogPort;
  table: DynamoTable;
  mailer: Mailer;
} {
  const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bowout' });
  const log: LogPort = {
    info: (message, attributes = {}) => logger.info(message, attributes),
    warn: (message, attributes = {}) => logger.warn(message, attributes),
  };
  const table: DynamoTable = { db: dynamoDocumentClient, tableName: config.tableName, clock: systemClock };
  // The stack sets the configuration set (bounce and complaint events); locally there is none.
  const configurationSetName = process.env.SES_CONFIGURATION_SET?.trim();
  const mailer = new SuppressingMailer(
    new SesMailer(sesClient, {
      loopToken: config.domain,
      ...(configurationSetName ? { configurationSetName } : {}),
    }),
    // Nothing goes to an address that bounced for good or complained (see mail-feedback).
    new DynamoSuppressionList(table),
    log,
  );
  return { logger, log, table, mailer };
}
