import { hash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '../domain/errors.js';
import type { Case } from '../domain/model.js';
import type { CaseStore, OriginalFiling } from '../domain/ports.js';
import { RETENTION_DAYS } from '../domain/retention.js';
import {
  type DynamoTable,
  deleteItems,
  expiresAfter,
  isConditionFailure,
  keysUnder,
  liveItem,
  putKeyItems,
  userPartition,
} from './dynamo-table.js';

const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  token: (tokenHash: string) => ({ pk: `TOKEN#${tokenHash}`, sk: 'TOKEN' }),
  /** A case's own note of a token it was given, so FORGET can retire it. */
  caseToken: (caseId: string, tokenHash: string) => ({ pk: `CASE#${caseId}`, sk: `TOKEN#${tokenHash}` }),
  /** The per-user index: the user's cases and their user-bound tokens. */
  userCase: (email: string, caseId: string) => ({ pk: userPartition(email), sk: `CASE#${caseId}` }),
  userToken: (email: string, tokenHash: string) => ({ pk: userPartition(email), sk: `TOKEN#${tokenHash}` }),
  /** A user's original invite, by a hash of its key, in the user's partition (FORGET removes it). */
  original: (filing: Pick<OriginalFiling, 'userEmail' | 'originalKey'>) => ({
    pk: userPartition(filing.userEmail),
    sk: `ORIGINAL#${hash('sha256', filing.originalKey).slice(0, 32)}`,
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
  'pendingTo',
  'forwardedAddresses',
  'nudgesPlannedAt',
];

function toCase(item: Record<string, unknown>): Case {
  const caseRecord = Object.fromEntries(
    CASE_FIELDS.map((field) => [field, item[field] ?? null]),
  ) as unknown as Case;
  caseRecord.nudgesStopped = caseRecord.nudgesStopped === true;
  caseRecord.purpose = caseRecord.purpose === 'keep-in-touch' ? 'keep-in-touch' : 'cancellation';
  if (!Array.isArray(caseRecord.forwardedAddresses)) caseRecord.forwardedAddresses = [];
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
   * Without a transaction (the DynamoDB stand-in has none), in an order a crash cannot hurt: first the
   * user's index entry and the case's note of its token, together in one batch (entries pointing at a case
   * not yet there read as nothing, and FORGET removes them all the same); then the case, conditionally;
   * then the token. A crash after the case leaves it without a token, which the retry's addToken repairs,
   * and never leaves a case missing from its user's index.
   */
  async createCase(caseRecord: Case, tokenHash: string): Promise<boolean> {
    const expiresAt = expiresAfter(this.table, RETENTION_DAYS.case);
    await putKeyItems(
      this.table,
      [keys.userCase(caseRecord.user.email, caseRecord.caseId), keys.caseToken(caseRecord.caseId, tokenHash)],
      expiresAt,
    );
    try {
      await this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { ...keys.case(caseRecord.caseId), ...caseRecord, expiresAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
    await this.putToken(tokenHash, { caseId: caseRecord.caseId });
    return true;
  }

  /** An index item: no data of its own, just its key and the case's retention. */
  private async putIndex(key: { pk: string; sk: string }): Promise<void> {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: { ...key, expiresAt: expiresAfter(this.table, RETENTION_DAYS.case) },
      }),
    );
  }

  /** The token item itself; an existing one (live, expired or retired) is never overwritten. */
  private async putToken(tokenHash: string, binding: Record<string, string>): Promise<void> {
    await this.table.db
      .send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...keys.token(tokenHash),
            ...binding,
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

  async addToken(token: { caseId: string; tokenHash: string }): Promise<void> {
    // The note first: a crash in between leaves a note of a token that never worked, never the reverse.
    await this.putIndex(keys.caseToken(token.caseId, token.tokenHash));
    await this.putToken(token.tokenHash, { caseId: token.caseId });
  }

  async addUserToken(token: { userEmail: string; tokenHash: string }): Promise<void> {
    await this.putIndex(keys.userToken(token.userEmail, token.tokenHash));
    await this.putToken(token.tokenHash, { userEmail: token.userEmail.trim().toLowerCase() });
  }

  async findUserByToken(tokenHash: string): Promise<string | null> {
    const { db, tableName } = this.table;
    const result = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.token(tokenHash), ConsistentRead: true }),
    );
    const item = liveItem(this.table, result.Item);
    return typeof item?.userEmail === 'string' ? item.userEmail : null;
  }

  async caseIdsOfUser(userEmail: string): Promise<string[]> {
    const indexed = await keysUnder(this.table, userPartition(userEmail), 'CASE#');
    return indexed.map((key) => key.sk.slice('CASE#'.length));
  }

  async casesOfUser(userEmail: string): Promise<Case[]> {
    const found: Case[] = [];
    for (const caseId of await this.caseIdsOfUser(userEmail)) {
      const caseRecord = await this.getCase(caseId);
      if (caseRecord) found.push(caseRecord);
    }
    return found.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /**
   * Token items are overwritten with a bare tombstone (the hash and nothing else), then the case items,
   * the tokens' notes and the index go. Each step is safe to repeat, so a FORGET retried after a crash
   * finishes the job.
   */
  async forgetUser(userEmail: string): Promise<{ cases: number; tokens: number }> {
    const partition = userPartition(userEmail);
    const caseIds = await this.caseIdsOfUser(userEmail);
    const tokenHashes = (await keysUnder(this.table, partition, 'TOKEN#')).map((k) => k.sk.slice(6));
    const caseNotes = [];
    for (const caseId of caseIds)
      caseNotes.push(...(await keysUnder(this.table, `CASE#${caseId}`, 'TOKEN#')));
    tokenHashes.push(...caseNotes.map((k) => k.sk.slice(6)));
    let tokens = 0;
    for (const tokenHash of tokenHashes) if (await this.retire(tokenHash)) tokens += 1;
    const cases = await deleteItems(
      this.table,
      caseIds.map((caseId) => keys.case(caseId)),
    );
    await deleteItems(this.table, [...caseNotes, ...(await keysUnder(this.table, partition, 'CASE#'))]);
    await deleteItems(this.table, await keysUnder(this.table, partition, 'TOKEN#'));
    await deleteItems(this.table, await keysUnder(this.table, partition, 'ORIGINAL#'));
    return { cases, tokens };
  }

  /** Replaces a token's binding by a tombstone; true when it was bound to something. */
  private async retire(tokenHash: string): Promise<boolean> {
    const result = await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...keys.token(tokenHash),
          retired: true,
          expiresAt: expiresAfter(this.table, RETENTION_DAYS.case),
        },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return typeof result.Attributes?.caseId === 'string' || typeof result.Attributes?.userEmail === 'string';
  }

  async findCaseIdByToken(tokenHash: string): Promise<string | null> {
    const { db, tableName } = this.table;
    const result = await db.send(
      new GetCommand({ TableName: tableName, Key: keys.token(tokenHash), ConsistentRead: true }),
    );
    const item = liveItem(this.table, result.Item);
    return typeof item?.caseId === 'string' ? item.caseId : null;
  }

  async fileOriginal(filing: OriginalFiling): Promise<OriginalFiling | null> {
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
      return null;
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
