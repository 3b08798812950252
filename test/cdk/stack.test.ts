import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SCHEMA } from '../../functions/adapters/table-schema.js';
import { BUSY_RETRY_OUTCOME } from '../../functions/log-outcomes.js';
import type { BowoutFunction } from '../../lib/bowout-function.js';
import { bundleEntry } from '../../lib/bundling.js';
import { CASE_TABLE_ACTIONS } from '../../lib/case-table.js';
import { BUSY_RETRIES_METRIC, INBOUND_HANDLER_ENTRY, RECEIPT_RULE_NAME } from '../../lib/inbound-mail.js';
import { FEEDBACK_DETAIL_TYPES, FEEDBACK_HANDLER_ENTRY } from '../../lib/mail-feedback.js';
import { ACTIVATION_HANDLER_ENTRY, ACTIVATION_RESOURCE_TYPE } from '../../lib/receipt-rule-set-activation.js';
import { SWEEP_HANDLER_ENTRY } from '../../lib/reminder-schedule.js';
import { logicalIdOf, permissionsOfRole, render, type SynthesizedBowout, synthBowout } from './fixture.js';

// One synthesis (and one esbuild bundle) for the whole file.
let bowout: SynthesizedBowout;
let ids: {
  bucket: string;
  table: string;
  fn: string;
  role: string;
  logs: string;
  failureQueue: string;
  identity: string;
  activationFn: string;
  activationRole: string;
  activationLogs: string;
  configurationSet: string;
  ruleSet: string;
  feedbackFn: string;
  feedbackRole: string;
  feedbackLogs: string;
  feedbackQueue: string;
  feedbackRule: string;
  remindersFn: string;
  remindersRule: string;
};
/** Every function of the stack, by the name its tests use. */
let functions: Record<string, BowoutFunction>;
afterAll(() => bowout?.cleanup());
// Synthesis bundles every function with esbuild and runs cdk-nag: slow on a shared machine.
beforeAll(() => {
  bowout = synthBowout({ rawMailRetentionDays: '14' });
  const { stack } = bowout;
  const handler = stack.inbound.handler;
  const feedback = stack.feedback.handler;
  const reminders = stack.reminders.handler;
  if (!handler.failureQueue) throw new Error('the inbound function has no failure queue');
  if (!feedback.failureQueue) throw new Error('the feedback function has no failure queue');
  if (!stack.sending.identity) throw new Error('no SES identity');
  if (!stack.inbound.activation) throw new Error('no rule set activation');
  functions = { inbound: handler, feedback, reminders };
  ids = {
    bucket: logicalIdOf(stack.rawMail.bucket),
    table: logicalIdOf(stack.cases.table),
    fn: logicalIdOf(handler.function),
    role: logicalIdOf(handler.role),
    logs: logicalIdOf(handler.logGroup),
    failureQueue: logicalIdOf(handler.failureQueue),
    identity: logicalIdOf(stack.sending.identity),
    activationFn: logicalIdOf(stack.inbound.activation.handler.function),
    activationRole: logicalIdOf(stack.inbound.activation.handler.role),
    activationLogs: logicalIdOf(stack.inbound.activation.handler.logGroup),
    configurationSet: logicalIdOf(stack.sending.configurationSet),
    ruleSet: logicalIdOf(stack.inbound.ruleSet),
    feedbackFn: logicalIdOf(feedback.function),
    feedbackRole: logicalIdOf(feedback.role),
    feedbackLogs: logicalIdOf(feedback.logGroup),
    feedbackQueue: logicalIdOf(feedback.failureQueue),
    feedbackRule: logicalIdOf(stack.feedback.rule),
    remindersFn: logicalIdOf(reminders.function),
    remindersRule: logicalIdOf(stack.reminders.rule),
  };
}, 180_000);

/** The rule ARN as the template spells it (environment-agnostic stack). */
function ruleArn(): string {
  const ruleSetName = bowout.stack.inbound.ruleSetName;
  return `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:receipt-rule-set/${ruleSetName}:receipt-rule/${RECEIPT_RULE_NAME}`;
}

interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DependsOn?: string[];
}

