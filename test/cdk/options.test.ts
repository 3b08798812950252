import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBowoutStack, readBowoutConfig } from '../../lib/bowout-app.js';
import type { BowoutStack } from '../../lib/bowout-stack.js';
import { RECEIPT_RULE_NAME } from '../../lib/inbound-mail.js';
import { ACTIVATION_RESOURCE_TYPE } from '../../lib/receipt-rule-set-activation.js';
import { cdkJsonContext, logicalIdOf, permissionsOfRole, render } from './fixture.js';

/**
 * The path for an account that already receives mail and has the domain as an SES identity
 * (`-c receiptRuleSet=<its set> -c existingIdentity=true`), with every other switch set too, all in one
 * synthesis; no esbuild bundling, only the template matters here. The default path is in stack.test.ts.
 */
const SHARED_SET = 'helpdesk-receiving';
let app: App;
let stack: BowoutStack;
let template: Template;
let topicId: string;
const outdir = mkdtempSync(path.join(tmpdir(), 'bowout-cdk-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
// Synthesis with cdk-nag is slow on a shared machine.
beforeAll(() => {
  app = new App({
    outdir,
    context: {
      ...cdkJsonContext(),
      domain: 'mail.example.org',
      senderAddress: 'bowout@mail.example.org',
      alarmEmail: 'ops@example.net',
      tableDeletionProtection: 'false',
      receiptRuleSet: SHARED_SET,
      existingIdentity: 'true',
      'aws:cdk:bundling-stacks': [],
    },
  });
  stack = addBowoutStack(app, readBowoutConfig(app));
  // Throws if cdk-nag finds anything unacknowledged on this path.
  app.synth();
  template = Template.fromStack(stack);
  topicId = logicalIdOf(stack.alarms.topic);
}, 180_000);

const ruleArn = `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}:receipt-rule-set/${SHARED_SET}:receipt-rule/${RECEIPT_RULE_NAME}`;

describe('an account that already receives mail: -c receiptRuleSet=<name>', () => {
  it("adds Bowout's rule to that set, first in it, and leaves which set is active alone", () => {
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
    template.resourceCountIs(ACTIVATION_RESOURCE_TYPE, 0);
    template.resourceCountIs('Custom::AWS', 0);
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: SHARED_SET,
      // No After: SES puts the rule first, where no other rule's stop action comes before it.
      After: Match.absent(),
      Rule: Match.objectLike({ Name: RECEIPT_RULE_NAME, Recipients: ['mail.example.org'], Enabled: true }),
    });
  });

  it('deploys no deploy-time function: only the three handlers', () => {
    expect(Object.keys(template.findResources('AWS::Lambda::Function')).sort()).toEqual(
      [stack.inbound.handler, stack.feedback.handler, stack.reminders.handler]
        .map((handler) => logicalIdOf(handler.function))
        .sort(),
    );
    expect(stack.inbound.activation).toBeUndefined();
  });

  it('lets SES store mail and invoke the function only for the rule in that set', () => {
    const [policy] = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    const statements = (policy?.Properties.PolicyDocument.Statement ?? []) as Record<string, unknown>[];
    const sesStatement = statements.find((s) =>
      JSON.stringify(s.Principal).includes('ses.amazonaws.com'),
    ) as {
      Condition: { StringEquals: Record<string, unknown> };
    };
    expect(render(sesStatement.Condition.StringEquals['aws:SourceArn'])).toBe(ruleArn);
    const permission = Object.values(template.findResources('AWS::Lambda::Permission')).find(
      (r) => r.Properties.Principal === 'ses.amazonaws.com',
    );
    expect(render(permission?.Properties.SourceArn)).toBe(ruleArn);
  });
});

describe('a domain that is already an SES identity: -c existingIdentity=true', () => {
  it('creates no identity (CloudFormation would fail with "already exists") and asks for no DKIM records', () => {
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    expect(stack.sending.identity).toBeUndefined();
    const descriptions = Object.values(template.findOutputs('*')).map((o) => String(o.Description));
    expect(descriptions.sort()).toEqual([
      'Publish so that SES receives mail for the domain',
      expect.stringMatching(/^Subscribe to this SNS topic/),
    ]);
  });

  it('still creates the configuration set, and every sending function names it', () => {
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    const configurationSet = logicalIdOf(stack.sending.configurationSet);
    for (const handler of [stack.inbound.handler, stack.reminders.handler]) {
      expect(
        template.toJSON().Resources[logicalIdOf(handler.function)].Properties.Environment.Variables,
      ).toMatchObject({
        SES_CONFIGURATION_SET: { Ref: configurationSet },
        SENDER_ADDRESS: 'bowout@mail.example.org',
      });
    }
  });

  it('may send only from the configured sender address, through any identity and the configuration set', () => {
    const sesArn = `arn:\${AWS::Partition}:ses:\${AWS::Region}:\${AWS::AccountId}`;
    for (const handler of [stack.inbound.handler, stack.reminders.handler]) {
      expect(permissionsOfRole(template, logicalIdOf(handler.role))['ses:SendEmail']).toEqual([
        `${sesArn}:configuration-set/\${${logicalIdOf(stack.sending.configurationSet)}}`,
        `${sesArn}:identity/* if {"StringEquals":{"ses:FromAddress":"bowout@mail.example.org"}}`,
      ]);
    }
  });
});

describe('the other switches', () => {
  it('mails alarms to the alarm address through a TLS-only topic', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.net',
      TopicArn: { Ref: topicId },
    });
    // Every alarm: function errors, throttles, failure queues and SES reputation, firing and clearing.
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(11);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
    }
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('can turn off deletion protection of the table, which is still retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });

  it('passes the domain and sender address through to the functions and the receipt rule', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          BOWOUT_DOMAIN: 'mail.example.org',
          SENDER_ADDRESS: 'bowout@mail.example.org',
        }),
      },
    });
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({ Recipients: ['mail.example.org'] }),
    });
  });

  it('pass the AWS Solutions checks on this path too', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    expect(
      report.violations.map((v) => `${v.ruleName} at ${v.violatingResources[0]?.constructPath}`),
    ).toEqual([]);
  });
});
