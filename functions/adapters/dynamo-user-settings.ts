import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isLetterLanguage } from '../domain/letters/language.js';
import type { LetterLanguage, UserPreferences } from '../domain/model.js';
import type { UserSettings } from '../domain/ports.js';
import { RETENTION_DAYS } from '../domain/retention.js';
import {
  type DynamoTable,
  deleteItems,
  expiresAfter,
  isConditionFailure,
  liveItem,
  userPartition,
} from './dynamo-table.js';

const key = (userEmail: string) => ({ pk: userPartition(userEmail), sk: 'SETTINGS' });

const text = (value: unknown) => (typeof value === 'string' ? value : null);

function preferences(item: Record<string, unknown>): UserPreferences {
  return {
    zone: text(item.zone),
    signature: text(item.signature),
    language: isLetterLanguage(item.language) ? item.language : null,
    nudgesStopped: item.nudgesStopped === true,
    firstSeenAt: text(item.firstSeenAt),
  };
}

/** One settings item per user, keyed by a hash of the address. */
export class DynamoUserSettings implements UserSettings {
  constructor(private readonly table: DynamoTable) {}

  /**
   * Sets the fields (each only when absent, if `onlyIfAbsent`), refreshing the item's TTL; returns the
   * item as it now is. A lapsed item (past its TTL, not yet deleted by DynamoDB) is not revived: it is
   * replaced by one holding only these fields, as if it were gone.
   */
  private async set(
    userEmail: string,
    fields: Record<string, unknown>,
    now: Date,
    onlyIfAbsent = false,
  ): Promise<Record<string, unknown>> {
    const names: Record<string, string> = {};
    const expiresAt = expiresAfter(this.table, RETENTION_DAYS.userSettings);
    const nowSeconds = Math.floor(this.table.clock.now().getTime() / 1000);
    const values: Record<string, unknown> = {
      ':now': now.toISOString(),
      ':expires': expiresAt,
      ':nowSeconds': nowSeconds,
    };
    const sets = Object.entries(fields).map(([field, value], i) => {
      names[`#f${i}`] = field;
      values[`:v${i}`] = value;
      return onlyIfAbsent ? `#f${i} = if_not_exists(#f${i}, :v${i})` : `#f${i} = :v${i}`;
    });
    try {
      const result = await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: key(userEmail),
          UpdateExpression: `SET ${[...sets, 'updatedAt = :now', 'expiresAt = :expires'].join(', ')}`,
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt > :nowSeconds',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ?? {};
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const fresh = { ...key(userEmail), ...fields, updatedAt: now.toISOString(), expiresAt };
    try {
      await this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: fresh,
          // Still the lapsed item: a change that came in meanwhile is not overwritten, but built on.
          ConditionExpression: 'expiresAt <= :nowSeconds',
          ExpressionAttributeValues: { ':nowSeconds': nowSeconds },
        }),
      );
      return fresh;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return this.set(userEmail, fields, now, onlyIfAbsent);
    }
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
    return preferences(liveItem(this.table, result.Item) ?? {});
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

  /** One request: the first-seen instant written if absent, and every setting read back with it. */
  async noteFirstSeen(userEmail: string, now: Date): Promise<UserPreferences> {
    return preferences(await this.set(userEmail, { firstSeenAt: now.toISOString() }, now, true));
  }

  async forgetUser(userEmail: string): Promise<number> {
    return deleteItems(this.table, [key(userEmail)]);
  }
}
