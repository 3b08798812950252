import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { UserSettings } from '../domain/ports.js';
import { RETENTION_DAYS } from '../domain/retention.js';
import { type DynamoTable, expiresAfter, liveItem, userKey } from './dynamo-table.js';

const key = (userEmail: string) => ({ pk: `USER#${userKey(userEmail)}`, sk: 'SETTINGS' });

/** One settings item per user, keyed by a hash of the address. */
export class DynamoUserSettings implements UserSettings {
  constructor(private readonly table: DynamoTable) {}

  async stopAllNudges(userEmail: string, now: Date): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: key(userEmail),
        UpdateExpression: 'SET nudgesStopped = :yes, updatedAt = :now, expiresAt = :expires',
        ExpressionAttributeValues: {
          ':yes': true,
          ':now': now.toISOString(),
          ':expires': expiresAfter(this.table, RETENTION_DAYS.userSettings),
        },
      }),
    );
  }

  async nudgesStoppedForUser(userEmail: string): Promise<boolean> {
    const result = await this.table.db.send(
      new GetCommand({ TableName: this.table.tableName, Key: key(userEmail), ConsistentRead: true }),
    );
    return liveItem(this.table, result.Item)?.nudgesStopped === true;
  }
}
