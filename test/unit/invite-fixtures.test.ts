import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UnreadableMailError } from '../../functions/domain/errors.js';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import { FIXTURES, fixture } from '../support/mail.js';

/**
 * The invite fixture set: every `.eml` under test/fixtures/invites/ with the facts a careful human reads
 * from it (test/fixtures/invites/expected.json), checked through the same code `bowout extract` runs.
 * The expectations are the truth, worked out by hand; they are never bent to match the code.
 */

/** A field whose value is a judgment call (see the entry's notes) is marked "any" and not compared. */
const ANY = 'any';

/** A name a careful reader may write in either of its forms (its own script, its English name) lists them. */
interface OneOf {
  oneOf: string[];
}
const isOneOf = (value: unknown): value is OneOf =>
  typeof value === 'object' && value !== null && Array.isArray((value as Partial<OneOf>).oneOf);

interface ExpectedFacts {
  employer: { name: string | null; email: string | null; company: string | OneOf | null };
  role: string | null;
  interview: { start: string | null; end: string | null; timezone: string | null; certain: boolean | string };
  missing: string[];
  notes?: string;
}

interface ExpectedUnreadable {
  unreadable: true;
  notes?: string;
}

type Expected = ExpectedFacts | ExpectedUnreadable;

const DIRECTORY = `${FIXTURES}invites/`;
const expected = JSON.parse(readFileSync(`${DIRECTORY}expected.json`, 'utf8')) as Record<string, Expected>;

/** What `bowout extract` prints for one file (local/cli/extract.ts), without the file name. */
async function extract(file: string) {
  const mail = await parseMail(fixture(`invites/${file}`));
  const { facts } = understandInvite(mail, {
    userAddress: mail.from?.address ?? '',
    ownDomain: 'bowout.localhost',
  });
  return { employer: facts.employer, role: facts.role, interview: facts.interview, missing: facts.missing };
}

type Extracted = Awaited<ReturnType<typeof extract>>;

// The contract names what is missing but not in which order, so both lists are compared sorted.
const FIELDS: [string, (facts: ExpectedFacts | Extracted) => unknown][] = [
  ['employer.name', (f) => f.employer.name],
  ['employer.email', (f) => f.employer.email],
  ['employer.company', (f) => f.employer.company],
  ['role', (f) => f.role],
  ['interview.start', (f) => f.interview.start],
  ['interview.end', (f) => f.interview.end],
  ['interview.timezone', (f) => f.interview.timezone],
  ['interview.certain', (f) => f.interview.certain],
  ['missing', (f) => [...f.missing].sort()],
];

describe('the invite fixture set', () => {
  it('has expected facts for every fixture file, and a fixture file for every expectation', () => {
    const files = readdirSync(DIRECTORY)
      .filter((name) => name.endsWith('.eml'))
      .sort();
    expect(Object.keys(expected).sort()).toEqual(files);
  });

  it('marks at most 10 fields as a judgment call', () => {
    const anyCount = JSON.stringify(expected).split(`"${ANY}"`).length - 1;
    expect(anyCount).toBeLessThanOrEqual(10);
  });

  for (const [file, want] of Object.entries(expected)) {
    if ('unreadable' in want) {
      it(`${file}: is refused as unreadable mail`, async () => {
        await expect(parseMail(fixture(`invites/${file}`))).rejects.toBeInstanceOf(UnreadableMailError);
      });
      continue;
    }
    it(`${file}: yields the employer, role, interview time and missing facts a careful reader sees`, async () => {
      const got = await extract(file);
      for (const [field, read] of FIELDS) {
        const wanted = read(want);
        if (wanted === ANY) continue;
        if (isOneOf(wanted)) expect.soft(wanted.oneOf, `${file} ${field}`).toContain(read(got));
        else expect.soft(read(got), `${file} ${field}`).toEqual(wanted);
      }
    });
  }
});