/** The one resource of a type, with its logical id; fails when there is not exactly one. */
function onlyResource(type: string): Resource & { logicalId: string } {
  const found = Object.entries(bowout.template.findResources(type));
  const [entry] = found;
  if (found.length !== 1 || !entry) throw new Error(`expected one ${type}, found ${found.length}`);
  return { logicalId: entry[0], ...(entry[1] as Resource) };
}

/** The one Lambda permission for the given function, with its logical id. */
function permissionOf(functionId: string): Resource & { logicalId: string } {
  const found = Object.entries(bowout.template.findResources('AWS::Lambda::Permission')).filter(
    ([, r]) =>
      JSON.stringify(r.Properties.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [functionId, 'Arn'] }),
  );
  const [entry] = found;
  if (found.length !== 1 || !entry) throw new Error(`expected one permission for ${functionId}`);
  return { logicalId: entry[0], ...(entry[1] as Resource) };
}

function resourceOf(logicalId: string): { Type: string; Properties: Record<string, unknown> } {
  const resource = bowout.template.toJSON().Resources[logicalId];
  if (!resource) throw new Error(`no resource ${logicalId}`);
  return resource;
}

/** The CDK Provider framework function that calls the activation handler, with its role and log group. */
function activationProvider(): { fn: string; role: string; logs: string } {
  const activation = bowout.stack.inbound.activation;
  const found = Object.entries(bowout.template.findResources('AWS::Lambda::Function')).filter(([id]) =>
    id.startsWith('InboundMailActivationProviderframeworkonEvent'),
  );
  const [entry] = found;
  if (!activation || found.length !== 1 || !entry)
    throw new Error('expected one Provider framework function');
  const role = logicalIdOf(activation.providerRole);
  expect(entry[1].Properties.Role).toEqual({ 'Fn::GetAtt': [role, 'Arn'] });
  return { fn: entry[0], role, logs: logicalIdOf(activation.providerLogs) };
}

describe('the SES receipt rule', () => {
  it('receives mail for every address at the domain, over TLS only, with spam and virus scanning', () => {
    bowout.template.resourceCountIs('AWS::SES::ReceiptRule', 1);
    bowout.template.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: { Ref: ids.ruleSet },
      Rule: Match.objectLike({
        Name: RECEIPT_RULE_NAME,
        Enabled: true,
        Recipients: ['bowout.example.com'],
        TlsPolicy: 'Require',
        ScanEnabled: true,
      }),
    });
  });

  it('first stores the raw message under inbound/, then invokes the inbound function asynchronously', () => {
    const actions = (onlyResource('AWS::SES::ReceiptRule').Properties.Rule as { Actions: unknown[] }).Actions;
    expect(actions).toEqual([
      { S3Action: { BucketName: { Ref: ids.bucket }, ObjectKeyPrefix: 'inbound/' } },
      { LambdaAction: { FunctionArn: { 'Fn::GetAtt': [ids.fn, 'Arn'] }, InvocationType: 'Event' } },
    ]);
  });

  it('is created only after SES may write to the bucket and invoke the function', () => {
    expect(onlyResource('AWS::SES::ReceiptRule').DependsOn).toEqual(
      expect.arrayContaining([
        permissionOf(ids.fn).logicalId,
        onlyResource('AWS::S3::BucketPolicy').logicalId,
      ]),
    );
  });

  it('lets only this rule of this account invoke the function', () => {
    const permission = permissionOf(ids.fn);
    expect(permission.Properties).toMatchObject({
      Action: 'lambda:InvokeFunction',
      Principal: 'ses.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    expect(render(permission.Properties.SourceArn)).toBe(ruleArn());
  });

  it('is activated by a custom resource once the rule exists, which goes first when the stack is deleted', () => {
    const activation = onlyResource(ACTIVATION_RESOURCE_TYPE);
    expect(activation.Properties).toEqual({
      ServiceToken: {
        'Fn::GetAtt': [expect.stringMatching(/^InboundMailActivationProviderframeworkonEvent/), 'Arn'],
      },
      RuleSetName: bowout.stack.inbound.ruleSetName,
    });
    // CloudFormation deletes in reverse order: the activation (deactivating) before the rule and its set.
    expect(activation.DependsOn).toContain(onlyResource('AWS::SES::ReceiptRule').logicalId);
    bowout.template.resourceCountIs('Custom::AWS', 0);
  });

  it('runs the activation handler through the Provider framework, which may only invoke it', () => {
    const provider = activationProvider();
    expect(permissionsOfRole(bowout.template, provider.role)).toEqual({
      'lambda:GetFunction': [`\${${ids.activationFn}.Arn}`],
      'lambda:InvokeFunction': [`\${${ids.activationFn}.Arn}`, `\${${ids.activationFn}.Arn}:*`],
      'logs:CreateLogStream': [`\${${provider.logs}.Arn}`],
      'logs:PutLogEvents': [`\${${provider.logs}.Arn}`],
    });
    expect(resourceOf(provider.fn).Properties).toMatchObject({
      Environment: { Variables: { USER_ON_EVENT_FUNCTION_ARN: { 'Fn::GetAtt': [ids.activationFn, 'Arn'] } } },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: provider.logs } },
    });
  });

  it('lets the activation handler read and set the active rule set, and write its logs, nothing else', () => {
    expect(permissionsOfRole(bowout.template, ids.activationRole)).toEqual({
      'logs:CreateLogStream': [`\${${ids.activationLogs}.Arn}`],
      'logs:PutLogEvents': [`\${${ids.activationLogs}.Arn}`],
      'ses:DescribeActiveReceiptRuleSet': ['*'],
      'ses:SetActiveReceiptRuleSet': ['*'],
    });
    // Called synchronously by the framework: no asynchronous retries, no failure queue.
    expect(
      Object.values(bowout.template.findResources('AWS::Lambda::EventInvokeConfig')).filter(
        (r) => JSON.stringify(r.Properties.FunctionName) === JSON.stringify({ Ref: ids.activationFn }),
      ),
    ).toEqual([]);
  });
});

