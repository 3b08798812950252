import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag.js';

/** Key prefix under which SES stores raw mail (functions/config.ts reads it as RAW_MAIL_PREFIX). */
export const RAW_MAIL_PREFIX = 'inbound/';

export interface RawMailBucketProps {
  /** Days before a raw message is deleted: long enough to retry or inspect, short for personal data. */
  readonly retentionDays: number;
}

/**
 * The bucket SES writes raw MIME messages into. Private, encrypted, TLS-only; messages expire after the
 * retention period; the bucket itself is retained when the stack is deleted so no mail is lost by accident.
 */
export class RawMailBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly prefix = RAW_MAIL_PREFIX;

  constructor(scope: Construct, id: string, props: RawMailBucketProps) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [
        {
          id: 'expire-raw-mail',
          prefix: RAW_MAIL_PREFIX,
          expiration: Duration.days(props.retentionDays),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Only SES (for one receipt rule) writes and only the inbound function role reads this short-lived bucket; an access-log bucket would be another store of mail metadata to protect. Enable CloudTrail S3 data events if object-level audit is needed.',
    });
  }

  /**
   * Lets SES store mail under the prefix, only for the given receipt rule of this account (confused-deputy
   * protection). The ARN must be built from names, not from the rule resource: the rule has to depend on
   * this policy, because SES checks it can write to the bucket when the rule is created.
   */
  allowSesDelivery(receiptRuleArn: string): void {
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesToStoreInboundMail',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${RAW_MAIL_PREFIX}*`)],
        conditions: {
          StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': receiptRuleArn },
        },
      }),
    );
  }

  /**
   * Lets the role read raw messages, and delete them when their sender asks Bowout to forget them
   * (FORGET), and list the raw-mail prefix: nothing else in the bucket. The list
   * right is what makes S3 answer a read of a missing message with 404 NoSuchKey rather than 403 AccessDenied:
   * for that answer S3 evaluates s3:ListBucket with the requested key as `s3:prefix`, so the condition keeps
   * the right to the prefix. Without it a message that is not there looks like a permission error, which
   * is retried until the event lands in the failure queue instead of being recorded as missing.
   */
  grantReadAndDeleteRawMail(role: iam.Role): iam.Grant {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': `${RAW_MAIL_PREFIX}*` } },
      }),
    );
    const grant = iam.Grant.addToPrincipal({
      grantee: role,
      actions: ['s3:GetObject', 's3:DeleteObject'],
      resourceArns: [this.bucket.arnForObjects(`${RAW_MAIL_PREFIX}*`)],
    });
    acknowledgeWildcardResource(
      role,
      this.bucket.arnForObjects(`${RAW_MAIL_PREFIX}*`),
      "Object keys are SES message ids, unknown in advance; the wildcard is limited to the raw-mail prefix and to s3:GetObject and s3:DeleteObject (FORGET deletes a user's raw mail).",
    );
    return grant;
  }

  /**
   * The receipt-rule action that stores a message here. Unlike `aws-ses-actions.S3` it adds no bucket
   * policy of its own (that one allows the whole account); `allowSesDelivery` holds the permission.
   */
  storeAction(): ses.IReceiptRuleAction {
    return {
      bind: (rule) => {
        const policy = this.bucket.policy;
        if (policy) rule.node.addDependency(policy);
        return { s3Action: { bucketName: this.bucket.bucketName, objectKeyPrefix: RAW_MAIL_PREFIX } };
      },
    };
  }
}
