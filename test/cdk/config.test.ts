import { execFile } from 'node:child_process';
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
      activateReceiptRuleSet: true,
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
        activateReceiptRuleSet: 'false',
      }),
    ).toEqual({
      domain: 'mail.example.org',
      senderAddress: 'noreply@mail.example.org',
      rawMailRetentionDays: 7,
      alarmEmail: 'ops@example.net',
      tableDeletionProtection: false,
      activateReceiptRuleSet: false,
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

  it('rejects a malformed alarm address and non-boolean switches', () => {
    const message = problemsOf({
      domain: 'bowout.example.com',
      alarmEmail: 'ops',
      tableDeletionProtection: 'yes',
    });
    expect(message).toMatch(/alarmEmail is not an email address: "ops"/);
    expect(message).toMatch(/tableDeletionProtection must be true or false, got "yes"/);
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
  });
});
