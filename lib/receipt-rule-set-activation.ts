import { CustomResource, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, type IConstruct } from 'constructs';
import { BowoutFunction } from './bowout-function.js';
import { acknowledgeWildcardResource } from './nag.js';

export const ACTIVATION_HANDLER_ENTRY = 'functions/custom-resources/activate-receipt-rule-set.ts';
export const ACTIVATION_RESOURCE_TYPE = 'Custom::ReceiptRuleSetActivation';

export interface ReceiptRuleSetActivationProps {
  readonly ruleSetName: string;
  /** Activated only once this exists (the rule, and so everything it depends on); deactivated before it goes. */
  readonly after: IConstruct;
}

/**
 * Makes the stack's receipt rule set the region's active one, which CloudFormation cannot do itself. The
 * decisions live in a small handler (functions/custom-resources/receipt-rule-set-activation.ts): it
 * refuses to replace another application's active set, and on stack deletion or rollback it deactivates
 * receiving only while Bowout's set is still the active one. The CDK Provider framework calls it and
 * reports to CloudFormation, including the handler's error message when it refuses.
 */
export class ReceiptRuleSetActivation extends Construct {
  readonly handler: BowoutFunction;
  readonly resource: CustomResource;
  /** The CDK Provider framework function's role and log group. */
  readonly providerRole: iam.Role;
  readonly providerLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ReceiptRuleSetActivationProps) {
    super(scope, id);

    this.handler = new BowoutFunction(this, 'Handler', {
      entry: ACTIVATION_HANDLER_ENTRY,
      description:
        'Bowout deploy step: activates its receipt rule set, and deactivates it on delete while active',
      // Two SES calls per deploy: the smallest size that loads the bundle quickly.
      memorySize: 256,
      timeout: Duration.seconds(30),
      // Invoked synchronously by the Provider framework, which reports any failure to CloudFormation.
      asyncFailureQueue: false,
    });
    this.handler.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['ses:DescribeActiveReceiptRuleSet', 'ses:SetActiveReceiptRuleSet'],
        // SES receipt rule set actions have no resource-level permissions: `*` is the only valid resource.
        resources: ['*'],
      }),
    );
    Validations.of(this.handler.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'ses:DescribeActiveReceiptRuleSet and ses:SetActiveReceiptRuleSet support no resource-level permissions (IAM service authorization reference for SES), so their resource must be *.',
    });

    // The framework function gets its own role and log group, like every other function of the stack: the
    // default role carries the AWS managed AWSLambdaBasicExecutionRole policy (every log group).
    this.providerLogs = new logs.LogGroup(this, 'ProviderLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.providerRole = new iam.Role(this, 'ProviderRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Execution role of the CDK Provider framework for the Bowout receipt rule set activation',
    });
    this.providerLogs.grantWrite(this.providerRole);
    const provider = new cr.Provider(this, 'Provider', {
      onEventHandler: this.handler.function,
      frameworkOnEventRole: this.providerRole,
      logGroup: this.providerLogs,
    });
    acknowledgeWildcardResource(
      this.providerRole,
      `${this.handler.function.functionArn}:*`,
      'The Provider framework may invoke the activation handler and its versions (lambda:InvokeFunction on the function ARN with :*), nothing else.',
    );

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: ACTIVATION_RESOURCE_TYPE,
      properties: { RuleSetName: props.ruleSetName },
    });
    this.resource.node.addDependency(props.after);
  }
}
