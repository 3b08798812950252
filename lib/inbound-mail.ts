import { ArnFormat, CfnOutput, Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { BowoutFunction } from './bowout-function.js';
import type { CaseTable } from './case-table.js';
import type { MailSending } from './mail-sending.js';
import { RAW_MAIL_PREFIX, type RawMailBucket } from './raw-mail-bucket.js';

export const INBOUND_HANDLER_ENTRY = 'functions/handlers/inbound-mail.ts';
export const RECEIPT_RULE_NAME = 'inbound-mail';

export interface InboundMailProps {
  readonly domain: string;
  readonly senderAddress: string;
  readonly rawMail: RawMailBucket;
  readonly cases: CaseTable;
  readonly sending: MailSending;
  /** Make the rule set the account's active one (there is one per region). @default true */
  readonly activateRuleSet?: boolean;
}

/**
 * Mail in: an SES receipt rule for the whole domain that stores each message in S3 and then invokes the
 * inbound function asynchronously with the SES event; the function reads the stored message, keeps the
 * case in DynamoDB and answers through SES.
 */
export class InboundMail extends Construct {
  readonly handler: BowoutFunction;
  readonly ruleSet: ses.ReceiptRuleSet;
  /** Fixed at synth time (see below), so also usable where a token would create a cycle. */
  readonly ruleSetName: string;
  readonly rule: ses.ReceiptRule;
  readonly ruleArn: string;

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
    // Named on every send as well as being the identity's default: its bounce and complaint events feed
    // the suppression list.
    fn.addEnvironment('SES_CONFIGURATION_SET', props.sending.configurationSet.configurationSetName);
    fn.addEnvironment('RAW_MAIL_BUCKET', props.rawMail.bucket.bucketName);
    fn.addEnvironment('RAW_MAIL_PREFIX', RAW_MAIL_PREFIX);
    props.rawMail.grantReadAndDeleteRawMail(fn.role);
    fn.addEnvironment('TABLE_NAME', props.cases.table.tableName);
    props.cases.grantItemReadWrite(fn.role);

    // Names fixed at synth time, so the rule's ARN can appear in the bucket policy and the invoke
    // permission that the rule itself has to depend on (a reference to the rule would be a cycle).
    const ruleSetName = Names.uniqueResourceName(this, { maxLength: 64, separator: '-' });
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

    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet', { receiptRuleSetName: ruleSetName });
    this.rule = this.ruleSet.addRule('Rule', {
      receiptRuleName: RECEIPT_RULE_NAME,
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

    if (props.activateRuleSet ?? true) this.activate(ruleSetName);
  }

  /**
   * CloudFormation cannot activate a receipt rule set, so an SDK call does: on create/update this set becomes
   * the active one; on delete no set is active any more (SES refuses to delete an active set).
   */
  private activate(ruleSetName: string): void {
    const logGroup = new logs.LogGroup(this, 'ActivationLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // An own role: the default one gets the AWS managed AWSLambdaBasicExecutionRole policy (all log groups).
    const role = new iam.Role(this, 'ActivationRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Activates the Bowout receipt rule set',
    });
    logGroup.grantWrite(role);

    const activate: cr.AwsSdkCall = {
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters: { RuleSetName: ruleSetName },
      // Constant on purpose: if the set's name changes, the new one is activated by an update. A new id would
      // make CloudFormation delete the old resource afterwards, and that delete deactivates every set.
      physicalResourceId: cr.PhysicalResourceId.of('bowout-active-receipt-rule-set'),
    };
    const activation = new cr.AwsCustomResource(this, 'ActivateRuleSet', {
      onCreate: activate,
      onUpdate: activate,
      // Without a name SES deactivates: the account then has no active set until another is activated.
      onDelete: { service: 'SES', action: 'setActiveReceiptRuleSet', parameters: {} },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        // SES receipt-rule actions have no resource-level permissions: `*` is the only valid resource.
        new iam.PolicyStatement({ actions: ['ses:SetActiveReceiptRuleSet'], resources: ['*'] }),
      ]),
      role,
      logGroup,
      // The SDK in the Lambda runtime has this call; installing the latest would need internet at deploy.
      installLatestAwsSdk: false,
    });
    // Activate only once the rule (and so everything it depends on) exists; deactivate before deleting it.
    activation.node.addDependency(this.rule);

    Validations.of(activation).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ses:SetActiveReceiptRuleSet supports no resource-level permissions (IAM service authorization reference for SES), so its resource must be *.',
    });
  }
}
