import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { SESClient } from '@aws-sdk/client-ses';
import middy from '@middy/core';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { SDK_RETRY } from '../adapters/sdk-retry.js';
import { type ActivationResult, onActivationEvent } from './receipt-rule-set-activation.js';
import { SesReceiptRuleSets } from './ses-receipt-rule-sets.js';

/**
 * The custom resource behind the stack's own receipt rule set (lib/receipt-rule-set-activation.ts),
 * called by the CDK Provider framework, which reports the result or the error to CloudFormation.
 */

// Built once per cold start.
const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'bowout' });
const sets = new SesReceiptRuleSets(new SESClient(SDK_RETRY));
const log = {
  info: (message: string, attributes: Record<string, unknown>) => logger.info(message, attributes),
};

const onEvent = (event: CloudFormationCustomResourceEvent): Promise<ActivationResult> =>
  onActivationEvent(event, sets, log);

export const handler = middy(onEvent).use(injectLambdaContext(logger));
