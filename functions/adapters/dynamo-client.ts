import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SDK_RETRY } from './sdk-retry.js';

/** DynamoDB's document client, built once per process. */
export const dynamoDocumentClient = DynamoDBDocumentClient.from(new DynamoDBClient(SDK_RETRY), {
  marshallOptions: { removeUndefinedValues: true },
});
