import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { command } from '../../local/cli/extract.js';
import { FIXTURES } from '../support/mail.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { env: {}, cwd: process.cwd(), out: (l: string) => out.push(l), err: (l: string) => err.push(l) },
  };
}

describe('bowout extract', () => {
  it('prints one JSON object per file, in order, with the contract fields', async () => {
    const { out, err, io } = capture();
    const files = [`${FIXTURES}invites/calendar-invite.eml`, `${FIXTURES}invites/newsletter.eml`];
    expect(await command.run(files, io)).toBe(0);
    expect(err).toEqual([]);
    const [calendar, newsletter] = out.map((line) => JSON.parse(line));
    expect(Object.keys(calendar)).toEqual(['file', 'employer', 'role', 'interview', 'missing', 'uncertain']);
    expect(calendar).toEqual({
      file: files[0],
      employer: { name: 'Hannah Cole', email: 'hannah.cole@fabrikam.com', company: 'Fabrikam' },
      role: 'Staff Engineer',
      interview: {
        start: '2026-12-11T15:00:00.000Z',
        end: '2026-12-11T16:00:00.000Z',
        timezone: 'America/New_York',
        certain: true,
      },
      missing: [],
      uncertain: [],
    });
    expect(newsletter.interview).toEqual({ start: null, end: null, timezone: null, certain: false });
    expect(newsletter.missing).toContain('invite');
  });

  it('with --explain, prints the same JSON line, then where each fact about who came from and why it won', async () => {
    const file = `${FIXTURES}invites/lever-recruiter-line-name-paren-address.eml`;
    const plain = capture();
    await command.run([file], plain.io);
    const explained = capture();
    expect(await command.run(['--explain', file], explained.io)).toBe(0);
    expect(explained.out[0]).toBe(plain.out[0]);
    const lines = explained.out.slice(1);
    expect(lines.every((line) => line.startsWith('  '))).toBe(true);
    const text = lines.join('\n');
    expect(text).toContain('employer.email: "aisha.bello@quarrystone.com"');
    expect(text).toMatch(/why: text\.contact/);
    expect(text).toMatch(/out\s+sender\s+"no-reply@hire\.lever\.co".*nobody reads it/);
    expect(text).toContain('employer.company: "Quarrystone"');
    expect(text).toContain('role: "Senior Buyer"');
  });

  it('with --explain, says why a message is no invite', async () => {
    const { out, io } = capture();
    await command.run(['--explain', `${FIXTURES}invites/bowout-draft-forwarded-back.eml`], io);
    expect(out[1]).toBe("  not an invite: Bowout's own mail forwarded back");
  });

  it('gives an unreadable file one line on stderr and a non-zero exit, and still reports the others', async () => {
    const { out, err, io } = capture();
    const code = await command.run(
      [`${FIXTURES}invites/not-mime.eml`, `${FIXTURES}invites/gmail-inline.eml`, '/no/such/file.eml'],
      io,
    );
    expect(code).toBe(1);
    expect(out).toHaveLength(1);
    expect(err).toHaveLength(2);
    expect(err.every((line) => !line.includes('\n'))).toBe(true);
  });

  it('works through npm run as the contract says', async () => {
    const { stdout } = await promisify(execFile)(
      'npm',
      ['run', '--silent', 'bowout', '--', 'extract', `${FIXTURES}invites/gmail-inline.eml`],
      {
        cwd: new URL('../..', import.meta.url).pathname,
      },
    );
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '{}').employer.email).toBe('priya.natarajan@northwind-analytics.com');
  });
});
