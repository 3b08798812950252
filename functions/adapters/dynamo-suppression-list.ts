import { hash } from 'node:crypto';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Suppression } from '../domain/feedback/read-feedback.js';
import { normaliseAddress } from '../domain/mail/sanitize.js';
import type { SuppressionList } from '../domain/ports.js';
import { RETENTION_DAYS } from '../domain/retention.js';
import { type DynamoTable, expiresAfter, liveItem } from './dynamo-table.js';

/**
 * The item key for an address: a hash of the normalised address with a purpose prefix, so the address
 * itself never appears in a key (or in anything that logs keys), and a suppression key cannot be
 * mistaken for the user key of the same address.
 */
export function suppressionKey(address: string): { pk: string; sk: string } {
  const digest = hash('sha256', `bowout-suppression:${normaliseAddress(address)}`);
  return { pk: `SUPPRESS#${digest}`, sk: 'SUPPRESSION' };
}

/**
 * Suppressed addresses as items of the one table; the items hold no address, only its hash. A suppression
 * lasts a year after the last bounce or complaint for the address, then DynamoDB deletes it: a mailbox
 * that was gone may be given to someone else, and nothing personal is kept forever.
 */
export class DynamoSuppressionList implements SuppressionList {
  constructor(private readonly table: DynamoTable) {}

  async suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(addresses.map(normaliseAddress))];
    // A message has one to three recipients: single reads in parallel, no batch bookkeeping.
    const found = await Promise.all(
      unique.map(async (address) => {
        const { Item } = await this.table.db.send(
          new GetCommand({
            TableName: this.table.tableName,
            Key: suppressionKey(address),
            ProjectionExpression: 'expiresAt',
          }),
        );
        return liveItem(this.table, Item) ? address : null;
      }),
    );
    return new Set(found.filter((address): address is string => address !== null));
  }

  async suppress(suppressions: readonly Suppression[]): Promise<void> {
    const now = this.table.clock.now();
    const expiresAt = expiresAfter(this.table, RETENTION_DAYS.suppression, now);
    for (const suppression of suppressions) {
      // An update, not a put: the first suppression time survives repeats, which only refresh the rest.
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: suppressionKey(suppression.address),
          UpdateExpression:
            'SET reason = :reason, suppressedSince = if_not_exists(suppressedSince, :now), lastFeedbackAt = :now, reportedAt = :reportedAt, sesMessageId = :sesMessageId, expiresAt = :expiresAt',
          ExpressionAttributeValues: {
            ':reason': suppression.reason,
            ':now': now.toISOString(),
            ':reportedAt': suppression.reportedAt,
            ':sesMessageId': suppression.sesMessageId,
            ':expiresAt': expiresAt,
          },
        }),
      );
    }
  }
}
