import { ArnFormat, CfnOutput, Duration, Names, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { BUSY_RETRY_OUTCOME } from '../functions/log-outcomes.js';
import { BowoutFunction } from './bowout-function.js';
import type { CaseTable } from './case-table.js';
import type { MailSending } from './mail-sending.js';
import { RAW_MAIL_PREFIX, type RawMailBucket } from './raw-mail-bucket.js';
import { ReceiptRuleSetActivation } from './receipt-rule-set-activation.js';

export const INBOUND_HANDLER_ENTRY = 'functions/handlers/inbound-mail.ts';
/** Prefixed, because in a shared rule set it sits among other applications' rules. */
export const RECEIPT_RULE_NAME = 'bowout-inbound-mail';
/** Where the count of expected busy retries goes (a metric filter over the inbound function's logs). */
export const BUSY_RETRIES_METRIC = { namespace: 'Bowout', metricName: 'InboundBusyRetries' } as const;

export interface InboundMailProps {
  readonly domain: string;
  readonly senderAddress: string;
  readonly rawMail: RawMailBucket;
  readonly cases: CaseTable;
  readonly sending: MailSending;
  /**
   * The name of a receipt rule set already in the account to add the rule to, leaving which set is active
   * alone. Without it the construct creates its own set and activates it.
   */
  readonly existingRuleSetName?: string;
}

/**
 * Mail in: an SES receipt rule for the whole domain that stores each message in S3 and then invokes the
 * inbound function asynchronously with the SES event; the function reads the stored message, keeps the
 * case in DynamoDB and answers through SES. The rule goes into a set of its own, which is activated, or
 * into an existing set of the account.
 */
export class InboundMail extends Construct {
  readonly handler: BowoutFunction;
  readonly ruleSet: ses.IReceiptRuleSet;
  /** Fixed at synth time (see below), so also usable where a token would create a cycle. */
  readonly ruleSetName: string;
  readonly rule: ses.ReceiptRule;
  readonly ruleArn: string;
  /** Only with a rule set of its own. */
  readonly activation?: ReceiptRuleSetActivation;
  /** Invocations that failed only because another one held the same message: expected, and retried. */
  readonly busyRetries: cloudwatch.IMetric;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.handler = new BowoutFunction(this, 'Handler', {
      entry: INBOUND_HANDLER_ENTRY,
      description: 'Bowout inbound mail: forwards become drafts, replies become commands',
      // Measured with test/cdk/measure-functions.ts (production bundle in a child process against the
      // stand-ins; 2-core AMD EPYC, Node 20, three runs): a typical forward takes 0.2-0.3 s CPU to load
      // the bundle and 0.2-0.3 s CPU to draft (0.1 s warm), peak RSS 112 MB; a 14 MB forward 0.8-1.2 s
      // CPU, 235 MB; the largest mail SES receives (39.4 MB) 1.7-2.3 s CPU, 307 MB.
      // Memory: 512 MB would hold the largest mail, but Lambda gives CPU in proportion to memory (one vCPU
      // at 1,769 MB) and the work is CPU-bound, so 1,024 MB costs about the same GB-seconds and answers
      // twice as fast: about 4 s for the largest mail, under a second for a typical one.
      memorySize: 1024,
      // About seven times the largest mail's CPU time at this size, room for S3 and SES retries with
      // backoff; well below the 120 s lease an invocation holds on a message (conversation/inbound.ts).
      timeout: Duration.seconds(30),
    });
    // Each variable sits next to the grant that makes it usable; names are those functions/config.ts reads.
    const fn = this.handler;
    fn.addEnvironment('BOWOUT_DOMAIN', props.domain);
    fn.addEnvironment('SENDER_ADDRESS', props.senderAddress);
    props.sending.grantSend(fn.role);
    // Named on every send (an identity already in the account may have no default set, or another one):
    // its bounce and complaint events feed the suppression list.
    fn.addEnvironment('SES_CONFIGURATION_SET', props.sending.configurationSet.configurationSetName);
    fn.addEnvironment('RAW_MAIL_BUCKET', props.rawMail.bucket.bucketName);
    fn.addEnvironment('RAW_MAIL_PREFIX', RAW_MAIL_PREFIX);
    props.rawMail.grantReadAndDeleteRawMail(fn.role);
    fn.addEnvironment('TABLE_NAME', props.cases.table.tableName);
    props.cases.grantItemReadWrite(fn.role);

    // The handler logs each busy retry with this outcome; the errors alarm subtracts the count.
    this.busyRetries = fn.logGroup
      .addMetricFilter('BusyRetries', {
        filterPattern: logs.FilterPattern.stringValue('$.outcome', '=', BUSY_RETRY_OUTCOME),
        metricNamespace: BUSY_RETRIES_METRIC.namespace,
        metricName: BUSY_RETRIES_METRIC.metricName,
        metricValue: '1',
      })
      .metric({ statistic: cloudwatch.Stats.SUM });

    // Names fixed at synth time, so the rule's ARN can appear in the bucket policy and the invoke
    // permission that the rule itself has to depend on (a reference to the rule would be a cycle).
    const ruleSetName =
      props.existingRuleSetName ?? Names.uniqueResourceName(this, { maxLength: 64, separator: '-' });
    this.ruleSetName = ruleSetName;
    this.ruleArn = stack.formatArn({
      service: 'ses',
      resource: 'receipt-rule-set',
      resourceName: `${ruleSetName}:receipt-rule/${RECEIPT_RULE_NAME}`,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    props.rawMail.allowSesDelivery(this.ruleArn);
    // Same id as the one aws-ses-actions' Lambda action uses, so that action reuses this permission (limited
    // to this rule) instead of adding one that lets any rule of the account invoke the function.
    fn.function.addPermission('AllowSes', {
      action: 'lambda:InvokeFunction',
      principal: new iam.ServicePrincipal('ses.amazonaws.com'),
      sourceAccount: stack.account,
      sourceArn: this.ruleArn,
    });

    this.ruleSet = props.existingRuleSetName
      ? ses.ReceiptRuleSet.fromReceiptRuleSetName(this, 'RuleSet', ruleSetName)
      : new ses.ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: ruleSetName });
    this.rule = new ses.ReceiptRule(this, 'Rule', {
      ruleSet: this.ruleSet,
      receiptRuleName: RECEIPT_RULE_NAME,
      // In an existing set the rule goes first (no `after`), so another rule's stop action cannot keep
      // Bowout's mail from it; it matches only the Bowout domain and stops nothing itself.
      // A bare domain matches every address at it: cancel@, reply+<token>@, and bounces to send@.
      recipients: [props.domain],
      enabled: true,
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      // Spam and virus verdicts reach the handler in the event; it decides, the rule does not drop mail.
      scanEnabled: true,
      // Store first: the function is only invoked once the raw message is in S3.
      actions: [
        props.rawMail.storeAction(),
        new sesActions.Lambda({
          function: fn.function,
          invocationType: sesActions.LambdaInvocationType.EVENT,
        }),
      ],
    });

    new CfnOutput(this, 'InboundMxRecord', {
      description: 'Publish so that SES receives mail for the domain',
      value: `${props.domain} MX 10 inbound-smtp.${stack.region}.amazonaws.com`,
    });

    if (!props.existingRuleSetName) {
      this.activation = new ReceiptRuleSetActivation(this, 'Activation', { ruleSetName, after: this.rule });
    }
  }
}
