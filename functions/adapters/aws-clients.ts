/**
 * AWS SDK clients, built once per process (once per Lambda cold start) and shared by every handler.
 * Endpoints come from the SDK's standard variables (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_DYNAMODB,
 * AWS_ENDPOINT_URL_SESV2), which is how the local stack points the real handlers at its stand-ins.
 * Each client lives in its own module so that a function bundles only the clients it imports; this
 * module gathers them for the local stack and tests.
 */
export { dynamoDocumentClient } from './dynamo-client.js';
export { s3Client } from './s3-client.js';
export { sesClient } from './ses-client.js';
