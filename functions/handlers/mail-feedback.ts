import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { dynamoDocumentClient } from '../adapters/dynamo-client.js';
import { DynamoSuppressionList } from '../adapters/dynamo-suppression-list.js';
import { systemClock } from '../adapters/system.js';
import { ConfigError } from '../config.js';
import { countFeedback, readFeedback } from '../domain/feedback/read-feedback.js';

/**
 * SES bounce and complaint events (EventBridge from the configuration set; an SNS delivery works too):
 * each permanently bounced or complaining address is suppressed in the table, and the inbound and
 * reminder functions then mail it no more. Needs only the table name and the right to update its items.
 */

// Built once per cold start: configuration is checked here, the client is shared by every invocation.
const tableName = process.env.TABLE_NAME?.trim();
if (!tableName) throw new ConfigError('missing environment variable TABLE_NAME');
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bowout' });
const suppressions = new DynamoSuppressionList({ db: dynamoDocumentClient, tableName, clock: systemClock });

const processEvent = async (event: unknown): Promise<{ suppressed: number; ignored: number }> => {
  const feedback = readFeedback(event);
  // A failed write throws: the invocation is retried, and repeating a suppression only refreshes it.
  await suppressions.suppress(feedback.suppressions);
  const sesMessageIds = [...new Set(feedback.suppressions.map((s) => s.sesMessageId).filter(Boolean))];
  // Ids and counts only: the addresses stay out of the logs.
  logger.info('feedback processed', { sesMessageIds, counts: countFeedback(feedback) });
  return { suppressed: feedback.suppressions.length, ignored: feedback.ignored.length };
};

export const handler = middy(processEvent).use(injectLambdaContext(logger));