describe('the case table', () => {
  it('is keyed by the shared TABLE_SCHEMA, with TTL, on-demand and point-in-time recovery', () => {
    bowout.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    bowout.template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
      ],
      TimeToLiveSpecification: { AttributeName: TABLE_SCHEMA.ttlAttribute, Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  it('has the sparse due-index over dueBucket and dueAt, keys only', () => {
    bowout.template.hasResourceProperties('AWS::DynamoDB::Table', {
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: TABLE_SCHEMA.dueIndex.partitionKey, AttributeType: 'S' },
        { AttributeName: TABLE_SCHEMA.dueIndex.sortKey, AttributeType: 'S' },
      ]),
      GlobalSecondaryIndexes: [
        {
          IndexName: TABLE_SCHEMA.dueIndex.name,
          KeySchema: [
            { AttributeName: 'dueBucket', KeyType: 'HASH' },
            { AttributeName: 'dueAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
    });
  });

  it('survives deletion of the stack', () => {
    bowout.template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('the raw-mail bucket', () => {
  it('is encrypted, private and retained when the stack is deleted', () => {
    bowout.template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      }),
    });
  });

  it('deletes raw messages under inbound/ after the configured retention', () => {
    bowout.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'inbound/', ExpirationInDays: 14, Status: 'Enabled' }),
        ]),
      },
    });
  });

  it('refuses every request that does not use TLS', () => {
    bowout.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('lets SES put objects only under inbound/, only for this account and this receipt rule', () => {
    const policy = onlyResource('AWS::S3::BucketPolicy');
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    const sesStatements = statements.filter((s) => JSON.stringify(s.Principal).includes('ses.amazonaws.com'));
    expect(sesStatements).toHaveLength(1);
    const [statement] = sesStatements;
    if (!statement) throw new Error('no SES statement');
    expect(statement).toMatchObject({ Effect: 'Allow', Action: 's3:PutObject' });
    expect(render(statement.Resource)).toBe(`\${${ids.bucket}.Arn}/inbound/*`);
    const equals = (statement.Condition as { StringEquals: Record<string, unknown> }).StringEquals;
    expect(equals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(render(equals['aws:SourceArn'])).toBe(ruleArn());
  });
});

describe('the inbound function', () => {
  it('has the measured size: 1,024 MB (CPU for the largest mail) and 30 s', () => {
    expect(resourceOf(ids.fn).Properties).toMatchObject({ MemorySize: 1024, Timeout: 30 });
  });

  it('gets exactly the environment functions/config.ts reads, plus the runtime defaults', () => {
    const variables = (resourceOf(ids.fn).Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;
    expect(variables).toEqual({
      BOWOUT_DOMAIN: 'bowout.example.com',
      SENDER_ADDRESS: 'send@bowout.example.com',
      TABLE_NAME: { Ref: ids.table },
      RAW_MAIL_BUCKET: { Ref: ids.bucket },
      RAW_MAIL_PREFIX: 'inbound/',
      SES_CONFIGURATION_SET: { Ref: ids.configurationSet },
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'bowout',
    });
  });

  it('may do exactly this, each on named resources: logs, failure queue, send mail, read raw mail, items', () => {
    const sesArn = `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}`;
    // Any identity (in the sandbox SES also checks the recipient's), but only from the sender address.
    const sendResources = [
      `${sesArn}:configuration-set/\${${ids.configurationSet}}`,
      `${sesArn}:identity/* if {"StringEquals":{"ses:FromAddress":"send@bowout.example.com"}}`,
    ];
    const tableResources = [`\${${ids.table}.Arn}`, `\${${ids.table}.Arn}/index/*`];
    expect(permissionsOfRole(bowout.template, ids.role)).toEqual(
      Object.fromEntries(
        [
          ['logs:CreateLogStream', [`\${${ids.logs}.Arn}`]],
          ['logs:PutLogEvents', [`\${${ids.logs}.Arn}`]],
          ['sqs:GetQueueAttributes', [`\${${ids.failureQueue}.Arn}`]],
          ['sqs:GetQueueUrl', [`\${${ids.failureQueue}.Arn}`]],
          ['sqs:SendMessage', [`\${${ids.failureQueue}.Arn}`]],
          ['ses:SendEmail', sendResources],
          ['s3:DeleteObject', [`\${${ids.bucket}.Arn}/inbound/*`]],
          ['s3:GetObject', [`\${${ids.bucket}.Arn}/inbound/*`]],
          // So that a missing message is a 404 NoSuchKey, not a 403 (S3 checks the key as s3:prefix).
          ['s3:ListBucket', [`\${${ids.bucket}.Arn} if {"StringLike":{"s3:prefix":"inbound/*"}}`]],
          ...CASE_TABLE_ACTIONS.map((action) => [action, tableResources]),
        ].sort(([a], [b]) => String(a).localeCompare(String(b))),
      ),
    );
    // Spelled out once more, so a change to the shared list shows up here too: what the adapters send, no
    // batches or transactions.
    expect([...CASE_TABLE_ACTIONS].sort()).toEqual([
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
  });

  it('sends from the domain identity with Easy DKIM, a MAIL FROM subdomain and the configuration set', () => {
    bowout.template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'bowout.example.com',
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      MailFromAttributes: { MailFromDomain: 'bounce.bowout.example.com' },
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: ids.configurationSet } },
    });
  });
});

