import { describe, expect, it } from 'vitest';
import {
  isCompoundInterview,
  JOB_NOUN,
  segmentsOf,
  withoutInterviewWords,
} from '../../functions/domain/invite/subject-parts.js';
import { asWordTree } from '../../functions/domain/invite/word-tree.js';
import { fixtureWords } from '../support/fixture-text.js';

/** Every match of a pattern in a text, with where it starts and what each group took. */
const matches = (pattern: RegExp, text: string) =>
  [...text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`))].map((m) => [
    m.index,
    ...m,
  ]);

describe('alternations of words as a tree of first characters', () => {
  const words = /\b(interviews?|interviewing|intern\b|internship|engineer(?!ing)|entwickler|call|calls)\b/;

  it('shares the first characters of the words', () => {
    const tree = asWordTree(words);
    expect(tree.source).not.toBe(words.source);
    expect(tree.source).toContain('en(?:gineer(?!ing)|twickler)');
    expect(tree.flags).toBe(words.flags);
  });

  it.each([
    'Interviewing at Contoso, our interns and one internship',
    'an engineering interview, an engineer, two calls and a call',
    'interviewed, interviews, intern-ship, Softwareentwickler',
  ])('finds the same matches, groups and positions in "%s"', (text) => {
    expect(matches(asWordTree(words), text.toLowerCase())).toEqual(matches(words, text.toLowerCase()));
  });

  it('chooses the same alternative where several match, case ignored or not', () => {
    // "ab" and "AB…" can match at the same place when case is ignored: they keep their order.
    const pattern = /(?:ab|xy|AB c|ab c|x|y|z|w|v|u)/gi;
    for (const text of ['AB c', 'ab c', 'xy z', 'Ab C w'])
      expect(matches(asWordTree(pattern), text)).toEqual(matches(pattern, text));
  });

  it('leaves a pattern whose alternatives capture groups of their own', () => {
    const pattern = /(?:(a)b|(c)d|e|f|g|h|i|j)/;
    expect(asWordTree(pattern).source).toBe(pattern.source);
  });

  it('reads job nouns inside words and with their exceptions, as the pattern says', () => {
    expect(JOB_NOUN.test('Softwareentwickler')).toBe(true);
    expect(JOB_NOUN.test('Engineering')).toBe(false);
    expect(JOB_NOUN.test('Lead Architect')).toBe(true);
    expect(JOB_NOUN.test('Architecture Studio')).toBe(false);
  });
});

describe('the segments of a title', () => {
  it('keeps a title without a separator whole', () => {
    expect(segmentsOf('  Interview Contoso  ')).toEqual(['Interview Contoso']);
    expect(segmentsOf('   ')).toEqual([]);
  });

  it('splits at dashes, bars, colons and brackets', () => {
    expect(segmentsOf('Interview – Senior Buyer | Contoso: next steps')).toEqual([
      'Interview',
      'Senior Buyer',
      'Contoso',
      'next steps',
    ]);
    expect(segmentsOf('【株式会社ミナトリンク】一次面接のご案内')).toEqual([
      '株式会社ミナトリンク',
      '一次面接のご案内',
    ]);
  });

  it('splits at a dash beside a Han character only when one is there', () => {
    expect(segmentsOf('面接-天府游戏')).toEqual(['面接', '天府游戏']);
    expect(segmentsOf('Back-end Engineer')).toEqual(['Back-end Engineer']);
  });
});

describe('a segment without its interview words', () => {
  it.each([
    ['Einladung Vorstellungsgespräch Contoso', 'Contoso'],
    ['Final round interview', ''],
    ['Fachgespräch Lumière Conseil', 'Lumière Conseil'],
    ['entrevista técnica Ipê Tecnologia', 'Ipê Tecnologia'],
    ['Interview for the position of Senior Buyer', 'Senior Buyer'],
    ['Hiring Manager Interview, Contoso.', 'Contoso'],
  ])('"%s" → "%s"', (segment, rest) => {
    expect(withoutInterviewWords(segment)).toBe(rest);
  });
});

describe('compound interview words, told without a pattern', () => {
  const COMPOUND = /\p{L}{3,}(?:gespräch|gespräche|gesprek|gesprekken|samtal|intervju)$/u;

  it('answers as the pattern does for every word of the fixtures and for generated words', () => {
    const words = fixtureWords();
    const stems = ['', 'a', 'ab', 'abc', 'fach', 'kennismakings', 'ä1b', 'x-yz', '面接', 'ab c', '  def'];
    const endings = ['gespräch', 'gespräche', 'gesprek', 'gesprekken', 'samtal', 'intervju', 'gesprä', 'ch'];
    for (const stem of stems) for (const ending of endings) words.push(stem + ending, `${stem + ending}s`);
    const wrong = words.filter((word) => isCompoundInterview(word) !== COMPOUND.test(word));
    expect(wrong).toEqual([]);
    expect(words.filter(isCompoundInterview).length).toBeGreaterThan(10);
  });
});
