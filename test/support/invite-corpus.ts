import { readFileSync } from 'node:fs';
import { FIXTURES } from './mail.js';

/**
 * The forward corpora written for Bowout (see test/fixtures/invites-dev/README.md for the format), as
 * the corpus test and the accuracy benchmark both read them: each folder a `manifest.json` of expected
 * facts, compared case and spacing aside, any listed alternative counting.
 */

export interface Expectation {
  employer_email: string | null | string[];
  employer_name: string | null | string[];
  company: string | null | string[];
  role?: string | null | string[];
  interview_start: string | null | string[];
  interview_zone: string | null | string[];
}

export interface ManifestEntry {
  file: string;
  shape: string;
  expect: Expectation;
}

export const CORPORA = ['invites-dev/clients', 'invites-dev/systems', 'invites-world'];
export const FACTS = ['email', 'name', 'company', 'role', 'start', 'zone'] as const;
export type Fact = (typeof FACTS)[number];
export type Wanted = string | null | string[];

/** A corpus's top folder: where its known-misses.json lives and the name its figures are printed under. */
export const setOf = (corpus: string) => corpus.split('/')[0] ?? corpus;

export function readManifest(corpus: string): ManifestEntry[] {
  return JSON.parse(readFileSync(`${FIXTURES}${corpus}/manifest.json`, 'utf8')) as ManifestEntry[];
}

export function readCorpusFile(corpus: string, file: string): Buffer {
  return readFileSync(`${FIXTURES}${corpus}/${file}`);
}

/** Case, spacing and a trailing full stop are not facts; everything else is compared as written. */
const normalise = (value: string) => value.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const options = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

export function matches(fact: Fact, got: string | null, wanted: Wanted): boolean {
  return options(wanted).some((want) => {
    if (want === null || got === null) return want === got;
    // The role is the core text: a reader may return more around it ("(m/w/d)"), never less.
    if (fact === 'role') return normalise(got).includes(normalise(want));
    return normalise(got) === normalise(want);
  });
}

export function wanted(fact: Fact, expect: Expectation): Wanted | undefined {
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
