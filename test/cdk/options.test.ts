import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBowoutStack, readBowoutConfig } from '../../lib/bowout-app.js';
import { logicalIdOf } from './fixture.js';

// The non-default switches, all in one synthesis; no esbuild bundling, only the template matters here.
let template: Template;
let topicId: string;
const outdir = mkdtempSync(path.join(tmpdir(), 'bowout-cdk-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));
// Synthesis with cdk-nag is slow on a shared machine.
beforeAll(() => {
  const app = new App({
    outdir,
    context: {
      domain: 'mail.example.org',
      senderAddress: 'bowout@mail.example.org',
      alarmEmail: 'ops@example.net',
      tableDeletionProtection: 'false',
      activateReceiptRuleSet: 'false',
      'aws:cdk:bundling-stacks': [],
    },
  });
  const stack = addBowoutStack(app, readBowoutConfig(app));
  app.synth();
  template = Template.fromStack(stack);
  if (!stack.alarms.topic) throw new Error('no alarm topic');
  topicId = logicalIdOf(stack.alarms.topic);
}, 180_000);

describe('context switches', () => {
  it('mails alarms to the alarm address through a TLS-only topic', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.net',
      TopicArn: { Ref: topicId },
    });
    // Every alarm: function errors, failure queues and SES reputation, both when it fires and when it clears.
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(8);
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

  it('can leave the receipt rule set inactive, for accounts that already receive mail elsewhere', () => {
    template.resourceCountIs('Custom::AWS', 0);
    template.resourceCountIs('AWS::SES::ReceiptRuleSet', 1);
  });

  it('can turn off deletion protection of the table, which is still retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
  });

  it('passes the domain and sender address through to the function and the SES identity', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          BOWOUT_DOMAIN: 'mail.example.org',
          SENDER_ADDRESS: 'bowout@mail.example.org',
        }),
      },
    });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'mail.example.org' });
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      Rule: Match.objectLike({ Recipients: ['mail.example.org'] }),
    });
  });
});
