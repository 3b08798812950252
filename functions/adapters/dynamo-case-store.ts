import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors.js';
import type { Case } from '../domain/model.js';
import type { CaseStore, OriginalFiling } from '../domain/ports.js';
import { RETENTION_DAYS } from '../domain/retention.js';
import { type DynamoTable, expiresAfter, isConditionFailure, liveItem, userKey } from './dynamo-table.js';

const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  token: (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  // The original's key is a Message-ID or a hash; hashed again with the user so neither shows in the key.
  original: (filing: Pick<OriginalFiling, 'userEmail' | 'originalKey'>) => ({
    pk: `ORIGINAL#${userKey(filing.userEmail)}#${createHash('sha256').update(filing.originalKey).digest('hex').slice(0, 32)}`,
    sk: 'ORIGINAL',
  }),
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

function toCase(item: Record<string, unknown>): Case {
  const caseRecord = Object.fromEntries(
    CASE_FIELDS.map((field) => [field, item[field] ?? null]),
  ) as unknown as Case;
  caseRecord.nudgesStopped = caseRecord.nudgesStopped === true;
  caseRecord.purpose = caseRecord.purpose === 'keep-in-touch' ? 'keep-in-touch' : 'cancellation';
  return caseRecord;
}

/** Cases and their reply tokens (only a token's hash is stored), each item with a TTL. */
export class DynamoCaseStore implements CaseStore {
  constructor(private readonly table: DynamoTable) {}

  async getCase(caseId: string): Promise<Case | null> {
    const { db, tableName } = this.table;
    const result = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.case(caseId), ConsistentRead: true }),
    );
    const item = liveItem(this.table, result.Item);
    return item ? toCase(item) : null;
  }

  /**
   * Two conditional puts rather than a transaction (the DynamoDB stand-in has none): the case first, so
   * a crash in between leaves a case without a token, which the retry's addToken then repairs.
   */
  async createCase(caseRecord: Case, tokenHash: string): Promise<boolean> {
    try {
      await this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...keys.case(caseRecord.caseId),
            ...caseRecord,
            expiresAt: expiresAfter(this.table, RETENTION_DAYS.case),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    await this.addToken({ caseId: caseRecord.caseId, tokenHash });
    return true;
  }

  async addToken(token: { caseId: string; tokenHash: string }): Promise<void> {
    await this.table.db
      .send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...keys.token(token.tokenHash),
            caseId: token.caseId,
            expiresAt: expiresAfter(this.table, RETENTION_DAYS.case),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((error) => {
        throw isConditionFailure(error)
          ? new ConflictError('the token exists already', { cause: error })
          : error;
      });
  }

  async findCaseIdByToken(tokenHash: string): Promise<string | null> {
    const { db, tableName } = this.table;
    const result = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.token(tokenHash), ConsistentRead: true }),
    );
    const item = liveItem(this.table, result.Item);
    return typeof item?.caseId === 'string' ? item.caseId : null;
  }

  async fileOriginal(filing: OriginalFiling): Promise<OriginalFiling> {
    const { db, tableName } = this.table;
    const key = keys.original(filing);
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...key,
            caseId: filing.caseId,
            filedAt: filing.filedAt,
            expiresAt: expiresAfter(this.table, RETENTION_DAYS.case),
          },
          // An expired filing (past its TTL, not yet deleted) is absent: it may be filed anew.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
          ExpressionAttributeValues: { ':now': Math.floor(this.table.clock.now().getTime() / 1000) },
        }),
      );
      return filing;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const held = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    // Deleted between the two requests (its TTL ran out): the next put files this one.
    if (!held.Item) return this.fileOriginal(filing);
    return { ...filing, caseId: String(held.Item.caseId), filedAt: String(held.Item.filedAt) };
  }

  async refileOriginal(filing: OriginalFiling, previousCaseId: string): Promise<boolean> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.original(filing),
          UpdateExpression: 'SET caseId = :caseId, filedAt = :filedAt, expiresAt = :expires',
          ConditionExpression: 'caseId = :previous',
          ExpressionAttributeValues: {
            ':caseId': filing.caseId,
            ':filedAt': filing.filedAt,
            ':expires': expiresAfter(this.table, RETENTION_DAYS.case),
            ':previous': previousCaseId,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async releaseOriginal(filing: OriginalFiling): Promise<void> {
    try {
      await this.table.db.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: keys.original(filing),
          ConditionExpression: 'caseId = :caseId',
          ExpressionAttributeValues: { ':caseId': filing.caseId },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
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
      const result = await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
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
}