describe('every function', () => {
  const each = () => Object.entries(functions).map(([name, fn]) => [name, fn] as const);
  const idsOf = (fn: BowoutFunction) => {
    if (!fn.failureQueue) throw new Error(`${fn.node.path} has no failure queue`);
    return {
      fn: logicalIdOf(fn.function),
      role: logicalIdOf(fn.role),
      logs: logicalIdOf(fn.logGroup),
      queue: logicalIdOf(fn.failureQueue),
    };
  };

  it('exists once per handler; the only others activate the receipt rule set at deploy time', () => {
    const others = Object.keys(bowout.template.findResources('AWS::Lambda::Function')).filter(
      (id) => ![ids.fn, ids.feedbackFn, ids.remindersFn].includes(id),
    );
    expect(others.sort()).toEqual([ids.activationFn, activationProvider().fn].sort());
  });

  it('runs Node.js 24 on ARM, logging JSON into its own log group kept for 30 days', () => {
    for (const [name, fn] of each()) {
      const { fn: fnId, logs } = idsOf(fn);
      expect(resourceOf(fnId).Properties, name).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logs } },
      });
      expect(resourceOf(logs).Properties, name).toMatchObject({ RetentionInDays: 30 });
    }
  });

  it('retries a failed invocation twice (a sweep never), then keeps it in its encrypted, TLS-only queue', () => {
    const retries: Record<string, number> = { inbound: 2, feedback: 2, reminders: 0 };
    for (const [name, fn] of each()) {
      const { fn: fnId, queue } = idsOf(fn);
      const configs = Object.values(bowout.template.findResources('AWS::Lambda::EventInvokeConfig')).filter(
        (r) => JSON.stringify(r.Properties.FunctionName) === JSON.stringify({ Ref: fnId }),
      );
      expect(
        configs.map((r) => r.Properties),
        name,
      ).toEqual([
        {
          FunctionName: { Ref: fnId },
          Qualifier: '$LATEST',
          MaximumRetryAttempts: retries[name],
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
        },
      ]);
      expect(resourceOf(queue).Properties, name).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      bowout.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: queue }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    }
  });

  /** The alarms whose metric (or one metric of whose expression) has exactly these dimensions. */
  const alarmsWith = (dimensions: unknown) => {
    const same = (d: unknown) => JSON.stringify(d) === JSON.stringify(dimensions);
    return Object.values(bowout.template.findResources('AWS::CloudWatch::Alarm'))
      .map((r) => r.Properties)
      .filter(
        (a) =>
          same(a.Dimensions) ||
          (a.Metrics as { MetricStat?: { Metric: { Dimensions?: unknown } } }[] | undefined)?.some((m) =>
            same(m.MetricStat?.Metric.Dimensions),
          ),
      );
  };
  const everyPeriod = {
    Period: 300,
    Statistic: 'Sum',
    Threshold: 1,
    EvaluationPeriods: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
  };

  it('raises an alarm in every five minutes with an error, with a throttle, and with an event sent to its queue', () => {
    for (const [name, fn] of each()) {
      const { fn: fnId, queue } = idsOf(fn);
      const byName = (a: Record<string, unknown>) => String(a.MetricName ?? 'expression');
      const functionAlarms = alarmsWith([{ Name: 'FunctionName', Value: { Ref: fnId } }]);
      expect(functionAlarms.map(byName).sort(), name).toEqual(
        name === 'inbound' ? ['Throttles', 'expression'] : ['Errors', 'Throttles'],
      );
      for (const alarm of functionAlarms.filter((a) => a.MetricName)) {
        expect(alarm, name).toMatchObject({ Namespace: 'AWS/Lambda', ...everyPeriod });
      }
      // Events sent into the queue per period, not its depth: a failed event stays 14 days, and an alarm on
      // the depth would stay in ALARM all that time and never notify of the next failure.
      expect(
        alarmsWith([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }]),
        name,
      ).toEqual([
        expect.objectContaining({ Namespace: 'AWS/SQS', MetricName: 'NumberOfMessagesSent', ...everyPeriod }),
      ]);
    }
  });

  it("leaves the inbound function's expected busy retries out of its errors alarm", () => {
    const [alarm] = alarmsWith([{ Name: 'FunctionName', Value: { Ref: ids.fn } }]).filter((a) => a.Metrics);
    const { Period, Statistic, ...thresholds } = everyPeriod;
    expect(alarm).toMatchObject(thresholds);
    expect(alarm?.Metrics).toEqual([
      {
        Id: 'expr_1',
        Label: 'Unexpected errors',
        Expression: 'errors - FILL(expected, 0)',
        ReturnData: true,
      },
      {
        Id: 'errors',
        ReturnData: false,
        MetricStat: {
          Metric: {
            Namespace: 'AWS/Lambda',
            MetricName: 'Errors',
            Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.fn } }],
          },
          Period,
          Stat: Statistic,
        },
      },
      {
        Id: 'expected',
        ReturnData: false,
        MetricStat: {
          Metric: { Namespace: 'Bowout', MetricName: 'InboundBusyRetries' },
          Period,
          Stat: Statistic,
        },
      },
    ]);
    // The count comes from the handler's own log line for a busy retry (the outcome it logs is shared).
    expect(BUSY_RETRIES_METRIC).toEqual({ namespace: 'Bowout', metricName: 'InboundBusyRetries' });
    bowout.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      LogGroupName: { Ref: ids.logs },
      FilterPattern: `{ $.outcome = "${BUSY_RETRY_OUTCOME}" }`,
      MetricTransformations: [
        { MetricNamespace: 'Bowout', MetricName: 'InboundBusyRetries', MetricValue: '1' },
      ],
    });
    bowout.template.resourceCountIs('AWS::Logs::MetricFilter', 1);
  });

  it('has a role of its own with no managed policies', () => {
    const roles = Object.values(functions).map((fn) => logicalIdOf(fn.role));
    expect(new Set(roles).size).toBe(roles.length);
    for (const role of roles) expect(resourceOf(role).Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('bounce and complaint feedback', () => {
  it('has the configuration set publish bounces and complaints to the default EventBridge bus', () => {
    const destination = onlyResource('AWS::SES::ConfigurationSetEventDestination');
    expect(destination.Properties.ConfigurationSetName).toEqual({ Ref: ids.configurationSet });
    const { EventDestination } = destination.Properties as {
      EventDestination: {
        Enabled: boolean;
        MatchingEventTypes: string[];
        EventBridgeDestination: { EventBusArn: unknown };
      };
    };
    expect(EventDestination.Enabled).toBe(true);
    expect([...EventDestination.MatchingEventTypes].sort()).toEqual(['bounce', 'complaint']);
    expect(render(EventDestination.EventBridgeDestination.EventBusArn)).toBe(
      `arn:\${AWS::Partition}:events:\${AWS::Region}:\${AWS::AccountId}:event-bus/default`,
    );
  });

  it('sends only SES bounces and complaints of this configuration set to the feedback function', () => {
    const rule = resourceOf(ids.feedbackRule).Properties;
    expect(rule.EventBusName).toBe('default');
    expect(rule.EventPattern).toEqual({
      source: ['aws.ses'],
      'detail-type': FEEDBACK_DETAIL_TYPES,
      detail: { mail: { tags: { 'ses:configuration-set': [{ Ref: ids.configurationSet }] } } },
    });
    expect(FEEDBACK_DETAIL_TYPES).toEqual(['Email Bounced', 'Email Complaint Received']);
  });

  it('retries delivery for up to six hours, then leaves the event in the function failure queue', () => {
    expect(resourceOf(ids.feedbackRule).Properties.Targets).toEqual([
      {
        Id: 'Target0',
        Arn: { 'Fn::GetAtt': [ids.feedbackFn, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 6 * 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [ids.feedbackQueue, 'Arn'] } },
      },
    ]);
  });

  it('lets only that rule invoke the function, and only that rule put into its queue', () => {
    expect(permissionOf(ids.feedbackFn).Properties).toEqual({
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [ids.feedbackFn, 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [ids.feedbackRule, 'Arn'] },
    });
    const policy = Object.values(bowout.template.findResources('AWS::SQS::QueuePolicy')).find(
      (r) => JSON.stringify(r.Properties.Queues) === JSON.stringify([{ Ref: ids.feedbackQueue }]),
    );
    if (!policy) throw new Error('no policy on the feedback queue');
    const allows = (policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]).filter(
      (statement) => statement.Effect === 'Allow',
    );
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 'sqs:SendMessage',
        Principal: { Service: 'events.amazonaws.com' },
        Resource: { 'Fn::GetAtt': [ids.feedbackQueue, 'Arn'] },
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ids.feedbackRule, 'Arn'] } } },
      }),
    ]);
  });

  it('has the measured size, 256 MB and 10 s, and only the table name in its environment', () => {
    const fn = resourceOf(ids.feedbackFn).Properties;
    expect(fn).toMatchObject({ MemorySize: 256, Timeout: 10 });
    expect((fn.Environment as { Variables: unknown }).Variables).toEqual({
      TABLE_NAME: { Ref: ids.table },
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'bowout',
    });
  });

  it('may write its logs, use its failure queue and update items of the table itself, nothing else', () => {
    expect(permissionsOfRole(bowout.template, ids.feedbackRole)).toEqual({
      'dynamodb:UpdateItem': [`\${${ids.table}.Arn}`],
      'logs:CreateLogStream': [`\${${ids.feedbackLogs}.Arn}`],
      'logs:PutLogEvents': [`\${${ids.feedbackLogs}.Arn}`],
      'sqs:GetQueueAttributes': [`\${${ids.feedbackQueue}.Arn}`],
      'sqs:GetQueueUrl': [`\${${ids.feedbackQueue}.Arn}`],
      'sqs:SendMessage': [`\${${ids.feedbackQueue}.Arn}`],
    });
  });

  it('keeps SES suppressing bounced and complaining addresses too, with reputation metrics on', () => {
    expect(resourceOf(ids.configurationSet).Properties).toMatchObject({
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
    });
  });
});

