import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import type { InviteFacts } from '../../functions/domain/model.js';
import { FIXTURES } from '../support/mail.js';

/**
 * Forward corpora written by people other than the code's authors, each folder a `manifest.json` of
 * expected facts (see test/fixtures/invites-dev/README.md for the format). Every fact is checked through
 * the code `bowout extract` runs. The facts Bowout still gets wrong are named one by one in each corpus's
 * `known-misses.json`: a new miss fails, and a fix fails until its line is removed, so the list only shrinks.
 * A wrong fact that Bowout also marked certain is "confidently wrong", the worst outcome, counted apart.
 */

interface Expectation {
  employer_email: string | null | string[];
  employer_name: string | null | string[];
  company: string | null | string[];
  role?: string | null | string[];
  interview_start: string | null | string[];
  interview_zone: string | null | string[];
}

interface ManifestEntry {
  file: string;
  shape: string;
  expect: Expectation;
}

const CORPORA = ['invites-dev/clients', 'invites-dev/systems', 'invites-world'];
const FACTS = ['email', 'name', 'company', 'role', 'start', 'zone'] as const;
type Fact = (typeof FACTS)[number];

/** A corpus's top folder: where its known-misses.json lives and the name its figures are printed under. */
const setOf = (corpus: string) => corpus.split('/')[0] ?? corpus;
const SETS = [...new Set(CORPORA.map(setOf))];

const knownMisses = new Set<string>(
  SETS.flatMap((set) => {
    const file = `${FIXTURES}${set}/known-misses.json`;
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : [];
  }),
);

/** Case, spacing and a trailing full stop are not facts; everything else is compared as written. */
const normalise = (value: string) => value.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const options = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function matches(fact: Fact, got: string | null, wanted: string | null | string[]): boolean {
  return options(wanted).some((want) => {
    if (want === null || got === null) return want === got;
    // The role is the core text: a reader may return more around it ("(m/w/d)"), never less.
    if (fact === 'role') return normalise(got).includes(normalise(want));
    return normalise(got) === normalise(want);
  });
}

function read(fact: Fact, facts: InviteFacts): string | null {
  switch (fact) {
    case 'email':
      return facts.employer.email;
    case 'name':
      return facts.employer.name;
    case 'company':
      return facts.employer.company;
    case 'role':
      return facts.role;
    case 'start':
      return facts.interview.start;
    case 'zone':
      return facts.interview.timezone;
  }
}

function wanted(fact: Fact, expect: Expectation): string | null | string[] | undefined {
  switch (fact) {
    case 'email':
      return expect.employer_email;
    case 'name':
      return expect.employer_name;
    case 'company':
      return expect.company;
    case 'role':
      return expect.role;
    case 'start':
      return expect.interview_start;
    case 'zone':
      // A zone is only a fact when there is an interview time to be in it.
      return expect.interview_start === null ? undefined : expect.interview_zone;
  }
}

/** Whether Bowout presented a fact it found as sure (a wrong sure fact is confidently wrong). */
function presentedAsCertain(fact: Fact, facts: InviteFacts): boolean {
  if (fact === 'start' || fact === 'zone') return facts.interview.certain;
  const key = { email: 'employer.email', name: 'employer.name', company: 'employer.company', role: 'role' }[
    fact
  ];
  return !(facts.uncertain ?? []).includes(key);
}

type Counts = { right: number; total: number; confidentlyWrong: number };
const tallies = new Map<string, Map<Fact, Counts>>(
  SETS.map((set) => [set, new Map(FACTS.map((fact) => [fact, { right: 0, total: 0, confidentlyWrong: 0 }]))]),
);

describe('the forward corpora written for Bowout', () => {
  it('lists only misses of files that exist', () => {
    const files = new Set(
      CORPORA.flatMap((corpus) => readdirSync(`${FIXTURES}${corpus}`).map((file) => `${corpus}/${file}`)),
    );
    for (const miss of knownMisses) expect(files, miss).toContain(miss.split(' ')[0]);
  });

  for (const corpus of CORPORA) {
    const manifest = JSON.parse(
      readFileSync(`${FIXTURES}${corpus}/manifest.json`, 'utf8'),
    ) as ManifestEntry[];
    describe(corpus, () => {
      for (const entry of manifest) {
        it(`${entry.file}: reads the facts a careful reader sees, or is a named known miss`, async () => {
          const mail = await parseMail(readFileSync(`${FIXTURES}${corpus}/${entry.file}`));
          const { facts } = understandInvite(mail, {
            userAddress: mail.from?.address ?? '',
            ownDomain: 'bowout.localhost',
          });
          for (const fact of FACTS) {
            const want = wanted(fact, entry.expect);
            if (want === undefined) continue;
            const got = read(fact, facts);
            const right = matches(fact, got, want);
            const counts = tallies.get(setOf(corpus))?.get(fact);
            if (counts) {
              counts.total += 1;
              if (right) counts.right += 1;
              else if (got !== null && presentedAsCertain(fact, facts)) counts.confidentlyWrong += 1;
            }
            const key = `${corpus}/${entry.file} ${fact}`;
            if (knownMisses.has(key))
              expect
                .soft(right, `${key} is right now: remove it from ${setOf(corpus)}/known-misses.json`)
                .toBe(false);
            else
              expect
                .soft(got, `${key} (a new miss: ${JSON.stringify(want)} expected)`)
                .toSatisfy(() => right);
          }
        });
      }
    });
  }

  afterAll(() => {
    const tables = [...tallies].map(([set, tally]) => {
      const rows = FACTS.map((fact) => {
        const { right, total, confidentlyWrong } = tally.get(fact) ?? {
          right: 0,
          total: 0,
          confidentlyWrong: 0,
        };
        const share = total ? ((100 * right) / total).toFixed(1) : '-';
        return `  ${fact.padEnd(8)} ${String(right).padStart(4)}/${String(total).padEnd(4)} ${share.padStart(5)}%   confidently wrong: ${confidentlyWrong}`;
      });
      return `${set}, per fact:\n${rows.join('\n')}`;
    });
    console.log(`forward corpora\n${tables.join('\n')}`);
  });
});
