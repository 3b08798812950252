import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OriginalMessage } from '../../functions/domain/invite/find-original.js';
import { originalKey } from '../../functions/domain/invite/original-key.js';

function original(body: string, overrides: Partial<OriginalMessage> = {}): OriginalMessage {
  return {
    via: 'inline',
    from: { name: 'Priya Nair', address: 'priya@northwind.example' },
    replyTo: [],
    subject: 'Interview with Northwind',
    date: '2026-03-02T09:00:00.000Z',
    dateOffsetMinutes: 0,
    messageId: null,
    references: [],
    body,
    calendars: [],
    note: '',
    ...overrides,
  };
}

describe('the key that names an original across forwards of it', () => {
  it('is the Message-ID when the forward kept it', () => {
    expect(originalKey(original('Hi', { messageId: '<ABC@Northwind.example>' }))).toBe(
      'message-id:<abc@northwind.example>',
    );
  });

  it('keeps its form: a hash of sender, date, subject and the text with spacing, quoting and case folded', () => {
    const text = 'hi sam, could you do tuesday at 10:00? best, priya';
    const expected = createHash('sha256')
      .update(
        ['priya@northwind.example', '2026-03-02T09:00:00.000Z', 'interview with northwind', text].join('\n'),
      )
      .digest('hex');
    expect(originalKey(original('Hi Sam,\n\nCould you do Tuesday at 10:00?\n\nBest,\nPriya'))).toBe(
      `content:${expected}`,
    );
  });

  it('is the same whatever quoting, blank lines and spacing a forward adds', () => {
    const plain = originalKey(original('Hi Sam,\n\nCould you do Tuesday at 10:00?\n\nBest,\nPriya'));
    expect(
      originalKey(original('> Hi Sam,\n>\n> Could you do  Tuesday at 10:00?\n>\n> Best,\n> Priya\n')),
    ).toBe(plain);
    expect(
      originalKey(original('  Hi Sam,\r\n\r\n\tCould you do Tuesday\u00a0at 10:00?\r\n Best, Priya ')),
    ).toBe(plain);
    expect(originalKey(original('>> > Hi Sam, Could you do Tuesday at 10:00? Best, Priya'))).toBe(plain);
  });

  it('differs when the words differ', () => {
    const plain = originalKey(original('Could you do Tuesday at 10:00?'));
    expect(originalKey(original('Could you do Wednesday at 10:00?'))).not.toBe(plain);
    expect(originalKey(original('Could you do Tuesday at 10:00? a > b'))).not.toBe(plain);
  });
});
