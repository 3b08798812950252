import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { ScheduledEvent } from 'aws-lambda';
import { DynamoCaseStore } from '../adapters/dynamo-case-store.js';
import { dynamoDocumentClient } from '../adapters/dynamo-client.js';
import { sesClient } from '../adapters/ses-client.js';
import { SesMailer } from '../adapters/ses-mailer.js';
import { SuppressingMailer } from '../adapters/suppressing-mailer.js';
import { DynamoSuppressionStore } from '../adapters/suppression-store.js';
import { cryptoRandomness, systemClock } from '../adapters/system.js';
import { readMailConfig } from '../config.js';
import { type SweepDeps, type SweepResult, sweepNudges } from '../domain/sweep-service.js';

// Built once per cold start: configuration is checked here, clients are shared by every invocation.
const config = readMailConfig();
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bowout' });
const log = {
  info: (message: string, attributes: Record<string, unknown> = {}) => logger.info(message, attributes),
  warn: (message: string, attributes: Record<string, unknown> = {}) => logger.warn(message, attributes),
};
const configurationSetName = process.env.SES_CONFIGURATION_SET?.trim();
const store = new DynamoCaseStore(dynamoDocumentClient, config.tableName, systemClock);
const deps: SweepDeps = {
  cases: store,
  nudges: store,
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

/**
 * The scheduled sweep. EventBridge gives the schedule's own `time`, which is the sweep's "now": a
 * delayed or replayed invocation sends what was due then, and `bowout remind --now` uses the same.
 */
const sweep = async (event: Partial<ScheduledEvent>): Promise<SweepResult> => {
  const stated = event?.time ? new Date(event.time) : null;
  const now = stated && !Number.isNaN(stated.getTime()) ? stated : systemClock.now();
  return sweepNudges(now, deps);
};

export const handler = middy(sweep).use(injectLambdaContext(logger));
