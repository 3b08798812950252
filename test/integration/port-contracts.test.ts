import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import { DynamoCaseStore } from '../../functions/adapters/dynamo-case-store.js';
import { DynamoMessageLedger } from '../../functions/adapters/dynamo-message-ledger.js';
import { DynamoNudgeStore } from '../../functions/adapters/dynamo-nudge-store.js';
import { DynamoQuotaCounter } from '../../functions/adapters/dynamo-quota-counter.js';
import { DynamoSuppressionList } from '../../functions/adapters/dynamo-suppression-list.js';
import { DynamoSweepCheckpoint } from '../../functions/adapters/dynamo-sweep-checkpoint.js';
import type { DynamoTable } from '../../functions/adapters/dynamo-table.js';
import { DynamoUserSettings } from '../../functions/adapters/dynamo-user-settings.js';
import { S3RawMailStore } from '../../functions/adapters/s3-raw-mail-store.js';
import { SesMailer } from '../../functions/adapters/ses-mailer.js';
import type { Clock } from '../../functions/domain/ports.js';
import { ensureTable } from '../../local/standins.js';
import { describePortContracts } from '../contract/port-contracts.js';
import { BUCKET, startStandIns } from '../support/standins.js';

/** The ports' contracts against the adapters Lambda runs, on dynalite, s3rver and aws-ses-v2-local. */

let standIns: Awaited<ReturnType<typeof startStandIns>>;
beforeAll(async () => {
  standIns = await startStandIns();
});
afterAll(async () => {
  await standIns?.stop();
});

let tables = 0;
/** A table of its own for each test, created as production has it (keys, TTL, due index). */
async function freshTable(clock: Clock): Promise<DynamoTable> {
  const tableName = `contract-${++tables}`;
  await ensureTable(standIns.dynamo.endpoint, tableName);
  return { db: standIns.clients.documents, tableName, clock };
}

let prefixes = 0;

describePortContracts('DynamoDB, S3 and SES stand-ins', () => ({
  messages: async (clock) => new DynamoMessageLedger(await freshTable(clock)),
  cases: async (clock) => new DynamoCaseStore(await freshTable(clock)),
  quotas: async (clock) => new DynamoQuotaCounter(await freshTable(clock)),
  settings: async (clock) => new DynamoUserSettings(await freshTable(clock)),
  nudges: async (clock) => new DynamoNudgeStore(await freshTable(clock)),
  checkpoint: async (clock) => new DynamoSweepCheckpoint(await freshTable(clock)),
  suppressions: async (clock) => new DynamoSuppressionList(await freshTable(clock)),
  rawMail: async () => {
    const prefix = `contract-${++prefixes}/`;
    return {
      store: new S3RawMailStore(standIns.clients.s3, { bucket: BUCKET, prefix }),
      put: async (id, raw) => {
        await standIns.clients.s3.send(
          new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}${id}`, Body: raw }),
        );
      },
    };
  },
  mailer: async () => ({
    mailer: new SesMailer(standIns.clients.ses, { loopToken: 'bowout.localhost' }),
    recipients: async (messageId) => {
      const sent = (await standIns.sentMail()).find((m) => m.messageId === messageId);
      return { to: sent?.destination.to ?? [], cc: sent?.destination.cc ?? [] };
    },
  }),
}));
