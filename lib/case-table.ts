import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { TABLE_SCHEMA } from '../functions/adapters/table-schema.js';
import { acknowledgeWildcardResource } from './nag.js';

/**
 * What a Bowout function may do with the table's items: exactly the operations the DynamoDB adapters send
 * (Get, Put, Update, Delete and Query commands of lib-dynamodb); no batches, transactions or scans.
 */
export const CASE_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

export interface CaseTableProps {
  /** @default true: the table holds every case; turn off only for throw-away stacks. */
  readonly deletionProtection?: boolean;
}

/**
 * The single DynamoDB table (cases, reminders, processed message ids, settings), keyed exactly as
 * TABLE_SCHEMA says so that the stack, the local stand-in and the adapter agree.
 */
export class CaseTable extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: CaseTableProps = {}) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_SCHEMA.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_SCHEMA.sortKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: TABLE_SCHEMA.ttlAttribute,
      // Traffic is a trickle of mail with bursts; on-demand costs nothing when idle.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.deletionProtection ?? true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Sparse: only reminder items carry dueBucket/dueAt, so the sweep queries due reminders, never scans.
    // Keys only: the index only has to find due items; their content is read from the table.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_SCHEMA.dueIndex.name,
      partitionKey: { name: TABLE_SCHEMA.dueIndex.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_SCHEMA.dueIndex.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.KEYS_ONLY,
    });
  }

  /**
   * Only the given item actions, on the table itself (not its indexes), for a function that needs less
   * than `grantItemReadWrite`, e.g. the feedback function's single UpdateItem.
   */
  grantItemActions(role: iam.Role, actions: readonly (typeof CASE_TABLE_ACTIONS)[number][]): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee: role,
      actions: [...actions],
      resourceArns: [this.table.tableArn],
    });
  }

  /**
   * Item reads and writes on the table and queries on its indexes. Deliberately no Scan (Bowout never scans)
   * and no stream or table-management actions.
   */
  grantItemReadWrite(role: iam.Role): iam.Grant {
    const grant = iam.Grant.addToPrincipal({
      grantee: role,
      actions: [...CASE_TABLE_ACTIONS],
      resourceArns: [this.table.tableArn, `${this.table.tableArn}/index/*`],
    });
    acknowledgeWildcardResource(
      role,
      `${this.table.tableArn}/index/*`,
      'Covers only the indexes of this table (the due-index), which the reminder sweep queries instead of scanning.',
    );
    return grant;
  }
}
