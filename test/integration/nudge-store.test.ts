import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoNudgeStore, nudgeItem } from '../../functions/adapters/dynamo-nudge-store.js';
import { DynamoQuotaCounter } from '../../functions/adapters/dynamo-quota-counter.js';
import { DynamoUserSettings } from '../../functions/adapters/dynamo-user-settings.js';
import type { NudgeRef } from '../../functions/domain/ports.js';
import { FixedClock } from '../support/memory-ports.js';
import { startStandIns, TABLE } from '../support/standins.js';

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

async function due(at: Date): Promise<{ refs: NudgeRef[]; read: number }> {
  const refs: NudgeRef[] = [];
  let read = 0;
  for await (const page of store().findDue(at, 3, (count) => {
    read += count;
  }))
    refs.push(...page);
  return { refs, read };
}

describe('the DynamoDB nudge store', () => {
  it('finds exactly the due nudges through the index, across days and shards, and none from the future', async () => {
    const nudges = Array.from({ length: 40 }, (_, i) => ({
      caseId: `case-a${i}`,
      kind: 'not-sent' as const,
      dueAt: new Date(NOW.getTime() + (i - 20) * 3 * 3_600_000).toISOString(),
    }));
    await store().schedule(nudges, NOW);
    const { refs, read } = await due(NOW);
    const expected = nudges.filter((n) => n.dueAt <= NOW.toISOString()).map((n) => n.caseId);
    expect(refs.map((r) => r.caseId).sort()).toEqual(expected.sort());
    expect(read).toBe(expected.length);
  });

  it('keeps one nudge when the same one is scheduled twice', async () => {
    const nudge = { caseId: 'case-b', kind: 'reflection' as const, dueAt: '2026-12-05T09:00:00.000Z' };
    await store().schedule([nudge], NOW);
    await store().schedule([nudge], NOW);
    expect((await due(NOW)).refs.filter((r) => r.caseId === 'case-b')).toHaveLength(1);
  });

  it('lets exactly one of many concurrent claims take a nudge, and takes it out of the index', async () => {
    const ref = { caseId: 'case-c', kind: 'not-sent' as const, dueAt: '2026-12-05T10:00:00.000Z' };
    await store().schedule([ref], NOW);
    const claims = await Promise.all(Array.from({ length: 6 }, () => store().claim(ref, NOW)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect((await due(NOW)).refs.some((r) => r.caseId === 'case-c')).toBe(false);
    await store().complete(ref, 'sent', NOW);
    expect(await store().claim(ref, NOW)).toBe(false);
  });

  it('puts a released nudge back in the index', async () => {
    const ref = { caseId: 'case-d', kind: 'custom' as const, dueAt: '2026-12-05T11:00:00.000Z' };
    await store().schedule([ref], NOW);
    expect(await store().claim(ref, NOW)).toBe(true);
    await store().release(ref);
    expect((await due(NOW)).refs.some((r) => r.caseId === 'case-d')).toBe(true);
    expect(await store().claim(ref, NOW)).toBe(true);
  });

  it('refuses a stale index entry whose item is gone or expired', async () => {
    const expired = { caseId: 'case-e', kind: 'not-sent' as const, dueAt: '2026-12-05T08:00:00.000Z' };
    await standIns.clients.documents.send(
      new PutCommand({
        TableName: TABLE,
        Item: { ...nudgeItem(expired), expiresAt: Math.floor(NOW.getTime() / 1000) - 60 },
      }),
    );
    expect((await due(NOW)).refs.some((r) => r.caseId === 'case-e')).toBe(true);
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
