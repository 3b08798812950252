import { Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allPolicyStatements,
  asArray,
  type FoundStatement,
  logicalIdOf,
  render,
  type SynthesizedBowout,
  synthBowout,
} from './fixture.js';

/**
 * Actions AWS does not let a policy scope to a resource, so `Resource: *` is the only valid form. Each entry
 * says why; add one only with the IAM Service Authorization Reference showing no resource types.
 */
const UNSCOPABLE_ACTIONS: Record<string, string> = {
  // Receipt rule set operations in SES have no resource types (custom resource activating the rule set).
  'ses:DescribeActiveReceiptRuleSet': 'no resource-level permissions in SES',
  'ses:SetActiveReceiptRuleSet': 'no resource-level permissions in SES',
};

// One synthesis for the whole file, with an alarm address so the alarm topic is checked as well.
let bowout: SynthesizedBowout;
let statements: FoundStatement[];
afterAll(() => bowout?.cleanup());
// Synthesis bundles every function with esbuild and runs cdk-nag: slow on a shared machine.
beforeAll(() => {
  bowout = synthBowout({ alarmEmail: 'ops@example.com' });
  statements = allPolicyStatements(bowout.template);
}, 180_000);

describe('IAM in the whole template', () => {
  it('is found by the policy walker (identity and resource policies)', () => {
    const types = new Set(statements.map((found) => found.type));
    expect(types).toEqual(
      new Set([
        'AWS::IAM::Policy',
        'AWS::S3::BucketPolicy',
        'AWS::SQS::QueuePolicy',
        'AWS::SNS::TopicPolicy',
      ]),
    );
  });

  it('never allows the action `*` or any wildcard action', () => {
    const wildcardActions = statements
      .filter(({ statement }) => statement.Effect === 'Allow')
      .flatMap(({ holder, statement }) =>
        [...asArray(statement.Action), ...asArray(statement.NotAction)]
          .filter((action) => action.includes('*'))
          .map((action) => `${holder}: ${action}`),
      );
    expect(wildcardActions).toEqual([]);
  });

  it('never allows Resource `*`, except for the listed actions AWS cannot scope', () => {
    const unscoped = statements.filter(
      ({ statement }) =>
        statement.Effect === 'Allow' &&
        (statement.NotResource !== undefined || asArray(statement.Resource).some((r) => render(r) === '*')),
    );
    const notAllowed = unscoped.filter(({ statement }) =>
      asArray(statement.Action).some((action) => !(action in UNSCOPABLE_ACTIONS)),
    );
    expect(notAllowed.map(({ holder, statement }) => `${holder}: ${JSON.stringify(statement)}`)).toEqual([]);
    // The exception list stays honest: every entry is actually needed.
    const used = new Set(unscoped.flatMap(({ statement }) => asArray(statement.Action)));
    expect([...used].sort()).toEqual(Object.keys(UNSCOPABLE_ACTIONS).sort());
  });

  it('never allows anonymous principals in resource policies', () => {
    const anonymous = statements.filter(
      ({ statement }) =>
        statement.Effect === 'Allow' && JSON.stringify(statement.Principal ?? {}).includes('"*"'),
    );
    expect(anonymous).toEqual([]);
  });

  it('attaches no managed policies to any role (AWSLambdaBasicExecutionRole allows every log group)', () => {
    const roles = Object.values(bowout.template.findResources('AWS::IAM::Role'));
    expect(roles.length).toBeGreaterThanOrEqual(2);
    for (const role of roles) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('lets only the rule-set activation read and set the active rule set, and nothing else on `*`', () => {
    const activationPolicies = statements.filter(({ statement }) =>
      asArray(statement.Action).some((action) => action.endsWith('ActiveReceiptRuleSet')),
    );
    expect(activationPolicies.map(({ statement }) => statement)).toEqual([
      {
        Effect: 'Allow',
        Action: ['ses:DescribeActiveReceiptRuleSet', 'ses:SetActiveReceiptRuleSet'],
        Resource: '*',
      },
    ]);
  });
});

/** Every SES identity of the account and region, as cdk-nag names the resource. */
const SES_IDENTITIES = 'arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*';

interface AcknowledgedRule {
  path: string;
  id: string;
  reason: string;
}

function acknowledgedRules(root: IConstruct): AcknowledgedRule[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          // aws-cdk-lib records annotation-style ids with a prefix; cdk-nag compares without it.
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AWS Solutions checks', () => {
  it('report no unacknowledged error or warning', () => {
    // The plugin that synthesis ran (and would have failed on) is run again here to list what it finds.
    const report = new AwsSolutionsChecks().validateScope(bowout.app);
    expect(
      report.violations.map(
        (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources[0]?.constructPath}`,
      ),
    ).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('leave no CDK error or warning annotation either', () => {
    const annotations = Annotations.fromStack(bowout.stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });

  it('are acknowledged only where listed, each with a specific reason', () => {
    const ids = (construct: IConstruct) => logicalIdOf(construct);
    const { stack } = bowout;
    const handler = stack.inbound.handler;
    const rules = acknowledgedRules(bowout.app);
    expect(rules.map(({ path, id }) => `${path} ${id}`).sort()).toEqual(
      [
        `Bowout/RawMail/Bucket AwsSolutions-S1`,
        `Bowout/InboundMail/Handler/FailedInvocations AwsSolutions-SQS3`,
        `Bowout/InboundMail/Handler/Role AwsSolutions-IAM5[Resource::<${ids(stack.rawMail.bucket)}.Arn>/inbound/*]`,
        `Bowout/InboundMail/Handler/Role AwsSolutions-IAM5[Resource::<${ids(stack.cases.table)}.Arn>/index/*]`,
        `Bowout/InboundMail/Handler/Role AwsSolutions-IAM5[Resource::${SES_IDENTITIES}]`,
        `Bowout/InboundMail/Activation/Handler/Role AwsSolutions-IAM5[Resource::*]`,
        `Bowout/InboundMail/Activation/ProviderRole AwsSolutions-IAM5[Resource::<${ids(stack.inbound.activation?.handler.function ?? stack)}.Arn>:*]`,
        `Bowout/Feedback/Handler/FailedInvocations AwsSolutions-SQS3`,
        `Bowout/Reminders/Handler/FailedInvocations AwsSolutions-SQS3`,
        `Bowout/Reminders/Handler/Role AwsSolutions-IAM5[Resource::<${ids(stack.cases.table)}.Arn>/index/*]`,
        `Bowout/Reminders/Handler/Role AwsSolutions-IAM5[Resource::${SES_IDENTITIES}]`,
      ].sort(),
    );
    expect(handler.role.node.path).toBe('Bowout/InboundMail/Handler/Role');
    for (const { id, reason } of rules) {
      expect(reason.length, `reason for ${id}`).toBeGreaterThanOrEqual(60);
    }
    // One reason per finding, the same wherever the same construct repeats it (each function's queue and
    // runtime), and no reason copied to a different finding.
    const ruleIds = new Set(rules.map(({ id }) => id));
    for (const ruleId of ruleIds) {
      expect(new Set(rules.filter(({ id }) => id === ruleId).map(({ reason }) => reason)).size, ruleId).toBe(
        1,
      );
    }
    expect(new Set(rules.map(({ reason }) => reason)).size).toBe(ruleIds.size);
  });

  it('would report every acknowledged finding without its acknowledgement (none is stale)', () => {
    // cdk-nag has no switch to ignore acknowledgements, so its private check is replaced for this one run.
    const checks = new AwsSolutionsChecks();
    (checks as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
    const findings = checks
      .validateScope(bowout.app)
      .violations.flatMap((v) =>
        v.violatingResources.map((r) => ({ rule: v.ruleName, path: r.constructPath ?? '' })),
      );
    for (const { path, id } of acknowledgedRules(bowout.app)) {
      const covered = findings.filter(
        (f) => f.rule === id && (f.path === path || f.path.startsWith(`${path}/`)),
      );
      expect(covered, `${id} at ${path}`).not.toEqual([]);
    }
  });
});
