/**
 * Accuracy per fact on the fixture corpora, for Bowout and for the peer (peer.ts), read from the same
 * files: test/fixtures/invites (expected.json) and the forward corpora written for Bowout (invites-dev,
 * invites-world; test/support/invite-corpus.ts). Compared as test/unit/invite-corpus.test.ts compares: case and spacing aside, any listed alternative,
 * the role as the core text it must contain, the zone only where there is an interview time. A wrong fact
 * presented as sure is counted apart: the peer never says it is unsure, Bowout does (`uncertain`).
 */
import { readFileSync } from 'node:fs';
import { understandInvite } from '../functions/domain/invite/understand-invite.js';
import { parseMail } from '../functions/domain/mail/parse-mail.js';
import {
  CORPORA,
  FACTS,
  type Fact,
  matches,
  readCorpusFile,
  readManifest,
  setOf,
  type Wanted as WantedFact,
  wanted,
} from '../test/support/invite-corpus.js';
import { peerRead, type ReadFacts } from './peer.js';
import type { Print } from './support.js';

const FIXTURES = new URL('../test/fixtures/', import.meta.url);
type Wanted = WantedFact | undefined;

interface Case {
  raw: Buffer;
  want: Record<Fact, Wanted>;
}

type Reader = (raw: Buffer) => Promise<ReadFacts>;

async function bowoutRead(raw: Buffer): Promise<ReadFacts> {
  const mail = await parseMail(raw);
  const { facts } = understandInvite(mail, {
    userAddress: mail.from?.address ?? '',
    ownDomain: 'bowout.localhost',
  });
  const uncertain = new Set(facts.uncertain ?? []);
  return {
    email: facts.employer.email,
    name: facts.employer.name,
    company: facts.employer.company,
    role: facts.role,
    start: facts.interview.start,
    zone: facts.interview.timezone,
    certain: facts.interview.certain && !uncertain.has('interview.start'),
  };
}

/** test/fixtures/invites: expected.json, without the unreadable files and the "any" judgment calls. */
function inviteCases(): Case[] {
  const directory = new URL('invites/', FIXTURES);
  const expected = JSON.parse(readFileSync(new URL('expected.json', directory), 'utf8')) as Record<
    string,
    {
      unreadable?: boolean;
      employer?: { name: string | null; email: string | null; company: string | null };
      role?: string | null;
      interview?: { start: string | null; timezone: string | null };
    }
  >;
  const any = (value: string | null | undefined): Wanted => (value === 'any' ? undefined : (value ?? null));
  return Object.entries(expected)
    .filter(([, want]) => !want.unreadable && want.employer && want.interview)
    .map(([file, want]) => ({
      raw: readFileSync(new URL(file, directory)),
      want: {
        email: any(want.employer?.email),
        name: any(want.employer?.name),
        company: any(want.employer?.company),
        role: any(want.role),
        start: any(want.interview?.start),
        zone: want.interview?.start === null ? undefined : any(want.interview?.timezone),
      },
    }));
}

/** The forward corpora written for Bowout (test/fixtures/invites-dev, invites-world), as the corpus test reads them. */
function corpusCases(corpus: string): Case[] {
  return readManifest(corpus).map(({ file, expect }) => ({
    raw: readCorpusFile(corpus, file),
    want: Object.fromEntries(FACTS.map((fact) => [fact, wanted(fact, expect)])) as Record<Fact, Wanted>,
  }));
}

interface Tally {
  right: Record<Fact, number>;
  total: Record<Fact, number>;
  confidentlyWrong: number;
}

async function score(cases: Case[], read: Reader): Promise<Tally> {
  const zero = () => Object.fromEntries(FACTS.map((fact) => [fact, 0])) as Record<Fact, number>;
  const tally: Tally = { right: zero(), total: zero(), confidentlyWrong: 0 };
  for (const { raw, want } of cases) {
    const facts = await read(raw);
    for (const fact of FACTS) {
      const wanted = want[fact];
      if (wanted === undefined) continue;
      tally.total[fact] += 1;
      if (matches(fact, facts[fact], wanted)) tally.right[fact] += 1;
      else if (facts[fact] !== null && (fact === 'start' || fact === 'zone') && facts.certain)
        tally.confidentlyWrong += 1;
    }
  }
  return tally;
}

/** Per-fact accuracy of Bowout and of the peer, side by side, on each corpus. */
export async function benchAccuracy(print: Print): Promise<void> {
  const sets = new Map<string, Case[]>([['invites', inviteCases()]]);
  for (const corpus of CORPORA)
    sets.set(setOf(corpus), [...(sets.get(setOf(corpus)) ?? []), ...corpusCases(corpus)]);
  const corpora = [...sets];
  for (const [corpus, cases] of corpora) {
    const readers: [string, Reader][] = [
      ['Bowout', bowoutRead],
      ['peer', peerRead],
    ];
    for (const [name, read] of readers) {
      const tally = await score(cases, read);
      for (const fact of FACTS) {
        const total = tally.total[fact];
        print(`accuracy ${corpus} ${fact} (${name})`, total ? (100 * tally.right[fact]) / total : 0, '%', 1);
      }
      print(`confidently wrong times ${corpus} (${name})`, tally.confidentlyWrong, 'facts', 0);
    }
  }
}
