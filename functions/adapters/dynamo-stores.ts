import type { Stores } from '../domain/ports.js';
import { DynamoCaseStore } from './dynamo-case-store.js';
import { DynamoMessageLedger } from './dynamo-message-ledger.js';
import { DynamoNudgeStore } from './dynamo-nudge-store.js';
import { DynamoQuotaCounter } from './dynamo-quota-counter.js';
import type { DynamoTable } from './dynamo-table.js';
import { DynamoUserSettings } from './dynamo-user-settings.js';

/** Every store of the one table, as the domain's ports. */
export function dynamoStores(table: DynamoTable): Stores {
  return {
    messages: new DynamoMessageLedger(table),
    cases: new DynamoCaseStore(table),
    quotas: new DynamoQuotaCounter(table),
    settings: new DynamoUserSettings(table),
    nudges: new DynamoNudgeStore(table),
  };
}
