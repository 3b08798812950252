import { describe, expect, it } from 'vitest';
import {
  type Candidate,
  decide,
  fold,
  forgetRemembered,
  isUnspaced,
  merge,
  remembered,
  sameName,
  sortByScore,
  squash,
  WIDE_CHARACTER,
} from '../../functions/domain/invite/evidence.js';

const candidate = (value: string, source: string, score: number): Candidate => ({
  value,
  source,
  evidence: value,
  score,
  notes: [],
});
const THRESHOLDS = { floor: 30, sure: 75, margin: 12 };

describe('deciding a fact from scored candidates', () => {
  it('takes the best candidate, sure when it is strong and nothing close says otherwise', () => {
    const fact = decide(
      [candidate('Contoso', 'subject', 80), candidate('Fabrikam', 'domain', 35)],
      THRESHOLDS,
    );
    expect(fact).toMatchObject({ value: 'Contoso', certain: true, source: 'subject' });
    expect(fact.why).toBe('subject (80), ahead of domain "Fabrikam" (35)');
  });

  it('is unsure when a rival comes close, or when the best is weak', () => {
    expect(
      decide([candidate('Contoso', 'subject', 80), candidate('Fabrikam', 'signature', 72)], THRESHOLDS),
    ).toMatchObject({
      value: 'Contoso',
      certain: false,
    });
    expect(decide([candidate('Contoso', 'domain', 40)], THRESHOLDS)).toMatchObject({
      value: 'Contoso',
      certain: false,
    });
  });

  it('finds nothing below the floor, and says so', () => {
    expect(decide([candidate('Contoso', 'domain', 20)], THRESHOLDS)).toMatchObject({
      value: null,
      why: 'no candidate scored 30 or more',
    });
    expect(decide([], THRESHOLDS).why).toBe('nothing in the mail states it');
  });

  it('does not count a candidate that says the same as a rival', () => {
    const fact = decide(
      [
        candidate('Fernbrook Mutual', 'subject', 80),
        candidate('Fernbrook Mutual Insurance Company', 'signature', 78),
      ],
      THRESHOLDS,
      sameName,
    );
    expect(fact.certain).toBe(true);
  });

  it('merges the same value read in several places, raising it a little', () => {
    const merged = merge([candidate('jo@x.com', 'sender', 75), candidate('JO@x.com', 'signature', 60)]);
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ value: 'jo@x.com', score: 83, notes: ['also in signature'] });
  });
});

describe('comparing names', () => {
  it('squashes case, accents and punctuation away', () => {
    expect(squash('Açormar – Transportes')).toBe('acormartransportes');
    expect(squash('Northwind-Analytics')).toBe('northwindanalytics');
  });

  it('folds a name to the Latin letters an address spells it with: no digits, no other script', () => {
    expect(fold('Ángel Núñez-Pérez')).toBe('angelnunezperez');
    expect(fold('anneke.devries2')).toBe('annekedevries');
    expect(fold('Zoë 王')).toBe('zoe');
  });

  it('takes one name that starts the other for the same, and Han names that hold each other', () => {
    expect(sameName('Lanternfish', 'Lanternfish Payments, Inc.')).toBe(true);
    expect(sameName('Contoso', 'Fabrikam')).toBe(false);
    expect(sameName('云栈科技', '深圳云栈科技有限公司')).toBe(true);
    expect(sameName('なにわ精機', '精機株式会社')).toBe(true);
  });
});

describe('remembering while one mail is read', () => {
  it('works a text out once per mail, and again after the next mail begins', () => {
    const seen: string[] = [];
    const upper = remembered((text: string) => {
      seen.push(text);
      return text.toUpperCase();
    });
    forgetRemembered();
    expect([upper('ada'), upper('ada'), upper('bo')]).toEqual(['ADA', 'ADA', 'BO']);
    expect(seen).toEqual(['ada', 'bo']);
    forgetRemembered();
    forgetRemembered();
    expect(upper('ada')).toBe('ADA');
    expect(seen).toEqual(['ada', 'bo', 'ada']);
  });

  it('never keeps more than its limit, nor a long text', () => {
    let calls = 0;
    const length = remembered((text: string) => ++calls + text.length * 0, 2);
    forgetRemembered();
    length('a');
    length('b');
    length('c');
    length('a');
    expect(calls).toBe(4);
    const long = 'x'.repeat(201);
    length(long);
    length(long);
    expect(calls).toBe(6);
  });
});

describe('names written without spaces', () => {
  it('are told by Han or Kana, each of which is a wide character (the quick first look)', () => {
    const script = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
    const missed: string[] = [];
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCodePoint(code);
      if (script.test(char) && !WIDE_CHARACTER.test(char)) missed.push(code.toString(16));
    }
    expect(missed).toEqual([]);
    expect(isUnspaced('なにわ精機')).toBe(true);
    expect(isUnspaced('𠀋')).toBe(true);
    expect(isUnspaced('fernbrookmutual')).toBe(false);
    expect(isUnspaced('한국')).toBe(false);
  });
});

describe('candidates sorted best first', () => {
  it('come in the order a stable sort by descending score gives', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 300; round++) {
      const list = Array.from({ length: Math.floor(random() * 12) }, (_, i) =>
        candidate(`v${i}`, `s${i}`, Math.floor(random() * 6) * 10 - 20),
      );
      expect(sortByScore(list.slice())).toEqual(list.slice().sort((a, b) => b.score - a.score));
    }
  });
});
