import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { InboundOutcome } from '../domain/outcomes.js';
import type { MessageClaim, MessageLedger } from '../domain/ports.js';
import { RETENTION_DAYS } from '../domain/retention.js';
import {
  type DynamoTable,
  deleteItems,
  expiresAfter,
  isConditionFailure,
  keysUnder,
  userPartition,
} from './dynamo-table.js';

const key = (sesMessageId: string) => ({ pk: `MSG#${sesMessageId}`, sk: 'MSG' });

/** One marker item per inbound SES message: processing (with a lease), then done with its outcome. */
export class DynamoMessageLedger implements MessageLedger {
  constructor(private readonly table: DynamoTable) {}

  async claimMessage(sesMessageId: string, now: Date, leaseSeconds: number): Promise<MessageClaim> {
    const { db, tableName } = this.table;
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...key(sesMessageId),
            status: 'processing',
            leaseUntil: now.getTime() + leaseSeconds * 1000,
            expiresAt: expiresAfter(this.table, RETENTION_DAYS.messageMarker, now),
          },
          // Free, or held by an invocation whose lease ran out (it crashed), or expired.
          ConditionExpression:
            'attribute_not_exists(pk) OR (#status = :processing AND leaseUntil < :now) OR expiresAt < :nowSeconds',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':processing': 'processing',
            ':now': now.getTime(),
            ':nowSeconds': Math.floor(now.getTime() / 1000),
          },
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const current = await db.send(
        new GetCommand({ TableName: tableName, Key: key(sesMessageId), ConsistentRead: true }),
      );
      return current.Item?.status === 'done' ? 'done' : 'busy';
    }
  }

  async completeMessage(sesMessageId: string, outcome: InboundOutcome, now: Date): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: key(sesMessageId),
        UpdateExpression: 'SET #status = :done, outcome = :outcome, completedAt = :now REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done', ':outcome': outcome, ':now': now.toISOString() },
      }),
    );
  }

  async releaseMessage(sesMessageId: string): Promise<void> {
    await this.table.db
      .send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: key(sesMessageId),
          ConditionExpression: '#status = :processing',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':processing': 'processing' },
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  async fileUnderUser(sesMessageId: string, userEmail: string, now: Date): Promise<void> {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          pk: userPartition(userEmail),
          sk: `MAIL#${sesMessageId}`,
          expiresAt: expiresAfter(this.table, RETENTION_DAYS.case, now),
        },
      }),
    );
  }

  async messagesOfUser(userEmail: string): Promise<string[]> {
    const filed = await keysUnder(this.table, userPartition(userEmail), 'MAIL#');
    return filed.map((key) => key.sk.slice('MAIL#'.length));
  }

  async forgetUser(userEmail: string): Promise<number> {
    return deleteItems(this.table, await keysUnder(this.table, userPartition(userEmail), 'MAIL#'));
  }
}
