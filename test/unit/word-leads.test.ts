import { describe, expect, it } from 'vitest';
import { leadsOf, wordLeads } from '../../functions/domain/invite/word-leads.js';

describe('the beginnings of a word alternation', () => {
  it('reads letters, groups, simple classes and optional parts, and stops at anything else', () => {
    expect(leadsOf('final (?:interview|round)|on-?site|finale[sn]? gespräch').sort()).toEqual(
      ['final in', 'final ro', 'finale g', 'finales ', 'finalen ', 'on-site', 'onsite'].sort(),
    );
    // \\w, a look-ahead and a repeat end the beginning where they stand.
    expect(leadsOf("probearbeit\\w*|t['’](?=\\p{L})|ab+c").sort()).toEqual(
      ['ab', 'probearb', "t'", 't’'].sort(),
    );
    expect(leadsOf('x{2}|final')).toEqual(['']);
    expect(leadsOf('(?:following|after) (?:our|the) call|v\\. ?s').sort()).toEqual(
      ['after ou', 'after th', 'followin', 'v. s', 'v.s'].sort(),
    );
  });

  it('keeps only the shortest of beginnings that start alike', () => {
    expect(leadsOf('onsite(?: interview)?')).toEqual(['onsite']);
  });

  it('lets a text through only when a beginning stands at a word start, in any case', () => {
    const leads = wordLeads(['final round|last round', 'phone (?:screen|call)', '2nd round']);
    expect(leads.possible('Your FINAL ROUND and a Phone Call')).toBe(0b011);
    expect(leads.possible('semifinal roundup, microphone callback')).toBe(0);
    expect(leads.possible('the 12nd round')).toBe(0b100);
    // The long s is an "s" to a case-insensitive pattern.
    expect(leads.possible('the laſt round')).toBe(0b001);
  });

  it('is always possible for a pattern that can begin anywhere', () => {
    expect(wordLeads(['\\w+ round']).possible('nothing here')).toBe(1);
  });

  it('lower-cases every character a case-insensitive pattern takes for a letter of a beginning', () => {
    // A beginning is compared with the lower-cased text: every character the pattern folds to one of
    // these letters must lower-case to it (the long s excepted, which the comparison handles).
    const letters = [..."abcdefghijklmnopqrstuvwxyz0123456789àáâãäçèéêëìíîïñòóôõöùúûüßœłśźżąęńó -'’.ª"];
    const any = new RegExp(
      `^[${letters.map((c) => `\\u{${c.codePointAt(0)?.toString(16)}}`).join('')}]$`,
      'iu',
    );
    const each = letters.map(
      (letter) => [letter, new RegExp(`^\\u{${letter.codePointAt(0)?.toString(16)}}$`, 'iu')] as const,
    );
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      if (!any.test(char)) continue;
      const lower = char === 'ſ' ? 's' : char.toLowerCase();
      for (const [letter, pattern] of each)
        if (pattern.test(char) && lower !== letter) wrong.push(`${char}→${letter}`);
    }
    expect(wrong).toEqual([]);
  });
});