describe('the reminder sweep in the stack', () => {
  // The construct itself is checked in schedule.test.ts; here, that the stack runs it.
  it('runs every five minutes, invoking the sweep function with the stack configuration', () => {
    expect(resourceOf(ids.remindersRule).Properties).toMatchObject({
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [expect.objectContaining({ Arn: { 'Fn::GetAtt': [ids.remindersFn, 'Arn'] } })],
    });
    expect(resourceOf(ids.remindersFn).Properties.Environment).toEqual({
      Variables: expect.objectContaining({
        BOWOUT_DOMAIN: 'bowout.example.com',
        TABLE_NAME: { Ref: ids.table },
        SES_CONFIGURATION_SET: { Ref: ids.configurationSet },
      }),
    });
    bowout.template.resourceCountIs('AWS::Events::Rule', 2);
  });
});

describe('the SES reputation alarms', () => {
  it('fire when the account bounce rate reaches 5 % or its complaint rate 0.1 %', () => {
    for (const [metric, threshold] of [
      ['Reputation.BounceRate', 0.05],
      ['Reputation.ComplaintRate', 0.001],
    ] as const) {
      bowout.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SES',
        MetricName: metric,
        Statistic: 'Maximum',
        Period: 3600,
        Threshold: threshold,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        Dimensions: Match.absent(),
      });
    }
  });

  it('are, with the function alarms, all there is, and all notify the alarm topic even with no address', () => {
    const alarms = Object.values(bowout.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(3 * Object.keys(functions).length + 2);
    const topic = logicalIdOf(bowout.stack.alarms.topic);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.AlarmDescription.length).toBeGreaterThan(40);
    }
    bowout.template.resourceCountIs('AWS::SNS::Topic', 1);
    // Nobody subscribed yet: the topic's ARN is an output, for any subscription.
    bowout.template.resourceCountIs('AWS::SNS::Subscription', 0);
  });
});

