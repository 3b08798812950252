import { createHash } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Suppression, SuppressionList } from '../domain/feedback/read-feedback.js';
import { normaliseAddress } from '../domain/mail/sanitize.js';
import type { Clock } from '../domain/ports.js';

const DAY_SECONDS = 86_400;
/**
 * A suppression lasts a year after the last bounce or complaint for the address, then DynamoDB deletes it:
 * a mailbox that was gone may be given to someone else, and nothing personal is kept forever.
 */
export const SUPPRESSION_DAYS = 365;

/**
 * The item key for an address: a hash of the normalised address with a purpose prefix, so the address
 * itself never appears in a key (or in anything that logs keys), and a suppression key cannot be
 * mistaken for the user key of the same address.
 */
export function suppressionKey(address: string): { pk: string; sk: string } {
  const hash = createHash('sha256')
    .update(`bowout-suppression:${normaliseAddress(address)}`)
    .digest('hex');
  return { pk: `SUPPRESS#${hash}`, sk: 'SUPPRESSION' };
}

/** Suppressed addresses as items of the one table; the items hold no address, only its hash. */
export class DynamoSuppressionStore implements SuppressionList {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: Clock,
  ) {}

  async suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(addresses.map(normaliseAddress))];
    const nowSeconds = Math.floor(this.clock.now().getTime() / 1000);
    // A message has one to three recipients: single reads in parallel, no batch bookkeeping.
    const found = await Promise.all(
      unique.map(async (address) => {
        const { Item } = await this.db.send(
          new GetCommand({
            TableName: this.tableName,
            Key: suppressionKey(address),
            ProjectionExpression: 'expiresAt',
          }),
        );
        // DynamoDB deletes expired items late (up to days); until then they must read as absent.
        const live =
          Item !== undefined && !(typeof Item.expiresAt === 'number' && Item.expiresAt <= nowSeconds);
        return live ? address : null;
      }),
    );
    return new Set(found.filter((address): address is string => address !== null));
  }

  async suppress(suppressions: readonly Suppression[]): Promise<void> {
    const now = this.clock.now();
    const expiresAt = Math.floor(now.getTime() / 1000) + SUPPRESSION_DAYS * DAY_SECONDS;
    for (const suppression of suppressions) {
      // An update, not a put: the first suppression time survives repeats, which only refresh the rest.
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
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
