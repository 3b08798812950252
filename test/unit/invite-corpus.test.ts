import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import type { InviteFacts } from '../../functions/domain/model.js';
import {
  CORPORA,
  FACTS,
  type Fact,
  matches,
  readCorpusFile,
  readManifest,
  setOf,
  wanted,
} from '../support/invite-corpus.js';
import { FIXTURES } from '../support/mail.js';

/**
 * Forward corpora written by people other than the code's authors, each folder a `manifest.json` of
 * expected facts (see test/fixtures/invites-dev/README.md for the format). Every fact is checked through
 * the code `bowout extract` runs. The facts Bowout still gets wrong are named one by one in each corpus's
 * `known-misses.json`: a new miss fails, and a fix fails until its line is removed, so the list only shrinks.
 * A wrong fact that Bowout also marked certain is "confidently wrong", the worst outcome, counted apart.
 */

const SETS = [...new Set(CORPORA.map(setOf))];

const knownMisses = new Set<string>(
  SETS.flatMap((set) => {
    const file = `${FIXTURES}${set}/known-misses.json`;
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : [];
  }),
);

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
    const manifest = readManifest(corpus);
    describe(corpus, () => {
      for (const entry of manifest) {
        it(`${entry.file}: reads the facts a careful reader sees, or is a named known miss`, async () => {
          const mail = await parseMail(readCorpusFile(corpus, entry.file));
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