describe('what the README tells users to look up', () => {
  const outputs = () =>
    Object.values(bowout.template.findOutputs('*')).map((o) => ({
      description: String(o.Description),
      value: render(o.Value),
    }));

  it('has the DNS records as stack outputs: the MX, three DKIM CNAMEs and the MAIL FROM MX and TXT', () => {
    expect(outputs()).toEqual(
      expect.arrayContaining([
        {
          description: 'Publish so that SES receives mail for the domain',
          value: `bowout.example.com MX 10 inbound-smtp.\${AWS::Region}.amazonaws.com`,
        },
        ...[1, 2, 3].map((n) => ({
          description: 'Publish as a CNAME record for Easy DKIM',
          value: `\${${ids.identity}.DkimDNSTokenName${n}} CNAME \${${ids.identity}.DkimDNSTokenValue${n}}`,
        })),
        {
          description: 'Publish for the custom MAIL FROM domain (SPF alignment)',
          value:
            `bounce.bowout.example.com MX 10 feedback-smtp.\${AWS::Region}.amazonses.com; ` +
            'bounce.bowout.example.com TXT "v=spf1 include:amazonses.com ~all"',
        },
      ]),
    );
    expect(outputs()).toHaveLength(6);
  });

  it('has the alarm topic as an output, to subscribe to', () => {
    expect(outputs()).toContainEqual({
      description: expect.stringMatching(/^Subscribe to this SNS topic/),
      value: `\${${logicalIdOf(bowout.stack.alarms.topic)}}`,
    });
  });

  it('is the stack named Bowout, whose inbound log group the README finds by its logical id', () => {
    expect(bowout.stack.stackName).toBe('Bowout');
    expect(ids.logs).toMatch(/^InboundMailHandlerLogs[0-9A-F]{8}$/);
  });
});

