import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_TABLE_ACTIONS, CaseTable } from '../../lib/case-table.js';
import { MailSending } from '../../lib/mail-sending.js';
import { RawMailBucket } from '../../lib/raw-mail-bucket.js';
import { ReminderSchedule } from '../../lib/reminder-schedule.js';
import { logicalIdOf, permissionsOfRole } from './fixture.js';

/** The reminder schedule construct on its own, without bundling: only the template matters here. */
const outdir = mkdtempSync(path.join(tmpdir(), 'bowout-cdk-'));
let app: App;
let template: Template;
let schedule: ReminderSchedule;
let ids: Record<'fn' | 'role' | 'logs' | 'queue' | 'rule' | 'table' | 'bucket' | 'configurationSet', string>;
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
beforeAll(() => {
  app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'ScheduleTest');
  const cases = new CaseTable(stack, 'Cases');
  const sending = new MailSending(stack, 'Sending', {
    domain: 'bowout.example.com',
    senderAddress: 'send@bowout.example.com',
  });
  const rawMail = new RawMailBucket(stack, 'RawMail', { retentionDays: 30 });
  schedule = new ReminderSchedule(stack, 'Reminders', {
    domain: 'bowout.example.com',
    senderAddress: 'send@bowout.example.com',
    cases,
    sending,
    rawMail,
  });
  app.synth();
  template = Template.fromStack(stack);
  const { handler } = schedule;
  if (!handler.failureQueue) throw new Error('the sweep function has no failure queue');
  ids = {
    fn: logicalIdOf(handler.function),
    role: logicalIdOf(handler.role),
    logs: logicalIdOf(handler.logGroup),
    queue: logicalIdOf(handler.failureQueue),
    rule: logicalIdOf(schedule.rule),
    table: logicalIdOf(cases.table),
    bucket: logicalIdOf(rawMail.bucket),
    configurationSet: logicalIdOf(sending.configurationSet),
  };
}, 120_000);

const propertiesOf = (logicalId: string) =>
  (template.toJSON().Resources[logicalId] as { Properties: Record<string, unknown> }).Properties;

describe('the reminder schedule', () => {
  it('runs the sweep every five minutes through an EventBridge rule', () => {
    expect(propertiesOf(ids.rule)).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED' });
  });

  it('targets the sweep function, retries delivery briefly and keeps undeliverable events', () => {
    expect(propertiesOf(ids.rule).Targets).toEqual([
      {
        Id: 'Target0',
        Arn: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 300 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [ids.queue, 'Arn'] } },
      },
    ]);
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': [ids.rule, 'Arn'] },
    });
  });

  it('does not retry a failed sweep (the next one is five minutes away) but records it', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: ids.fn },
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [ids.queue, 'Arn'] } } },
    });
  });

  it('runs Node.js 24 on ARM with JSON logs, has the measured size, and ends before the next sweep', () => {
    expect(propertiesOf(ids.fn)).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 1024,
      Timeout: 120,
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: ids.logs } },
    });
    expect(propertiesOf(ids.fn).Timeout).toBeLessThan(300);
  });

  it('gets the domain, sender, table and configuration set, and the bucket name config.ts requires', () => {
    expect((propertiesOf(ids.fn).Environment as { Variables: unknown }).Variables).toEqual({
      BOWOUT_DOMAIN: 'bowout.example.com',
      SENDER_ADDRESS: 'send@bowout.example.com',
      TABLE_NAME: { Ref: ids.table },
      SES_CONFIGURATION_SET: { Ref: ids.configurationSet },
      RAW_MAIL_BUCKET: { Ref: ids.bucket },
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'bowout',
    });
  });

  it('may send mail, use the table and its due-index, write its logs and use its queue; no raw mail', () => {
    const sesArn = `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}`;
    const sendResources = [
      `${sesArn}:configuration-set/\${${ids.configurationSet}}`,
      `${sesArn}:identity/* if {"StringEquals":{"ses:FromAddress":"send@bowout.example.com"}}`,
    ];
    const tableResources = [`\${${ids.table}.Arn}`, `\${${ids.table}.Arn}/index/*`];
    expect(permissionsOfRole(template, ids.role)).toEqual(
      Object.fromEntries(
        [
          ['logs:CreateLogStream', [`\${${ids.logs}.Arn}`]],
          ['logs:PutLogEvents', [`\${${ids.logs}.Arn}`]],
          ['sqs:GetQueueAttributes', [`\${${ids.queue}.Arn}`]],
          ['sqs:GetQueueUrl', [`\${${ids.queue}.Arn}`]],
          ['sqs:SendMessage', [`\${${ids.queue}.Arn}`]],
          ['ses:SendEmail', sendResources],
          ...CASE_TABLE_ACTIONS.map((action) => [action, tableResources]),
        ].sort(([a], [b]) => String(a).localeCompare(String(b))),
      ),
    );
  });

  it('passes the AWS Solutions checks with only the acknowledgements every Bowout function has', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(
      report.violations.map((v) => `${v.ruleName} at ${v.violatingResources[0]?.constructPath}`),
    ).toEqual([]);
  });
});
