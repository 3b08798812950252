import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isLetterLanguage } from '../domain/letters/language.js';
import type { LetterLanguage, UserPreferences } from '../domain/model.js';
import type { UserSettings } from '../domain/ports.js';
import { RETENTION_DAYS } from '../domain/retention.js';
import { type DynamoTable, deleteItems, expiresAfter, liveItem, userPartition } from './dynamo-table.js';

const key = (userEmail: string) => ({ pk: userPartition(userEmail), sk: 'SETTINGS' });

const text = (value: unknown) => (typeof value === 'string' ? value : null);

/** One settings item per user, keyed by a hash of the address. */
export class DynamoUserSettings implements UserSettings {
  constructor(private readonly table: DynamoTable) {}

  /** Sets the fields (each only when absent, if `onlyIfAbsent`), refreshing the item's TTL. */
  private async set(userEmail: string, fields: Record<string, unknown>, now: Date, onlyIfAbsent = false) {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {
      ':now': now.toISOString(),
      ':expires': expiresAfter(this.table, RETENTION_DAYS.userSettings),
    };
    const sets = Object.entries(fields).map(([field, value], i) => {
      names[`#f${i}`] = field;
      values[`:v${i}`] = value;
      return onlyIfAbsent ? `#f${i} = if_not_exists(#f${i}, :v${i})` : `#f${i} = :v${i}`;
    });
    const result = await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: key(userEmail),
        UpdateExpression: `SET ${[...sets, 'updatedAt = :now', 'expiresAt = :expires'].join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes ?? {};
  }

  async stopAllNudges(userEmail: string, now: Date): Promise<void> {
    await this.set(userEmail, { nudgesStopped: true }, now);
  }

  async nudgesStoppedForUser(userEmail: string): Promise<boolean> {
    return (await this.getSettings(userEmail)).nudgesStopped;
  }

  async getSettings(userEmail: string): Promise<UserPreferences> {
    const result = await this.table.db.send(
      new GetCommand({ TableName: this.table.tableName, Key: key(userEmail), ConsistentRead: true }),
    );
    const item = liveItem(this.table, result.Item) ?? {};
    return {
      zone: text(item.zone),
      signature: text(item.signature),
      language: isLetterLanguage(item.language) ? item.language : null,
      nudgesStopped: item.nudgesStopped === true,
      firstSeenAt: text(item.firstSeenAt),
    };
  }

  async updateSettings(
    userEmail: string,
    changes: Partial<Pick<UserPreferences, 'zone' | 'signature' | 'language'>>,
    now: Date,
  ): Promise<void> {
    if (Object.keys(changes).length) await this.set(userEmail, changes, now);
  }

  async letterLanguage(userEmail: string): Promise<LetterLanguage | null> {
    return (await this.getSettings(userEmail)).language;
  }

  async noteFirstSeen(userEmail: string, now: Date): Promise<string> {
    const item = await this.set(userEmail, { firstSeenAt: now.toISOString() }, now, true);
    return text(item.firstSeenAt) ?? now.toISOString();
  }

  async forgetUser(userEmail: string): Promise<number> {
    return deleteItems(this.table, [key(userEmail)]);
  }
}
