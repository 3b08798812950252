import { hash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Clock } from '../domain/ports.js';

/**
 * What every adapter of the one DynamoDB table shares: the client and table, TTLs in epoch seconds, and
 * reads that treat an expired item as gone.
 */
export interface DynamoTable {
  db: DynamoDBDocumentClient;
  tableName: string;
  clock: Clock;
}

const DAY_SECONDS = 86_400;

/** The TTL attribute for an item that lives `days` from `from` (the clock's now when not given). */
export function expiresAfter(table: DynamoTable, days: number, from: Date = table.clock.now()): number {
  return Math.floor(from.getTime() / 1000) + days * DAY_SECONDS;
}

/** DynamoDB deletes expired items late (up to days); until then they must read as absent. */
export function liveItem(
  table: DynamoTable,
  item: Record<string, unknown> | undefined,
): Record<string, unknown> | null {
  if (!item) return null;
  const { expiresAt } = item;
  return typeof expiresAt === 'number' && expiresAt * 1000 <= table.clock.now().getTime() ? null : item;
}

export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as Error).name === 'ConditionalCheckFailedException'
  );
}

/** Addresses never appear in keys: a keyed hash of the normalised address stands for the user. */
export const userKey = (email: string) =>
  hash('sha256', `bowout-user:${email.trim().toLowerCase()}`).slice(0, 32);

export interface ItemKey {
  pk: string;
  sk: string;
}

/** The keys of every item in partition `pk` whose sort key starts with `skPrefix`, page by page. */
export async function keysUnder(table: DynamoTable, pk: string, skPrefix: string): Promise<ItemKey[]> {
  const keys: ItemKey[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await table.db.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ProjectionExpression: 'pk, sk',
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) keys.push({ pk: String(item.pk), sk: String(item.sk) });
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return keys;
}

/** BatchWriteItem takes at most this many requests. */
const BATCH_WRITE_LIMIT = 25;
/** Rounds of retrying what a batch left unprocessed (DynamoDB throttled part of it) before giving up. */
const UNPROCESSED_ROUNDS = 5;

/**
 * Puts items that hold nothing but their key and a TTL (index entries, notes), unconditionally, in as few
 * BatchWriteItem requests as they fit in. What DynamoDB leaves unprocessed is sent again after a short
 * pause; what still is after a few rounds fails the call, so the platform retries the whole invocation.
 */
export async function putKeyItems(
  table: DynamoTable,
  keys: readonly ItemKey[],
  expiresAt: number,
): Promise<void> {
  for (let start = 0; start < keys.length; start += BATCH_WRITE_LIMIT) {
    let requests = keys
      .slice(start, start + BATCH_WRITE_LIMIT)
      .map((key) => ({ PutRequest: { Item: { ...key, expiresAt } } }));
    for (let round = 0; requests.length; round++) {
      if (round === UNPROCESSED_ROUNDS) throw new Error('DynamoDB left index items unprocessed');
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
      const result = await table.db.send(
        new BatchWriteCommand({ RequestItems: { [table.tableName]: requests } }),
      );
      requests = (result.UnprocessedItems?.[table.tableName] ?? []) as typeof requests;
    }
  }
}

/** Deletes the items; returns how many existed. Deleting an absent item is no error (FORGET may be retried). */
export async function deleteItems(table: DynamoTable, keys: readonly ItemKey[]): Promise<number> {
  let deleted = 0;
  for (const key of keys) {
    const result = await table.db.send(
      new DeleteCommand({ TableName: table.tableName, Key: key, ReturnValues: 'ALL_OLD' }),
    );
    if (result.Attributes) deleted += 1;
  }
  return deleted;
}

/** The partition of a user's own items (settings, case index, reply tokens, filed messages). */
export const userPartition = (email: string) => `USER#${userKey(email)}`;
