import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Case } from '../domain/model.js';
import type { Nudge } from '../domain/nudges/plan.js';
import type { CaseStore, Clock, MessageClaim, NudgeRef, NudgeStore } from '../domain/ports.js';
import { TABLE_SCHEMA } from './table-schema.js';

const DAY_SECONDS = 86_400;
/** Processed-message markers only need to outlive SES and Lambda retries. */
const MESSAGE_MARKER_DAYS = 14;
/** A case (and its tokens) is kept long enough for the "stay in touch" nudge, then deleted. */
const CASE_DAYS = 200;

/** User settings (STOP ALL) are kept a year after the last change. */
const USER_SETTINGS_DAYS = 365;

/** Addresses never appear in keys: a keyed hash of the normalised address stands for the user. */
const userKey = (email: string) =>
  createHash('sha256').update(`bowout-user:${email.trim().toLowerCase()}`).digest('hex').slice(0, 32);

/** Due nudges are spread over a few index partitions per day, so one busy day is not one hot key. */
const NUDGE_SHARDS = 4;
/** Sent and skipped nudges are kept a month for the record, then deleted. */
const NUDGE_DAYS_AFTER_DUE = 30;

function dueBucket(caseId: string, dueAt: string): string {
  const shard =
    Number.parseInt(createHash('sha256').update(caseId).digest('hex').slice(0, 8), 16) % NUDGE_SHARDS;
  return `due#${dueAt.slice(0, 10)}#${shard}`;
}

/** A pending nudge as stored: in the sparse due index until it is claimed. */
export function nudgeItem(nudge: Nudge): Record<string, unknown> {
  return {
    ...keys.nudge(nudge),
    caseId: nudge.caseId,
    kind: nudge.kind,
    status: 'pending',
    [TABLE_SCHEMA.dueIndex.partitionKey]: dueBucket(nudge.caseId, nudge.dueAt),
    [TABLE_SCHEMA.dueIndex.sortKey]: nudge.dueAt,
    expiresAt: Math.floor(Date.parse(nudge.dueAt) / 1000) + NUDGE_DAYS_AFTER_DUE * DAY_SECONDS,
  };
}

const keys = {
  message: (id: string) => ({ pk: `MSG#${id}`, sk: 'MSG' }),
  case: (id: string) => ({ pk: `CASE#${id}`, sk: 'CASE' }),
  token: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' }),
  nudge: (ref: NudgeRef) => ({ pk: `CASE#${ref.caseId}`, sk: `NUDGE#${ref.kind}#${ref.dueAt}` }),
};

const CASE_FIELDS: (keyof Case)[] = [
  'caseId',
  'state',
  'user',
  'facts',
  'draft',
  'sourceMessageId',
  'createdAt',
  'updatedAt',
  'draftMailedAt',
  'sendAttemptId',
  'sendLeaseUntil',
  'sentAt',
  'sentMessageId',
  'alreadySentNoticeAt',
  'lateSendRequestedAt',
  'uncertainNoticeAt',
  'inputs',
  'remindAt',
  'nudgesStopped',
  'purpose',
];

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error as Error).name === 'ConditionalCheckFailedException'
  );
}

function toCase(item: Record<string, unknown>): Case {
  const value = Object.fromEntries(
    CASE_FIELDS.map((field) => [field, item[field] ?? null]),
  ) as unknown as Case;
  value.nudgesStopped = value.nudgesStopped === true;
  value.purpose = value.purpose === 'keep-in-touch' ? 'keep-in-touch' : 'cancellation';
  return value;
}

