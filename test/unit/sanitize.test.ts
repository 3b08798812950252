import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import {
  escapeHtml,
  headerSafe,
  isPlausibleAddress,
  isUnattendedAddress,
} from '../../functions/domain/mail/sanitize.js';
import { FIXTURES, fixture } from '../support/mail.js';

describe('making hostile text safe', () => {
  it('removes CR, LF, NEL and U+2028 from header values so nothing can add a header', () => {
    expect(headerSafe('Hello\r\nBcc: victim@example.com')).toBe('Hello Bcc: victim@example.com');
    expect(headerSafe('a\u2028b\u2029c\u0085d\u0000e')).toBe('a b c d e');
  });

  it('bounds header values', () => {
    expect(headerSafe('x'.repeat(1000), 50)).toHaveLength(50);
  });

  it('escapes HTML', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">&\'')).toBe(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;',
    );
  });

  it('accepts only plain addresses', () => {
    expect(isPlausibleAddress('priya@northwind.example')).toBe(true);
    expect(isPlausibleAddress('=?utf-8?q?=40attacker.com?=@example.com')).toBe(false);
    expect(isPlausibleAddress('a@attacker.com@example.com')).toBe(false);
    expect(isPlausibleAddress('"a b"@example.com')).toBe(false);
  });

  it.each([
    'no-reply@greenhouse.io',
    'noreply@lever.co',
    'do-not-reply@workday.com',
    'notifications@ashbyhq.com',
    'donotreply@x.com',
  ])('knows %s is read by nobody', (address) => expect(isUnattendedAddress(address)).toBe(true));

  it('does not mistake people for robots', () => {
    expect(isUnattendedAddress('nora.reply@example.com')).toBe(false);
    expect(isUnattendedAddress('hannah.cole@fabrikam.com')).toBe(false);
  });
});

describe('a header value that needs no cleaning', () => {
  /** headerSafe as it reads in full: every replacement run, whatever the value. */
  const cleanedInFull = (value: string, maxLength = 200) => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    const cleaned = value.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
    const single = cleaned.replace(/\s+/g, ' ').trim();
    return single.length > maxLength ? `${single.slice(0, maxLength - 1).trimEnd()}…` : single;
  };

  it('is kept as it is only where the replacements would keep it, whatever the value', () => {
    const unit = fc.constantFrom(
      ...['Interview', 'Re:', 'Müller', '株式会社', '😀', ' ', '  ', '\t', '\r\n', '\n', '\u00a0', '\u2009'],
      ...['\u3000', '\ufeff', '\u2028', '\u0085', '\u0000', '\u007f', '\u200b', '\u1680', '-', '.'],
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 20 }), fc.integer({ min: 2, max: 60 }), (units, max) => {
        const value = units.join('');
        expect(headerSafe(value, max)).toBe(cleanedInFull(value, max));
      }),
      { numRuns: 5_000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (value) => {
        expect(headerSafe(value)).toBe(cleanedInFull(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('gives the same answers for every subject and name in the fixtures', async () => {
    let values = 0;
    for (const folder of ['invites', 'invites-dev', 'invites-world']) {
      for (const file of readdirSync(`${FIXTURES}${folder}`).filter((name) => name.endsWith('.eml'))) {
        const mail = await parseMail(fixture(`${folder}/${file}`)).catch(() => null);
        if (!mail) continue;
        for (const value of [mail.subject, mail.from?.name ?? '', ...mail.to.map((box) => box.name ?? '')]) {
          expect(headerSafe(value, 150)).toBe(cleanedInFull(value, 150));
          values++;
        }
      }
    }
    expect(values).toBeGreaterThan(500);
  });
});
