import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { addBowoutStack, readBowoutConfig } from '../../lib/bowout-app.js';
import { cdkJsonContext } from './fixture.js';

describe('the cdk-nag gate', () => {
  it('fails synthesis on a finding nobody acknowledged', () => {
    // No esbuild bundling: this only checks that the app registers cdk-nag so that findings stop synthesis.
    const outdir = mkdtempSync(path.join(tmpdir(), 'bowout-cdk-'));
    onTestFinished(() => rmSync(outdir, { recursive: true, force: true }));
    const app = new App({
      outdir,
      context: { ...cdkJsonContext(), domain: 'bowout.example.com', 'aws:cdk:bundling-stacks': [] },
    });
    const stack = addBowoutStack(app, readBowoutConfig(app));
    new s3.Bucket(stack, 'Unchecked', { enforceSSL: true });
    let report = '';
    try {
      app.synth();
    } catch (error) {
      report = (error as Error).message;
    }
    expect(report).toMatch(/AwsSolutions-S1/);
    expect(report).toMatch(/Bowout\/Unchecked\//);
    // Only the planted bucket: the Bowout stack itself passes.
    expect(report.match(/^ERROR /gm)).toHaveLength(1);
    // Synthesis of the whole stack, without bundling; slow when the machine is shared.
  }, 120_000);

  it('passes for a stack with an account and region, as `cdk synth` and `cdk deploy` build it', () => {
    // The CLI gives the app CDK_DEFAULT_ACCOUNT and CDK_DEFAULT_REGION: ARNs in findings then name the region,
    // and an acknowledgement written for the environment-agnostic stack alone would no longer match.
    const outdir = mkdtempSync(path.join(tmpdir(), 'bowout-cdk-'));
    onTestFinished(() => rmSync(outdir, { recursive: true, force: true }));
    for (const receiptRuleSet of [undefined, 'helpdesk-receiving']) {
      const app = new App({
        outdir,
        context: {
          ...cdkJsonContext(),
          domain: 'bowout.example.com',
          ...(receiptRuleSet ? { receiptRuleSet } : {}),
          'aws:cdk:bundling-stacks': [],
        },
      });
      addBowoutStack(app, readBowoutConfig(app), { account: '111111111111', region: 'eu-west-1' });
      expect(() => app.synth(), receiptRuleSet ?? 'own rule set').not.toThrow();
    }
  }, 180_000);
});
