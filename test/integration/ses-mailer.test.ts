import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMime, SesMailer } from '../../functions/adapters/ses-mailer.js';
import type { OutgoingMail } from '../../functions/domain/ports.js';
import { startStandIns } from '../support/standins.js';

let standIns: Awaited<ReturnType<typeof startStandIns>>;
beforeAll(async () => {
  standIns = await startStandIns();
});
afterAll(async () => {
  await standIns?.stop();
});

const mail = (overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
  from: { name: 'Alex Rivera via Bowout', address: 'send@bowout.localhost' },
  to: ['priya@northwind.example'],
  cc: ['alex@gmail.example'],
  replyTo: ['alex@gmail.example'],
  subject: 'Re: Interview',
  text: 'Dear Priya,\n\nThank you.',
  html: null,
  inReplyTo: '<invite-1@northwind.example>',
  references: ['<app-1@northwind.example>', '<invite-1@northwind.example>'],
  attachments: [],
  headers: {},
  ...overrides,
});

describe('the SES mailer', () => {
  it('sends raw MIME with threading, loop and Auto-Submitted headers to exactly the given recipients', async () => {
    const mailer = new SesMailer(standIns.clients.ses, { loopToken: 'bowout.localhost' });
    const { messageId } = await mailer.send(mail());
    const stored = (await standIns.sentMail()).find((m) => m.messageId === messageId);
    expect(stored?.destination.to).toEqual(['priya@northwind.example']);
    expect(stored?.destination.cc).toEqual(['alex@gmail.example']);
    const parsed = await PostalMime.parse(await composeMime(mail(), 'bowout.localhost'));
    const header = (key: string) => parsed.headers.find((h) => h.key === key)?.value;
    expect(header('auto-submitted')).toBe('auto-replied');
    expect(header('x-bowout-loop')).toBe('bowout.localhost');
    expect(parsed.inReplyTo).toBe('<invite-1@northwind.example>');
    expect(parsed.references).toBe('<app-1@northwind.example> <invite-1@northwind.example>');
  });

  it('writes no Auto-Submitted header on a personal message the user asked for, and keeps the loop header', async () => {
    const parsed = await PostalMime.parse(await composeMime(mail({ personal: true }), 'bowout.localhost'));
    const header = (key: string) => parsed.headers.find((h) => h.key === key)?.value;
    expect(header('auto-submitted')).toBeUndefined();
    expect(header('x-bowout-loop')).toBe('bowout.localhost');
  });

  it('gives every message its own Message-ID at the sender domain', async () => {
    const ids = await Promise.all(
      [1, 2, 3].map(async () => (await PostalMime.parse(await composeMime(mail(), 'l'))).messageId),
    );
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^<[0-9a-f-]{36}@bowout\.localhost>$/);
  });

  it('cannot be made to write an extra header through a decoded subject or name', async () => {
    const raw = new TextDecoder().decode(
      await composeMime(
        mail({
          subject: 'Hi\r\nBcc: victim@example.com',
          from: { name: 'Eve\nBcc: x@y.z', address: 'send@bowout.localhost' },
        }),
        'l',
      ),
    );
    expect(raw).not.toMatch(/^Bcc:/im);
  });

  it('attaches a calendar decline as a text/calendar REPLY part', async () => {
    const raw = new TextDecoder().decode(
      await composeMime(
        mail({
          attachments: [
            {
              filename: 'decline.ics',
              contentType: 'text/calendar',
              content: 'BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nEND:VCALENDAR',
              inline: true,
            },
          ],
        }),
        'l',
      ),
    );
    expect(raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REPLY/i);
  });
});
