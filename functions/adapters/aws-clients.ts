import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * AWS SDK clients, built once per process (once per Lambda cold start) and shared by every handler.
 * Endpoints come from the SDK's standard variables (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_DYNAMODB,
 * AWS_ENDPOINT_URL_SESV2), which is how the local stack points the real handlers at its stand-ins.
 */
const retry = { maxAttempts: 5, retryMode: 'adaptive' as const };

export const s3Client = new S3Client({
  ...retry,
  // The S3 stand-in serves buckets by path, not by virtual host.
  forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
});

export const dynamoDocumentClient = DynamoDBDocumentClient.from(new DynamoDBClient(retry), {
  marshallOptions: { removeUndefinedValues: true },
});

export const sesClient = new SESv2Client(retry);
