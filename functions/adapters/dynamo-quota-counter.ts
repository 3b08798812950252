import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { QuotaAnswer, QuotaCounter, QuotaRequest } from '../domain/ports.js';
import { type DynamoTable, expiresAfter, isConditionFailure, userKey } from './dynamo-table.js';

/** A day's counter only needs to outlive its day. */
const QUOTA_DAYS = 3;

/** One counter item per user, kind and UTC day; the address itself never appears in a key. */
export class DynamoQuotaCounter implements QuotaCounter {
  constructor(private readonly table: DynamoTable) {}

  async consumeQuota(request: QuotaRequest): Promise<QuotaAnswer> {
    const { userEmail, kind, limit, now } = request;
    const { db, tableName } = this.table;
    const key = { pk: `QUOTA#${userKey(userEmail)}#${kind}#${now.toISOString().slice(0, 10)}`, sk: 'QUOTA' };
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'ADD used :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(used) OR used < :limit',
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':expires': expiresAfter(this.table, QUOTA_DAYS),
          },
        }),
      );
      return 'ok';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: 'SET noticed = :yes',
          ConditionExpression: 'attribute_not_exists(noticed)',
          ExpressionAttributeValues: { ':yes': true },
        }),
      );
      return 'limited-first';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return 'limited';
    }
  }
}