/** The single-table store: cases, reply tokens and processed SES message ids, every item with a TTL. */
export class DynamoCaseStore implements CaseStore, NudgeStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  private epochSeconds(days: number): number {
    return Math.floor(this.clock.now().getTime() / 1000) + days * DAY_SECONDS;
  }

  /** DynamoDB deletes expired items late (up to days); until then they must read as absent. */
  private live(item: Record<string, unknown> | undefined): Record<string, unknown> | null {
    if (!item) return null;
    const expiresAt = item.expiresAt;
    return typeof expiresAt === 'number' && expiresAt * 1000 <= this.clock.now().getTime() ? null : item;
  }

  async claimMessage(sesMessageId: string, now: Date, leaseSeconds: number): Promise<MessageClaim> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...keys.message(sesMessageId),
            status: 'processing',
            leaseUntil: now.getTime() + leaseSeconds * 1000,
            expiresAt: this.epochSeconds(MESSAGE_MARKER_DAYS),
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
      const current = await this.db.send(
        new GetCommand({ TableName: this.tableName, Key: keys.message(sesMessageId), ConsistentRead: true }),
      );
      return current.Item?.status === 'done' ? 'done' : 'busy';
    }
  }

  async completeMessage(sesMessageId: string, outcome: string, now: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.message(sesMessageId),
        UpdateExpression: 'SET #status = :done, outcome = :outcome, completedAt = :now REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':done': 'done', ':outcome': outcome, ':now': now.toISOString() },
      }),
    );
  }

  async releaseMessage(sesMessageId: string): Promise<void> {
    await this.db
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.message(sesMessageId),
          ConditionExpression: '#status = :processing',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':processing': 'processing' },
        }),
      )
      .catch((error) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  async getCase(caseId: string): Promise<Case | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.case(caseId), ConsistentRead: true }),
    );
    const item = this.live(result.Item);
    return item ? toCase(item) : null;
  }

  /**
   * Two conditional puts rather than a transaction (the DynamoDB stand-in has none): the case first, so
   * a crash in between leaves a case without a token, which the retry's addToken then repairs.
   */
  async createCase(value: Case, tokenHash: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keys.case(value.caseId), ...value, expiresAt: this.epochSeconds(CASE_DAYS) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    await this.addToken(value.caseId, tokenHash);
    return true;
  }

  async addToken(caseId: string, tokenHash: string): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...keys.token(tokenHash), caseId, expiresAt: this.epochSeconds(CASE_DAYS) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** One counter item per user, kind and UTC day; the address itself never appears in a key. */
  async consumeQuota(
    userEmail: string,
    kind: 'draft' | 'send',
    now: Date,
    limit: number,
  ): Promise<'ok' | 'limited-first' | 'limited'> {
    const key = { pk: `QUOTA#${userKey(userEmail)}#${kind}#${now.toISOString().slice(0, 10)}`, sk: 'QUOTA' };
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'ADD used :one SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(used) OR used < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': this.epochSeconds(3) },
        }),
      );
      return 'ok';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
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

  async stopAllNudges(userEmail: string, now: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `USER#${userKey(userEmail)}`, sk: 'SETTINGS' },
        UpdateExpression: 'SET nudgesStopped = :yes, updatedAt = :now, expiresAt = :expires',
        ExpressionAttributeValues: {
          ':yes': true,
          ':now': now.toISOString(),
          ':expires': this.epochSeconds(USER_SETTINGS_DAYS),
        },
      }),
    );
  }

  async nudgesStoppedForUser(userEmail: string): Promise<boolean> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `USER#${userKey(userEmail)}`, sk: 'SETTINGS' },
        ConsistentRead: true,
      }),
    );
    return this.live(result.Item)?.nudgesStopped === true;
  }

  async findCaseIdByToken(tokenHash: string): Promise<string | null> {
    const result = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: keys.token(tokenHash), ConsistentRead: true }),
    );
    const item = this.live(result.Item);
    return typeof item?.caseId === 'string' ? item.caseId : null;
  }

  async updateCase(
    caseId: string,
    condition: { states: Case['state'][]; attemptId?: string | null; unset?: (keyof Case)[] },
    changes: Partial<Case>,
  ): Promise<Case | null> {
    const names: Record<string, string> = { '#state': 'state' };
    const values: Record<string, unknown> = {};
    const sets = Object.entries(changes).map(([field, value], i) => {
      names[`#f${i}`] = field;
      values[`:v${i}`] = value ?? null;
      return `#f${i} = :v${i}`;
    });
    const clauses = [
      'attribute_exists(pk)',
      `#state IN (${condition.states
        .map((state, i) => {
          values[`:s${i}`] = state;
          return `:s${i}`;
        })
        .join(', ')})`,
    ];
    if (condition.attemptId !== undefined) {
      names['#attempt'] = 'sendAttemptId';
      values[':attempt'] = condition.attemptId;
      clauses.push('#attempt = :attempt');
    }
    for (const [i, field] of (condition.unset ?? []).entries()) {
      names[`#u${i}`] = field;
      values[':null'] = null;
      clauses.push(`(attribute_not_exists(#u${i}) OR #u${i} = :null)`);
    }
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.case(caseId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: clauses.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ? toCase(result.Attributes) : null;
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }

  async schedule(nudges: Nudge[]): Promise<void> {
    for (const nudge of nudges) {
      await this.db
        .send(
          new PutCommand({
            TableName: this.tableName,
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
          const page = await this.db.send(
            new QueryCommand({
              TableName: this.tableName,
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
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.nudge(ref),
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

  async complete(ref: NudgeRef, outcome: string, now: Date): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.nudge(ref),
        UpdateExpression: 'SET #status = :outcome, completedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':outcome': outcome, ':now': now.toISOString() },
      }),
    );
  }

  async release(ref: NudgeRef): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.nudge(ref),
        UpdateExpression: 'SET #status = :pending, #bucket = :bucket',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status', '#bucket': TABLE_SCHEMA.dueIndex.partitionKey },
        ExpressionAttributeValues: {
          ':pending': 'pending',
          ':sending': 'sending',
          ':bucket': dueBucket(ref.caseId, ref.dueAt),
        },
      }),
    );
  }
}
