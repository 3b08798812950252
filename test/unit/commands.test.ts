import { describe, expect, it } from 'vitest';
import { ownLines, parseCommand } from '../../functions/domain/commands.js';

describe('reading a command from a reply', () => {
  it.each(['SEND', 'send', 'Send it', 'yes, send', 'Yes send.', 'send!'])('reads %j as SEND', (text) => {
    expect(parseCommand(`${text}\n\nOn Tue, Bowout wrote:\n> CANCEL`).kind).toBe('SEND');
  });

  it('ignores commands in the quoted history', () => {
    expect(parseCommand('\n> SEND\n> more').kind).toBe('UNCLEAR');
    expect(
      parseCommand('Thanks!\n\nOn Mon, 1 Dec 2026, Bowout <send@bowout.localhost> wrote:\nSEND').kind,
    ).toBe('UNCLEAR');
  });

  it('reads CANCEL and HELP, and calls anything else unclear', () => {
    expect(parseCommand('cancel').kind).toBe('CANCEL');
    expect(parseCommand('HELP').kind).toBe('HELP');
    expect(parseCommand('maybe later?').kind).toBe('UNCLEAR');
    expect(parseCommand('').kind).toBe('UNCLEAR');
  });

  it('stops at an Outlook separator and a signature', () => {
    expect(ownLines('SEND\n-- \nAlex\n-----Original Message-----\nFrom: x')).toEqual(['SEND']);
  });
});
