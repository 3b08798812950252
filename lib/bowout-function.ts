import * as path from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LAMBDA_BUNDLING, PROJECT_ROOT } from './bundling.js';

/** Powertools tags every log line with this service name. */
export const SERVICE_NAME = 'bowout';

export interface BowoutFunctionProps {
  /** Handler file relative to the repository root, exporting `handler`, e.g. `functions/handlers/inbound-mail.ts`. */
  readonly entry: string;
  readonly description: string;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 30 seconds */
  readonly timeout?: Duration;
  /** Added to the defaults (`NODE_OPTIONS`, `POWERTOOLS_SERVICE_NAME`); prefer `addEnvironment` next to a grant. */
  readonly environment?: Readonly<Record<string, string>>;
  /** @default one month */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Keep failed asynchronous invocations in an SQS queue after the retries. Every Bowout function is invoked
   * asynchronously (SES, schedules, notifications), so this is on unless a function is invoked synchronously.
   * @default true
   */
  readonly asyncFailureQueue?: boolean;
  /** Retries of a failed asynchronous invocation before it goes to the failure queue. @default 2 */
  readonly retryAttempts?: number;
}

/**
 * One Bowout Lambda function with the project's defaults: Node.js 24 on ARM, an ESM bundle built by the
 * local esbuild (no Docker) as lib/bundling.ts defines it, JSON logs into its own log group with
 * retention, a role that starts with nothing but that log group, and an encrypted queue for invocations
 * that failed every retry.
 */
export class BowoutFunction extends Construct {
  readonly function: NodejsFunction;
  /** The execution role; grants go here (or through `function`, which is the same principal). */
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  /** Where failed asynchronous invocations land; watch it with an alarm. */
  readonly failureQueue?: sqs.Queue;

  constructor(scope: Construct, id: string, props: BowoutFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
      // Logs describe ids and outcomes only, so they need not outlive the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An own role instead of the default one with the AWS managed AWSLambdaBasicExecutionRole policy,
    // which allows writing to every log group in the account.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of: ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    if (props.asyncFailureQueue ?? true) {
      this.failureQueue = new sqs.Queue(this, 'FailedInvocations', {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // The maximum: time to notice a failure, look at it and replay it.
        retentionPeriod: Duration.days(14),
      });
      Validations.of(this.failureQueue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself the dead-letter destination of the function (Lambda on-failure destination, which cdk-nag does not recognise as a DLQ).',
      });
    }

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(PROJECT_ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        ...props.environment,
      },
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: path.join(PROJECT_ROOT, 'package-lock.json'),
      bundling: LAMBDA_BUNDLING,
      ...(this.failureQueue
        ? {
            onFailure: new destinations.SqsDestination(this.failureQueue),
            retryAttempts: props.retryAttempts ?? 2,
          }
        : {}),
    });
  }

  /** Adds an environment variable; call it next to the grant that makes the variable's resource usable. */
  addEnvironment(name: string, value: string): void {
    this.function.addEnvironment(name, value);
  }
}
