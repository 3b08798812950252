import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  headerSafe,
  isPlausibleAddress,
  isUnattendedAddress,
} from '../../functions/domain/mail/sanitize.js';

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
