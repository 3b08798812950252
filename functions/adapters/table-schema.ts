/**
 * The one DynamoDB table's key schema, shared by the CDK stack, the local stack (which creates the
 * table on the stand-in) and the DynamoDB adapter, so the three can never disagree.
 */
export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB deletes the item some time after it. Every item has one. */
  ttlAttribute: 'expiresAt',
  /** Sparse index over reminder due times: only items with both attributes appear in it. */
  dueIndex: { name: 'due-index', partitionKey: 'dueBucket', sortKey: 'dueAt' },
} as const;