describe('the function bundles', () => {
  /** The staged asset directory of a function's code (named after the asset hash, like its S3 key). */
  function bundleDirectory(functionId: string): string {
    const code = resourceOf(functionId).Properties.Code as { S3Key: string };
    return path.join(bowout.assembly.directory, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
  }
  const bundles = () => [
    ['inbound', ids.fn],
    ['feedback', ids.feedbackFn],
    ['reminders', ids.remindersFn],
    ['activation', ids.activationFn],
  ];

  it('are minified ESM bundles with source maps, built by the local esbuild', () => {
    for (const [name, functionId = ''] of bundles()) {
      const directory = bundleDirectory(functionId);
      // A map with the mappings a stack trace needs, without copies of the sources (which made up most of
      // what Node reads at a cold start; see lib/bundling.ts).
      const map = JSON.parse(readFileSync(path.join(directory, 'index.mjs.map'), 'utf8')) as {
        mappings: string;
        sourcesContent?: unknown;
      };
      expect(map.mappings.length, name).toBeGreaterThan(1000);
      expect(map.sourcesContent, name).toBeUndefined();
      const code = readFileSync(path.join(directory, 'index.mjs'), 'utf8');
      expect(code, name).toMatch(/^import \{ createRequire as /);
      // Minified: a few very long lines rather than one statement per line.
      expect(code.split('\n').length, name).toBeLessThan(code.length / 1000);
      expect(code, name).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    }
  });

  // Four esbuild builds besides the synthesis: slow on a shared machine.
  it('are byte for byte what lib/bundling.ts builds, the bundles the bundle-parity tier tests', async () => {
    const entries: Record<string, string> = {
      inbound: INBOUND_HANDLER_ENTRY,
      feedback: FEEDBACK_HANDLER_ENTRY,
      reminders: SWEEP_HANDLER_ENTRY,
      activation: ACTIVATION_HANDLER_ENTRY,
    };
    const work = mkdtempSync(path.join(tmpdir(), 'bowout-bundling-'));
    try {
      for (const [name = '', functionId = ''] of bundles()) {
        const ours = await bundleEntry(entries[name] ?? '', path.join(work, name));
        const staged = readFileSync(path.join(bundleDirectory(functionId), 'index.mjs'));
        expect(staged.equals(readFileSync(ours)), name).toBe(true);
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);

  it('load in Node with exactly the environment the stack gives them and export the handler', () => {
    for (const [name, functionId = ''] of bundles()) {
      const variables = (
        resourceOf(functionId).Properties.Environment as { Variables: Record<string, unknown> }
      ).Variables;
      // References (bucket and table names) become placeholders; nothing is called, the module only loads.
      const environment = Object.fromEntries(
        Object.entries(variables).map(([variable, value]) => [
          variable,
          typeof value === 'string' ? value : `placeholder-${variable.toLowerCase()}`,
        ]),
      );
      const output = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '--eval',
          'const m = await import(process.argv[1]); console.log(typeof m.handler);',
          path.join(bundleDirectory(functionId), 'index.mjs'),
        ],
        {
          // Only what Lambda itself provides, plus the function's variables: a missing variable fails here.
          env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', ...environment },
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      expect(output.trim(), name).toBe('function');
    }
    // One Node process per bundle; slow when the machine is shared.
  }, 120_000);
});
