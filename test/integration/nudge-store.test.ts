import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoNudgeStore, nudgeItem } from '../../functions/adapters/dynamo-nudge-store.js';
import { DynamoQuotaCounter } from '../../functions/adapters/dynamo-quota-counter.js';
import { DynamoUserSettings } from '../../functions/adapters/dynamo-user-settings.js';
import type { NudgeRef } from '../../functions/domain/ports.js';
import { FixedClock } from '../support/memory-ports.js';
import { startStandIns, TABLE } from '../support/standins.js';

/**
 * What only the DynamoDB items show (the contracts in test/contract/ cover the behaviour): stale index
 * entries, and keys that hold no address.
 */

let standIns: Awaited<ReturnType<typeof startStandIns>>;
beforeAll(async () => {
  standIns = await startStandIns();
});
afterAll(async () => {
  await standIns?.stop();
});

const NOW = new Date('2026-12-05T12:00:00Z');
const table = () => ({ db: standIns.clients.documents, tableName: TABLE, clock: new FixedClock(NOW) });
const store = () => new DynamoNudgeStore(table());

async function due(day: string, at: Date): Promise<NudgeRef[]> {
  const refs: NudgeRef[] = [];
  for await (const page of store().findDue(day, at, () => undefined)) refs.push(...page);
  return refs;
}

describe('the DynamoDB nudge store', () => {
  it('refuses a stale index entry whose item is gone or expired', async () => {
    const expired = { caseId: 'case-e', kind: 'not-sent' as const, dueAt: '2026-12-05T08:00:00.000Z' };
    await standIns.clients.documents.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...nudgeItem(expired, NOW), expiresAt: Math.floor(NOW.getTime() / 1000) - 60 },
      }),
    );
    expect((await due('2026-12-05', NOW)).some((r) => r.caseId === 'case-e')).toBe(true);
    expect(await store().claim(expired, NOW)).toBe(false);
    expect(
      await store().claim({ caseId: 'case-never', kind: 'not-sent', dueAt: '2026-12-05T08:00:00.000Z' }, NOW),
    ).toBe(false);
  });

  it('stores no address in the key of a quota or user-settings item', async () => {
    const settings = new DynamoUserSettings(table());
    const quotas = new DynamoQuotaCounter(table());
    await settings.stopAllNudges('Alex.Rivera@Gmail.com', NOW);
    expect(await settings.nudgesStoppedForUser('alex.rivera@gmail.com')).toBe(true);
    const request = { userEmail: 'alex.rivera@gmail.com', kind: 'send' as const, limit: 1, now: NOW };
    const quota = await quotas.consumeQuota(request);
    expect(quota).toBe('ok');
    expect(await quotas.consumeQuota(request)).toBe('limited-first');
    expect(await quotas.consumeQuota(request)).toBe('limited');
    const probe = await standIns.clients.documents.send(
      new GetCommand({ TableName: TABLE, Key: { pk: 'USER#alex.rivera@gmail.com', sk: 'SETTINGS' } }),
    );
    expect(probe.Item).toBeUndefined();
  });
});
