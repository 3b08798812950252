import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { addBowoutStack, readBowoutConfig } from '../../lib/bowout-app.js';
import type { BowoutStack } from '../../lib/bowout-stack.js';
import { PROJECT_ROOT } from '../../lib/bundling.js';

export interface SynthesizedBowout {
  app: App;
  stack: BowoutStack;
  template: Template;
  assembly: CloudAssembly;
  /** Removes the cloud assembly (with the bundle) from the temporary directory. */
  cleanup: () => void;
}

/** The feature flags from cdk.json, so tests synthesize the same template `cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/**
 * Builds and synthesizes the Bowout app the way bin/app.ts does (same context parsing, same cdk-nag
 * plugin), environment-agnostic. Expensive (it bundles with esbuild): call it once per test file.
 */
export function synthBowout(context: Record<string, unknown> = {}): SynthesizedBowout {
  const outdir = mkdtempSync(path.join(tmpdir(), 'bowout-cdk-'));
  const app = new App({ outdir, context: { ...cdkJsonContext(), domain: 'bowout.example.com', ...context } });
  const stack = addBowoutStack(app, readBowoutConfig(app));
  const assembly = app.synth();
  const cleanup = () => rmSync(outdir, { recursive: true, force: true });
  return { app, stack, template: Template.fromStack(stack), assembly, cleanup };
}

/** The logical id of a CloudFormation element, or of an L2 construct's main resource. */
export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return String(Stack.of(construct).resolve(element.logicalId));
}

/**
 * Renders a CloudFormation value as readable text: `{Ref: X}` becomes `${X}`, `{Fn::GetAtt: [X, Arn]}`
 * becomes `${X.Arn}` and `Fn::Join` is joined, so an ARN can be compared with one string.
 */
export function render(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    const [key, argument] = entries[0] ?? [];
    if (entries.length === 1) {
      if (key === 'Ref') return `\${${String(argument)}}`;
      if (key === 'Fn::GetAtt' && Array.isArray(argument)) return `\${${argument.join('.')}}`;
      if (key === 'Fn::Join' && Array.isArray(argument)) {
        const [separator, parts] = argument as [string, unknown[]];
        return parts.map(render).join(separator);
      }
    }
  }
  return JSON.stringify(value);
}

export function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Principal?: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

export interface FoundStatement {
  /** Logical id of the resource that holds the policy. */
  holder: string;
  type: string;
  statement: PolicyStatement;
}

const POLICY_DOCUMENT_PATHS: Record<string, (properties: Record<string, unknown>) => unknown[]> = {
  'AWS::IAM::Policy': (p) => [p.PolicyDocument],
  'AWS::IAM::ManagedPolicy': (p) => [p.PolicyDocument],
  'AWS::IAM::Role': (p) => asArray(p.Policies as { PolicyDocument: unknown }[]).map((x) => x.PolicyDocument),
  'AWS::S3::BucketPolicy': (p) => [p.PolicyDocument],
  'AWS::SQS::QueuePolicy': (p) => [p.PolicyDocument],
  'AWS::SNS::TopicPolicy': (p) => [p.PolicyDocument],
};

/** Every statement of every identity and resource policy in the template. */
export function allPolicyStatements(template: Template): FoundStatement[] {
  const found: FoundStatement[] = [];
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties?: Record<string, unknown> }
  >;
  for (const [holder, resource] of Object.entries(resources)) {
    const documents = POLICY_DOCUMENT_PATHS[resource.Type]?.(resource.Properties ?? {}) ?? [];
    for (const document of documents) {
      for (const statement of asArray(
        (document as { Statement?: PolicyStatement[] } | undefined)?.Statement,
      )) {
        found.push({ holder, type: resource.Type, statement });
      }
    }
  }
  return found;
}

/**
 * What a role may do: each allowed action with the rendered resources it applies to, merged over all the
 * identity policies attached to the role (so the result does not depend on how CDK groups statements).
 * A statement's condition follows its resources as ` if <condition JSON>`, so no condition goes unseen.
 */
export function permissionsOfRole(template: Template, roleLogicalId: string): Record<string, string[]> {
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties?: Record<string, unknown> }
  >;
  const permissions: Record<string, Set<string>> = {};
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const roles = asArray(resource.Properties?.Roles as unknown[]).map(render);
    if (!roles.includes(`\${${roleLogicalId}}`)) continue;
    const document = resource.Properties?.PolicyDocument as { Statement: PolicyStatement[] };
    for (const statement of document.Statement) {
      if (statement.Effect !== 'Allow') continue;
      const condition = statement.Condition ? ` if ${JSON.stringify(statement.Condition)}` : '';
      for (const action of asArray(statement.Action)) {
        const arns = permissions[action] ?? new Set<string>();
        for (const arn of asArray(statement.Resource)) arns.add(`${render(arn)}${condition}`);
        permissions[action] = arns;
      }
    }
  }
  return Object.fromEntries(
    Object.entries(permissions)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([action, arns]) => [action, [...arns].sort()]),
  );
}
