import { describe, expect, it } from 'vitest';
import { ownLines, parseCommand } from '../../functions/domain/conversation/commands.js';

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

describe('commands with an argument', () => {
  it('reads EDIT with the text below it, up to the quoted history', () => {
    expect(
      parseCommand('EDIT\nDear Priya,\n\nThank you.\n\nOn Tue, 1 Dec 2026, Bowout wrote:\n> old draft'),
    ).toEqual({
      kind: 'EDIT',
      body: 'Dear Priya,\n\nThank you.',
    });
  });

  it.each([
    ['REASON I have accepted another offer', { kind: 'REASON', text: 'I have accepted another offer' }],
    ['reason: relocating', { kind: 'REASON', text: 'relocating' }],
    ['Offer a contract role', { kind: 'OFFER', text: 'a contract role' }],
    ['TO Hannah.Cole@Fabrikam.com', { kind: 'TO', address: 'hannah.cole@fabrikam.com' }],
    ['to <hannah@fabrikam.com>', { kind: 'TO', address: 'hannah@fabrikam.com' }],
    ['REMIND Monday 9am', { kind: 'REMIND', when: 'Monday 9am' }],
    ['STOP', { kind: 'STOP' }],
    ['stop all', { kind: 'STOP_ALL' }],
    ['send again', { kind: 'SEND_AGAIN' }],
    ['TO nobody', { kind: 'UNCLEAR', reason: 'bad-address' }],
    ['REASON', { kind: 'UNCLEAR', reason: 'missing-argument' }],
  ])('reads %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it('ignores a signature under the command', () => {
    expect(parseCommand('SEND\n\nSent from my iPhone').kind).toBe('SEND');
  });
});
