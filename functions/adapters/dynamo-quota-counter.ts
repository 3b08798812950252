import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { QuotaAnswer, QuotaCounter, QuotaKind, QuotaRequest } from '../domain/ports.js';
import { DAY_MS, RETENTION_DAYS } from '../domain/retention.js';
import {
  type DynamoTable,
  deleteItems,
  expiresAfter,
  isConditionFailure,
  keysUnder,
  userKey,
  userPartition,
} from './dynamo-table.js';

/** A day's counter only needs to outlive its day. */
const QUOTA_DAYS = 3;
const KINDS: readonly QuotaKind[] = ['draft', 'send', 'answer'];

const counterKey = (userEmail: string, kind: QuotaKind, day: string) => ({
  pk: `QUOTA#${userKey(userEmail)}#${kind}#${day}`,
  sk: 'QUOTA',
});

/** One counter item per user, kind and UTC day; the address itself never appears in a key. */
export class DynamoQuotaCounter implements QuotaCounter {
  constructor(private readonly table: DynamoTable) {}

  async consumeQuota(request: QuotaRequest): Promise<QuotaAnswer> {
    const { userEmail, kind, limit, now } = request;
    const { db, tableName } = this.table;
    const key = counterKey(userEmail, kind, now.toISOString().slice(0, 10));
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

  async firstAnswerTo(request: { userEmail: string; subjectKey: string; now: Date }): Promise<boolean> {
    const nowSeconds = Math.floor(request.now.getTime() / 1000);
    try {
      await this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            pk: userPartition(request.userEmail),
            sk: `ANSWERED#${request.subjectKey}`,
            expiresAt: expiresAfter(this.table, RETENTION_DAYS.answeredSubject, request.now),
          },
          // Absent, or expired but not yet deleted by DynamoDB.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Counters are keyed by day: the days a counter can still live are tried, each kind. */
  async forgetUser(userEmail: string, now: Date): Promise<number> {
    const counters = [];
    for (let back = 0; back <= QUOTA_DAYS; back++) {
      const day = new Date(now.getTime() - back * DAY_MS).toISOString().slice(0, 10);
      for (const kind of KINDS) counters.push(counterKey(userEmail, kind, day));
    }
    const marks = await keysUnder(this.table, userPartition(userEmail), 'ANSWERED#');
    return deleteItems(this.table, [...counters, ...marks]);
  }
}
