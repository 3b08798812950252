import * as chrono from 'chrono-node';
import { describe, expect, it } from 'vitest';
import { findInterviewTime } from '../../functions/domain/invite/find-time.js';
import { NEVER_A_DATE } from '../support/never-a-date.js';

const { reference, offsetMinutes, sentences } = NEVER_A_DATE;

describe('a time relative to the mail, or a month without a day', () => {
  it.each(sentences)('is no interview time: "$sentence"', ({ sentence }) => {
    const found = findInterviewTime(sentence, reference, offsetMinutes);
    expect(found?.start ?? null).toBeNull();
  });

  // Without this, the test above would pass however the English parsers were chosen.
  it.each(sentences)('is a date to chrono itself, which reads "$phrase"', ({ phrase, sentence }) => {
    const readings = chrono.en.casual.parse(sentence, new Date(reference));
    expect(readings.some((reading) => reading.text.includes(phrase))).toBe(true);
  });
});
