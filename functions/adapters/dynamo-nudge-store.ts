import { hash } from 'node:crypto';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors.js';
import type { Nudge } from '../domain/model.js';
import { filingDay } from '../domain/nudges/due-days.js';
import type { NudgeOutcome } from '../domain/outcomes.js';
import type { NudgeRef, NudgeStore } from '../domain/ports.js';
import { RETENTION_DAYS } from '../domain/retention.js';
import {
  type DynamoTable,
  deleteItems,
  expiresAfter,
  isConditionFailure,
  keysUnder,
} from './dynamo-table.js';
import { TABLE_SCHEMA } from './table-schema.js';

/** Due nudges are spread over a few index partitions per day, so one busy day is not one hot key. */
const NUDGE_SHARDS = 4;

function shardOf(caseId: string): number {
  return Number.parseInt(hash('sha256', caseId).slice(0, 8), 16) % NUDGE_SHARDS;
}

/** The due-index partition of a case's nudges filed under `day`. */
const dueBucket = (caseId: string, day: string) => `due#${day}#${shardOf(caseId)}`;

const key = (ref: NudgeRef) => ({ pk: `CASE#${ref.caseId}`, sk: `NUDGE#${ref.kind}#${ref.dueAt}` });

/** A pending nudge as stored when scheduled at `now`: in the sparse due index until it is claimed. */
export function nudgeItem(nudge: Nudge, now: Date): Record<string, unknown> {
  return {
    ...key(nudge),
    caseId: nudge.caseId,
    kind: nudge.kind,
    status: 'pending',
    [TABLE_SCHEMA.dueIndex.partitionKey]: dueBucket(nudge.caseId, filingDay(nudge.dueAt, now)),
    [TABLE_SCHEMA.dueIndex.sortKey]: nudge.dueAt,
    expiresAt: Math.floor(Date.parse(nudge.dueAt) / 1000) + RETENTION_DAYS.pendingNudge * 86_400,
  };
}

/**
 * Nudges as items of their case, found through the sparse due-time index (never a scan): one partition
 * per filing day and shard.
 */
export class DynamoNudgeStore implements NudgeStore {
  constructor(private readonly table: DynamoTable) {}

  async schedule(nudges: Nudge[], now: Date): Promise<void> {
    for (const nudge of nudges) {
      await this.table.db
        .send(
          new PutCommand({
            TableName: this.table.tableName,
            Item: nudgeItem(nudge, now),
            // The same nudge scheduled again (a retried invocation) keeps the first, whatever its state.
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((error) => {
          if (!isConditionFailure(error)) throw error;
        });
    }
  }

  /** Queries each shard's partition of `day` in the sparse due index up to `now`, page by page. */
  async *findDue(day: string, now: Date, onRead: (count: number) => void): AsyncIterable<NudgeRef[]> {
    const { name, partitionKey, sortKey } = TABLE_SCHEMA.dueIndex;
    for (let shard = 0; shard < NUDGE_SHARDS; shard++) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.table.db.send(
          new QueryCommand({
            TableName: this.table.tableName,
            IndexName: name,
            KeyConditionExpression: '#bucket = :bucket AND #due <= :now',
            ExpressionAttributeNames: { '#bucket': partitionKey, '#due': sortKey },
            ExpressionAttributeValues: { ':bucket': `due#${day}#${shard}`, ':now': now.toISOString() },
            ExclusiveStartKey: startKey,
            Limit: 200,
          }),
        );
        const items = page.Items ?? [];
        onRead(items.length);
        const refs = items.flatMap((item) => {
          const match = String(item.sk).match(/^NUDGE#([a-z-]+)#(.+)$/);
          const caseId = String(item.pk).replace(/^CASE#/, '');
          return match?.[1] && match[2]
            ? [{ caseId, kind: match[1] as NudgeRef['kind'], dueAt: match[2] }]
            : [];
        });
        if (refs.length) yield refs;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  }

  async claim(ref: NudgeRef, now: Date): Promise<boolean> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: key(ref),
          // Leaving the index at once: a second sweep that read the same entry finds nothing to claim.
          UpdateExpression: 'SET #status = :sending, claimedAt = :now REMOVE #bucket',
          ConditionExpression: '#status = :pending AND attribute_exists(#bucket) AND expiresAt > :nowSeconds',
          ExpressionAttributeNames: { '#status': 'status', '#bucket': TABLE_SCHEMA.dueIndex.partitionKey },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':pending': 'pending',
            ':now': now.toISOString(),
            ':nowSeconds': Math.floor(now.getTime() / 1000),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async complete(ref: NudgeRef, outcome: NudgeOutcome, now: Date): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: key(ref),
        UpdateExpression: 'SET #status = :outcome, completedAt = :now, expiresAt = :expires',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':outcome': outcome,
          ':now': now.toISOString(),
          ':expires': expiresAfter(this.table, RETENTION_DAYS.settledNudge, now),
        },
      }),
    );
  }

  async release(ref: NudgeRef, now: Date): Promise<void> {
    await this.table.db
      .send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: key(ref),
          UpdateExpression: 'SET #status = :pending, #bucket = :bucket',
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status', '#bucket': TABLE_SCHEMA.dueIndex.partitionKey },
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':sending': 'sending',
            ':bucket': dueBucket(ref.caseId, filingDay(ref.dueAt, now)),
          },
        }),
      )
      .catch((error) => {
        throw isConditionFailure(error)
          ? new ConflictError('the nudge is not being sent', { cause: error })
          : error;
      });
  }

  async forgetCase(caseId: string): Promise<number> {
    return deleteItems(this.table, await keysUnder(this.table, `CASE#${caseId}`, 'NUDGE#'));
  }
}
