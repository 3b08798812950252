import { createHash } from 'node:crypto';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Nudge } from '../domain/model.js';
import type { NudgeOutcome } from '../domain/outcomes.js';
import type { NudgeRef, NudgeStore } from '../domain/ports.js';
import { RETENTION_DAYS } from '../domain/retention.js';
import { type DynamoTable, deleteItems, isConditionFailure, keysUnder } from './dynamo-table.js';
import { TABLE_SCHEMA } from './table-schema.js';

const DAY_SECONDS = 86_400;
/** Due nudges are spread over a few index partitions per day, so one busy day is not one hot key. */
const NUDGE_SHARDS = 4;

function dueBucket(nudge: { caseId: string; dueAt: string }): string {
  const shard =
    Number.parseInt(createHash('sha256').update(nudge.caseId).digest('hex').slice(0, 8), 16) % NUDGE_SHARDS;
  return `due#${nudge.dueAt.slice(0, 10)}#${shard}`;
}

const key = (ref: NudgeRef) => ({ pk: `CASE#${ref.caseId}`, sk: `NUDGE#${ref.kind}#${ref.dueAt}` });

/** A pending nudge as stored: in the sparse due index until it is claimed. */
export function nudgeItem(nudge: Nudge): Record<string, unknown> {
  return {
    ...key(nudge),
    caseId: nudge.caseId,
    kind: nudge.kind,
    status: 'pending',
    [TABLE_SCHEMA.dueIndex.partitionKey]: dueBucket(nudge),
    [TABLE_SCHEMA.dueIndex.sortKey]: nudge.dueAt,
    expiresAt: Math.floor(Date.parse(nudge.dueAt) / 1000) + RETENTION_DAYS.settledNudge * DAY_SECONDS,
  };
}

/** Nudges as items of their case, found through the sparse due-time index (never a scan). */
export class DynamoNudgeStore implements NudgeStore {
  constructor(private readonly table: DynamoTable) {}

  async schedule(nudges: Nudge[], _now: Date): Promise<void> {
    for (const nudge of nudges) {
      await this.table.db
        .send(
          new PutCommand({
            TableName: this.table.tableName,
            Item: nudgeItem(nudge),
            // The same nudge scheduled again (a retried invocation) keeps the first, whatever its state.
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((error) => {
          if (!isConditionFailure(error)) throw error;
        });
    }
  }

  /** Queries each (day, shard) partition of the sparse due index up to `now`, page by page. */
  async *findDue(
    now: Date,
    lookbackDays: number,
    onRead: (count: number) => void,
  ): AsyncIterable<NudgeRef[]> {
    const { name, partitionKey, sortKey } = TABLE_SCHEMA.dueIndex;
    for (let back = lookbackDays; back >= 0; back--) {
      const day = new Date(now.getTime() - back * DAY_SECONDS * 1000).toISOString().slice(0, 10);
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
        UpdateExpression: 'SET #status = :outcome, completedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':outcome': outcome, ':now': now.toISOString() },
      }),
    );
  }

  async release(ref: NudgeRef): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: key(ref),
        UpdateExpression: 'SET #status = :pending, #bucket = :bucket',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status', '#bucket': TABLE_SCHEMA.dueIndex.partitionKey },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':sending': 'sending',
          ':bucket': dueBucket(ref),
        },
      }),
    );
  }

  async forgetCase(caseId: string): Promise<number> {
    return deleteItems(this.table, await keysUnder(this.table, `CASE#${caseId}`, 'NUDGE#'));
  }
}
