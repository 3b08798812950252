import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as extract } from '../../local/cli/extract.js';
import { ConsoleMailer, InputError, mailboxHeader, withSender } from '../../local/console/mail-out.js';
import {
  renderSample,
  renderTemplate,
  SAMPLES,
  SampleError,
  sampleMoments,
} from '../../local/console/samples.js';
import { silentLog } from '../../local/log.js';
import { startSmtpInbound } from '../../local/smtp-inbound.js';

/**
 * What the console forwards. Its sample invites stay invites whenever they are tried: their dates are set
 * at forward time, and Bowout must read the same employer, role and interview time from them in winter
 * and in summer. Every forward is from the user, and a refusal by the mail server reaches the user.
 */

const USER = { name: 'Zoë Müller', address: 'zoe.mueller@example.com', zone: 'Europe/Berlin' };

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'bowout-samples-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function extractFacts(raw: string, name: string) {
  const file = join(folder, `${name}.eml`);
  await writeFile(file, withSender(Buffer.from(raw, 'utf8'), USER));
  const out: string[] = [];
  const err: string[] = [];
  const code = await extract.run([file], {
    env: {},
    cwd: folder,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  expect(err).toEqual([]);
  expect(code).toBe(0);
  return JSON.parse(out[0] ?? '{}');
}

const EXPECTED: Record<string, { email: string; company: string; role: string }> = {
  'gmail-pacific': {
    email: 'priya.natarajan@northwind-analytics.com',
    company: 'Northwind Analytics',
    role: 'Senior Data Engineer',
  },
  'greenhouse-calendar': { email: 'hannah.cole@fabrikam.com', company: 'Fabrikam', role: 'Staff Engineer' },
  'outlook-attached-reason': {
    email: 'maria.gonzalez@contoso.com',
    company: 'Contoso',
    role: 'Backend Engineer',
  },
  'outlook-web-german': {
    email: 'stefan.huber@donaupark-immobilien.at',
    company: 'Donaupark Immobilien',
    role: 'Senior Controller',
  },
};

// A winter and a summer day (daylight saving time differs), one of them a Friday so that "next week"
// days land on a weekend and are moved.
const FORWARD_TIMES = ['2027-01-15T09:30:00Z', '2027-07-02T16:45:00Z'];

describe('the sample invites', () => {
  it('are all listed once, each with a title and a description', () => {
    expect(new Set(SAMPLES.map((sample) => sample.id)).size).toBe(SAMPLES.length);
    expect(SAMPLES.filter((sample) => !EXPECTED[sample.id]).map((sample) => sample.id)).toEqual([
      'newsletter',
    ]);
    for (const sample of SAMPLES) {
      expect(sample.title.length).toBeGreaterThan(20);
      expect(sample.description).toMatch(/\.$/);
    }
  });

  for (const at of FORWARD_TIMES) {
    describe(`forwarded at ${at}`, () => {
      for (const sample of SAMPLES.filter((candidate) => EXPECTED[candidate.id])) {
        it(`${sample.id}: Bowout reads the employer, role and interview time the sample states`, async () => {
          const now = new Date(at);
          const raw = await renderSample(sample, { domain: 'bowout.localhost', user: USER, now });
          expect(raw).not.toContain('{{');
          const interview = sampleMoments(sample, now).get('interview');
          expect(interview && interview.weekday <= 5).toBe(true);
          expect(interview && interview.toMillis() > now.getTime()).toBe(true);

          const facts = await extractFacts(raw, `${sample.id}-${at.slice(0, 10)}`);
          const expected = EXPECTED[sample.id];
          expect(facts.employer).toMatchObject({ email: expected?.email, company: expected?.company });
          expect(facts.role).toBe(expected?.role);
          expect(facts.interview.start).toBe(interview?.toUTC().toISO());
          expect(facts.interview.certain).toBe(true);
          expect(facts.missing).toEqual([]);
        });
      }
    });
  }

  it('writes the forward as the user in their zone, with CRLF line ends', async () => {
    const sample = SAMPLES[0];
    if (!sample) throw new Error('no samples');
    const raw = await renderSample(sample, {
      domain: 'bowout.localhost',
      user: USER,
      now: new Date('2027-01-15T09:30:00Z'),
    });
    expect(raw).toContain('Date: Fri, 15 Jan 2027 10:30:00 +0100\r\n');
    expect(raw).toContain('To: cancel@bowout.localhost\r\n');
    expect(raw).toContain(`To: Zoë Müller <${USER.address}>`);
    expect(raw).toContain('Hi Zoë,');
    expect(raw.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('refuses a template with a placeholder it does not know', () => {
    const values = { domain: 'd', id: '1', user: USER, moments: new Map() };
    expect(() => renderTemplate('Date: {{yesterday:rfc2822}}', values)).toThrow(SampleError);
    expect(() => renderTemplate('Hi {{user.nickname}}', values)).toThrow(SampleError);
  });
});

describe("the forward's From", () => {
  const user = { name: 'Alex Rivera', address: 'alex@example.com' };

  it('replaces the From field, continuation lines included, and keeps every other byte', () => {
    const raw = Buffer.from(
      'From: "Someone, Else"\r\n <someone@elsewhere.example>\r\nSubject: Fwd: caf\xe9\r\n\r\nbody\xe9 From: x\r\n',
      'latin1',
    );
    expect(withSender(raw, user).toString('latin1')).toBe(
      'From: Alex Rivera <alex@example.com>\r\nSubject: Fwd: caf\xe9\r\n\r\nbody\xe9 From: x\r\n',
    );
  });

  it('adds a From field when there was none, with the line ends the message uses', () => {
    expect(withSender(Buffer.from('Subject: hi\n\nbody\n'), user).toString()).toBe(
      'From: Alex Rivera <alex@example.com>\nSubject: hi\n\nbody\n',
    );
  });

  it('gives a pasted body with no header block a header block of its own', () => {
    expect(withSender(Buffer.from('Dear Alex,\nsee you Monday'), user).toString()).toBe(
      'From: Alex Rivera <alex@example.com>\r\n\r\nDear Alex,\nsee you Monday',
    );
  });

  it('drops an mbox separator line', () => {
    expect(withSender(Buffer.from('From alex@example.com Mon Jan 1\nSubject: x\n\nb'), user).toString()).toBe(
      'From: Alex Rivera <alex@example.com>\nSubject: x\n\nb',
    );
  });

  it('quotes names with specials and encodes names that are not ASCII', () => {
    expect(mailboxHeader({ name: 'Rivera, Alex', address: 'a@x.example' })).toBe(
      '"Rivera, Alex" <a@x.example>',
    );
    expect(mailboxHeader({ name: 'Say "hi"', address: 'a@x.example' })).toBe('"Say \\"hi\\"" <a@x.example>');
    expect(mailboxHeader({ name: 'Zoë', address: 'a@x.example' })).toMatch(
      /^=\?UTF-8\?Q\?Zo=C3=AB\?= <a@x\.example>$/i,
    );
    expect(mailboxHeader({ name: '', address: 'a@x.example' })).toBe('a@x.example');
  });
});

describe("the console's mail client", () => {
  it('tells the user what the mail server said when it refuses a message for good', async () => {
    // A server for another domain refuses cancel@bowout.localhost with 550, as it would any relay.
    const smtp = await startSmtpInbound({
      host: '127.0.0.1',
      port: 0,
      domain: 'elsewhere.example',
      log: silentLog,
      receive: async () => 'never',
    });
    const mailer = new ConsoleMailer({ host: '127.0.0.1', port: smtp.port }, 'bowout.localhost');
    try {
      const refusal = await mailer
        .forward(Buffer.from('Subject: hi\r\n\r\nbody\r\n'), { name: '', address: 'a@example.com' })
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(InputError);
      expect((refusal as Error).message).toMatch(
        /^The local mail server refused it: 550 .*relay not permitted/,
      );
    } finally {
      mailer.close();
      await smtp.stop();
    }
  });
});
