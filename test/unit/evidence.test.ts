import { describe, expect, it } from 'vitest';
import {
  type Candidate,
  decide,
  fold,
  merge,
  sameName,
  squash,
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
