import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../lib/bundling.js';
import { ContextError, parseBowoutContext } from '../../lib/config.js';

function problemsOf(context: Record<string, unknown>): string {
  try {
    parseBowoutContext(context);
  } catch (error) {
    expect(error).toBeInstanceOf(ContextError);
    return (error as Error).message;
  }
  throw new Error('expected a ContextError');
}

describe('CDK context', () => {
  it('applies the defaults when only the domain is given', () => {
    expect(parseBowoutContext({ domain: 'bowout.example.com' })).toEqual({
      domain: 'bowout.example.com',
      senderAddress: 'send@bowout.example.com',
      rawMailRetentionDays: 30,
      tableDeletionProtection: true,
      existingIdentity: false,
    });
  });

  it('takes every value as the string `-c key=value` gives', () => {
    expect(
      parseBowoutContext({
        domain: 'mail.example.org',
        senderAddress: 'noreply@mail.example.org',
        rawMailRetentionDays: '7',
        alarmEmail: 'ops@example.net',
        tableDeletionProtection: 'false',
        receiptRuleSet: 'helpdesk-receiving',
        existingIdentity: 'true',
      }),
    ).toEqual({
      domain: 'mail.example.org',
      senderAddress: 'noreply@mail.example.org',
      rawMailRetentionDays: 7,
      alarmEmail: 'ops@example.net',
      tableDeletionProtection: false,
      receiptRuleSet: 'helpdesk-receiving',
      existingIdentity: true,
    });
  });

  it('takes JSON numbers and booleans as cdk.json gives them', () => {
    const config = parseBowoutContext({
      domain: 'bowout.example.com',
      rawMailRetentionDays: 90,
      tableDeletionProtection: false,
    });
    expect(config.rawMailRetentionDays).toBe(90);
    expect(config.tableDeletionProtection).toBe(false);
  });

  it('refuses to run without a domain and says how to pass one', () => {
    expect(problemsOf({})).toMatch(/domain is required: pass -c domain=/);
    expect(problemsOf({ domain: '   ' })).toMatch(/domain is required/);
  });

  it.each([
    ['Bowout.Example.com', /domain must be lower-case: use "bowout.example.com"/],
    ['localhost', /not a valid DNS name/],
    ['bowout..example.com', /not a valid DNS name/],
    ['-bowout.example.com', /not a valid DNS name/],
    ['bowout.example.com.', /not a valid DNS name/],
    ['192.168.0.1', /not a valid DNS name/],
    ['https://bowout.example.com', /not a valid DNS name/],
  ])('rejects the domain %s with a clear reason', (domain, reason) => {
    expect(problemsOf({ domain })).toMatch(reason);
  });

  it('rejects a sender address at another domain, because SES only sends from the stack identity', () => {
    expect(problemsOf({ domain: 'bowout.example.com', senderAddress: 'send@other.example.com' })).toMatch(
      /senderAddress must be an address at bowout\.example\.com, got "send@other\.example\.com"/,
    );
    expect(
      problemsOf({ domain: 'bowout.example.com', senderAddress: 'send@sub.bowout.example.com' }),
    ).toMatch(/senderAddress must be an address at bowout\.example\.com/);
  });

  it.each([
    'send',
    '@bowout.example.com',
    'a b@bowout.example.com',
    'send@@bowout.example.com',
    'x..y@bowout.example.com',
  ])('rejects the malformed sender address %s', (senderAddress) => {
    expect(problemsOf({ domain: 'bowout.example.com', senderAddress })).toMatch(
      /senderAddress is not an email address/,
    );
  });

  it.each(['0', '-3', '1.5', 'thirty', '030'])('rejects a raw-mail retention of %s days', (days) => {
    expect(problemsOf({ domain: 'bowout.example.com', rawMailRetentionDays: days })).toMatch(
      /rawMailRetentionDays must be a positive whole number of days/,
    );
  });

  it.each(['default_rule_set', 'INBOUND-2024', 'legacy.rules', 'a'])(
    'takes the existing receipt rule set %s as SES names it',
    (receiptRuleSet) => {
      expect(parseBowoutContext({ domain: 'bowout.example.com', receiptRuleSet }).receiptRuleSet).toBe(
        receiptRuleSet,
      );
    },
  );

  it.each(['-rules', 'rules-', 'my rules', 'rules/inbound', 'x'.repeat(65)])(
    'rejects the receipt rule set name %s and says where to find the real one',
    (receiptRuleSet) => {
      expect(problemsOf({ domain: 'bowout.example.com', receiptRuleSet })).toMatch(
        /receiptRuleSet is not an SES receipt rule set name: .*\(see aws ses list-receipt-rule-sets\)/,
      );
    },
  );

  it('says what replaces the retired activateReceiptRuleSet switch instead of ignoring it', () => {
    expect(problemsOf({ domain: 'bowout.example.com', activateReceiptRuleSet: 'false' })).toMatch(
      /activateReceiptRuleSet is no longer read: .* pass -c receiptRuleSet=<its name>/,
    );
  });

  it('rejects a malformed alarm address and non-boolean switches', () => {
    const message = problemsOf({
      domain: 'bowout.example.com',
      alarmEmail: 'ops',
      tableDeletionProtection: 'yes',
      existingIdentity: '1',
    });
    expect(message).toMatch(/alarmEmail is not an email address: "ops"/);
    expect(message).toMatch(/tableDeletionProtection must be true or false, got "yes"/);
    expect(message).toMatch(/existingIdentity must be true or false, got "1"/);
  });

  it('lists every problem at once, so one failed synth is enough to fix them all', () => {
    const message = problemsOf({ senderAddress: 'x', rawMailRetentionDays: 'never', alarmEmail: 'nobody' });
    expect(message.split('\n')).toEqual([
      'Invalid CDK context:',
      expect.stringContaining('domain is required'),
      expect.stringContaining('rawMailRetentionDays'),
      expect.stringContaining('alarmEmail'),
    ]);
  });

  it('makes the CDK app exit with the list of problems instead of a stack trace', async () => {
    const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
    const run = promisify(execFile)(tsx, ['bin/app.ts'], {
      cwd: PROJECT_ROOT,
      // How the CDK CLI hands context to the app; no domain in it.
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ rawMailRetentionDays: '0' }) },
    });
    const failure = await run.then(
      () => expect.fail('the app should have exited with an error'),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('Invalid CDK context:\n  - domain is required: pass -c domain=');
    expect(failure.stderr).toContain('rawMailRetentionDays must be a positive whole number of days, got "0"');
    expect(failure.stderr).not.toMatch(/\n\s+at /);
    // Starts the CDK app in tsx; slow when the machine is shared.
  }, 120_000);
});

describe('cdk.json', () => {
  it('carries the feature flags cdk init writes for the installed aws-cdk-lib, with the same values', () => {
    const recommended = JSON.parse(
      readFileSync(
        path.join(PROJECT_ROOT, 'node_modules/aws-cdk-lib/recommended-feature-flags.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
      context: Record<string, unknown>;
    };
    expect(Object.keys(recommended).length).toBeGreaterThan(50);
    // After an aws-cdk-lib upgrade this lists the flags to add (`cdk flags --unstable=flags` shows them too).
    expect(cdkJson.context).toEqual(expect.objectContaining(recommended));
  });
});
