/**
 * The reminder sweep at scale: 100 000 stored nudges, 1 000 of them due, in the DynamoDB stand-in.
 * Prints how long one sweep takes and how many items it read: the work must follow the items due,
 * not the size of the table.
 */
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseStore } from '../functions/adapters/dynamo-case-store.js';
import { DynamoNudgeStore, nudgeItem } from '../functions/adapters/dynamo-nudge-store.js';
import { DynamoSweepCheckpoint } from '../functions/adapters/dynamo-sweep-checkpoint.js';
import { DynamoUserSettings } from '../functions/adapters/dynamo-user-settings.js';
import { openCase } from '../functions/domain/case.js';
import type { Nudge } from '../functions/domain/model.js';
import { sweepNudges } from '../functions/domain/nudges/sweep.js';
import { inviteFacts } from '../test/support/facts.js';
import { FixedClock, RecordingMailer, sequentialRandomness } from '../test/support/memory-ports.js';
import { startStandIns } from '../test/support/standins.js';

const TOTAL = 100_000;
const DUE = 1_000;
const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;

const facts = inviteFacts({
  interview: { start: '2026-12-20T17:00:00.000Z', timezone: 'UTC', certain: true },
});

/** Writes `items` in batches of `size`, `parallel` batches at a time. */
async function inBatches<T>(
  items: T[],
  options: { size: number; parallel: number },
  write: (batch: T[]) => Promise<void>,
): Promise<void> {
  const { size, parallel } = options;
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < batches.length) await write(batches[next++] as T[]);
    }),
  );
}

export async function benchSweep(
  print: (name: string, value: number, unit: string, digits?: number) => void,
): Promise<void> {
  const standIns = await startStandIns();
  try {
    const clock = new FixedClock(NOW);
    const table = { db: standIns.clients.documents, tableName: 'bowout-test', clock };
    // The due nudges belong to real cases (the sweep re-reads each); the rest are future nudges.
    const dueNudges: Nudge[] = [];
    const cases = [];
    for (let i = 0; i < DUE; i++) {
      const caseId = `due-${i}`;
      cases.push({
        pk: `CASE#${caseId}`,
        sk: 'CASE',
        ...openCase({
          caseId,
          user: { email: `user${i}@example.com`, name: 'User', timezone: 'UTC' },
          facts,
          sourceMessageId: caseId,
          now: new Date(NOW.getTime() - 2 * DAY),
        }),
        expiresAt: 2_000_000_000,
      });
      dueNudges.push({
        caseId,
        kind: 'not-sent',
        dueAt: new Date(NOW.getTime() - (i % 36) * 3_600_000).toISOString(),
      });
    }
    const future: Nudge[] = Array.from({ length: TOTAL - DUE }, (_, i) => ({
      caseId: `future-${i}`,
      kind: 'reflection',
      dueAt: new Date(NOW.getTime() + 60_000 + (i % 90) * DAY + i).toISOString(),
    }));
    const seeding = performance.now();
    // Each nudge filed as its handler would have filed it: the due ones when their cases were drafted.
    const drafted = new Date(NOW.getTime() - 2 * DAY);
    const items = [
      ...cases,
      ...dueNudges.map((nudge) => nudgeItem(nudge, drafted)),
      ...future.map((nudge) => nudgeItem(nudge, NOW)),
    ];
    await inBatches(items, { size: 25, parallel: 4 }, async (batch) => {
      let request: Record<string, unknown>[] | undefined = batch.map((Item) => ({ PutRequest: { Item } }));
      while (request?.length) {
        const result = await standIns.clients.documents.send(
          new BatchWriteCommand({ RequestItems: { 'bowout-test': request } }),
        );
        request = result.UnprocessedItems?.['bowout-test'] as Record<string, unknown>[] | undefined;
      }
    });
    print('sweep seed (100 000 nudges, 1 000 due)', (performance.now() - seeding) / 1000, 's', 1);

    const mailer = new RecordingMailer();
    const log = { info: () => undefined, warn: () => undefined };
    const checkpoint = new DynamoSweepCheckpoint(table);
    // A running system's checkpoint: the oldest day that still holds due nudges.
    await checkpoint.advance(dueNudges.map((n) => n.dueAt.slice(0, 10)).sort()[0] ?? '', NOW);
    const deps = {
      cases: new DynamoCaseStore(table),
      settings: new DynamoUserSettings(table),
      nudges: new DynamoNudgeStore(table),
      checkpoint,
      mailer,
      clock,
      random: sequentialRandomness(),
      log,
      config: { domain: 'bowout.localhost', senderAddress: 'send@bowout.localhost' },
    };
    const started = performance.now();
    const result = await sweepNudges(NOW, deps);
    const duration = performance.now() - started;
    print('sweep duration', duration, 'ms', 0);
    print('sweep nudges sent', result.sent, '', 0);
    print('sweep index items read', result.indexItems, 'items', 0);
    print('sweep days of the due index read', result.daysRead, 'days', 0);
    print('sweep base items read', result.baseReads, 'items', 0);
    print('sweep items read per item due', (result.indexItems + result.baseReads) / DUE, '', 2);
    const again = await sweepNudges(new Date(NOW.getTime() + 1_000), deps);
    print('second sweep nudges sent', again.sent, '', 0);
    print('second sweep index items read', again.indexItems, 'items', 0);
    print('second sweep days of the due index read', again.daysRead, 'days', 0);

    // The very first sweep of a deployment has no checkpoint and reads back as far as a nudge may wait.
    await standIns.clients.documents.send(
      new DeleteCommand({ TableName: 'bowout-test', Key: { pk: 'SWEEP', sk: 'CHECKPOINT' } }),
    );
    const firstStarted = performance.now();
    const first = await sweepNudges(new Date(NOW.getTime() + 2_000), deps);
    print('first sweep without a checkpoint, duration', performance.now() - firstStarted, 'ms', 0);
    print('first sweep without a checkpoint, days read', first.daysRead, 'days', 0);
  } finally {
    await standIns.stop();
  }
}
