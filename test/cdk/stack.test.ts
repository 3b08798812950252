import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_SCHEMA } from '../../functions/adapters/table-schema.js';
import { CASE_TABLE_ACTIONS } from '../../lib/case-table.js';
import { RECEIPT_RULE_NAME } from '../../lib/inbound-mail.js';
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
  configurationSet: string;
  ruleSet: string;
};
afterAll(() => bowout?.cleanup());
beforeAll(() => {
  bowout = synthBowout({ rawMailRetentionDays: '14' });
  const { stack } = bowout;
  const handler = stack.inbound.handler;
  if (!handler.failureQueue) throw new Error('the inbound function has no failure queue');
  ids = {
    bucket: logicalIdOf(stack.rawMail.bucket),
    table: logicalIdOf(stack.cases.table),
    fn: logicalIdOf(handler.function),
    role: logicalIdOf(handler.role),
    logs: logicalIdOf(handler.logGroup),
    failureQueue: logicalIdOf(handler.failureQueue),
    identity: logicalIdOf(stack.sending.identity),
    configurationSet: logicalIdOf(stack.sending.configurationSet),
    ruleSet: logicalIdOf(stack.inbound.ruleSet),
  };
});

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

function resourceOf(logicalId: string): { Type: string; Properties: Record<string, unknown> } {
  const resource = bowout.template.toJSON().Resources[logicalId];
  if (!resource) throw new Error(`no resource ${logicalId}`);
  return resource;
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
        onlyResource('AWS::Lambda::Permission').logicalId,
        onlyResource('AWS::S3::BucketPolicy').logicalId,
      ]),
    );
  });

  it('lets only this rule of this account invoke the function', () => {
    const permission = onlyResource('AWS::Lambda::Permission');
    expect(permission.Properties).toMatchObject({
      Action: 'lambda:InvokeFunction',
      Principal: 'ses.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
      SourceAccount: { Ref: 'AWS::AccountId' },
    });
    expect(render(permission.Properties.SourceArn)).toBe(ruleArn());
  });

  it('is activated after the rule exists, and deactivated when the stack goes', () => {
    const activation = onlyResource('Custom::AWS');
    expect(activation.DependsOn).toContain(onlyResource('AWS::SES::ReceiptRule').logicalId);
    expect(JSON.parse(activation.Properties.Create as string)).toMatchObject({
      service: 'SES',
      action: 'setActiveReceiptRuleSet',
      parameters: { RuleSetName: bowout.stack.inbound.ruleSetName },
    });
    expect(JSON.parse(activation.Properties.Delete as string)).toMatchObject({
      action: 'setActiveReceiptRuleSet',
      parameters: {},
    });
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
  it('runs Node.js 22 on ARM with JSON logs, 512 MB and 30 s', () => {
    const fn = resourceOf(ids.fn);
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 30,
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: ids.logs } },
    });
    bowout.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
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
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'bowout',
    });
  });

  it('retries a failed invocation twice, then keeps it in an encrypted, TLS-only queue', () => {
    bowout.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: ids.fn },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ids.failureQueue, 'Arn'] } } },
    });
    expect(resourceOf(ids.failureQueue).Properties).toMatchObject({ SqsManagedSseEnabled: true });
    bowout.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: ids.failureQueue }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('raises an alarm as soon as a failed invocation waits in that queue', () => {
    bowout.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.failureQueue, 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('may do exactly this, each on named resources: logs, failure queue, send mail, read raw mail, items', () => {
    const sesArn = `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}`;
    const sendResources = [
      `${sesArn}:configuration-set/\${${ids.configurationSet}}`,
      `${sesArn}:identity/\${${ids.identity}}`,
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
          ['ses:SendRawEmail', sendResources],
          ['s3:GetObject', [`\${${ids.bucket}.Arn}/inbound/*`]],
          ...CASE_TABLE_ACTIONS.map((action) => [action, tableResources]),
        ].sort(([a], [b]) => String(a).localeCompare(String(b))),
      ),
    );
    // Spelled out once more, so a change to the shared list shows up here too.
    expect([...CASE_TABLE_ACTIONS].sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
  });

  it('has no managed policies attached to its role', () => {
    expect(resourceOf(ids.role).Properties.ManagedPolicyArns).toBeUndefined();
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

describe('the inbound function bundle', () => {
  /** The staged asset directory of the function's code (named after the asset hash, like its S3 key). */
  function bundleDirectory(): string {
    const code = resourceOf(ids.fn).Properties.Code as { S3Key: string };
    return path.join(bowout.assembly.directory, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
  }

  it('is an ESM bundle with a source map, built by the local esbuild', () => {
    expect(existsSync(path.join(bundleDirectory(), 'index.mjs'))).toBe(true);
    expect(existsSync(path.join(bundleDirectory(), 'index.mjs.map'))).toBe(true);
    expect(readFileSync(path.join(bundleDirectory(), 'index.mjs'), 'utf8')).toMatch(
      /^import \{ createRequire as /,
    );
    expect(resourceOf(ids.fn).Properties.Handler).toBe('index.handler');
  });

  it('loads in Node with exactly the environment the stack gives it and exports the handler', () => {
    const variables = (resourceOf(ids.fn).Properties.Environment as { Variables: Record<string, unknown> })
      .Variables;
    // References (bucket and table names) become placeholders; nothing is called, the module only loads.
    const environment = Object.fromEntries(
      Object.entries(variables).map(([name, value]) => [
        name,
        typeof value === 'string' ? value : `placeholder-${name.toLowerCase()}`,
      ]),
    );
    const output = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '--eval',
        'const m = await import(process.argv[1]); console.log(typeof m.handler);',
        path.join(bundleDirectory(), 'index.mjs'),
      ],
      {
        // Only what Lambda itself provides, plus the function's variables: a missing variable fails here.
        env: { PATH: process.env.PATH ?? '', AWS_REGION: 'eu-west-1', ...environment },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(output.trim()).toBe('function');
  });
});
