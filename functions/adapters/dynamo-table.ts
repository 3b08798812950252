import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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
  createHash('sha256').update(`bowout-user:${email.trim().toLowerCase()}`).digest('hex').slice(0, 32);
