import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SDK_RETRY } from './sdk-retry.js';

/** SES v2, built once per process (the local stack adds its outbox middleware to this very instance). */
export const sesClient = new SESv2Client(SDK_RETRY);
