import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { SweepCheckpoint } from '../domain/ports.js';
import { RETENTION_DAYS } from '../domain/retention.js';
import { type DynamoTable, expiresAfter, isConditionFailure, liveItem } from './dynamo-table.js';

const KEY = { pk: 'SWEEP', sk: 'CHECKPOINT' };

/** The sweep's checkpoint: one item of the table, holding a day. */
export class DynamoSweepCheckpoint implements SweepCheckpoint {
  constructor(private readonly table: DynamoTable) {}

  async read(): Promise<string | null> {
    const { Item } = await this.table.db.send(
      new GetCommand({ TableName: this.table.tableName, Key: KEY, ConsistentRead: true }),
    );
    const day = liveItem(this.table, Item)?.day;
    return typeof day === 'string' ? day : null;
  }

  async advance(day: string, now: Date): Promise<void> {
    await this.table.db
      .send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: KEY,
          UpdateExpression: 'SET #day = :day, updatedAt = :now, expiresAt = :expires',
          // Never back: ISO days compare as strings.
          ConditionExpression: 'attribute_not_exists(#day) OR #day < :day',
          ExpressionAttributeNames: { '#day': 'day' },
          ExpressionAttributeValues: {
            ':day': day,
            ':now': now.toISOString(),
            ':expires': expiresAfter(this.table, RETENTION_DAYS.sweepCheckpoint, now),
          },
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
  }
}
