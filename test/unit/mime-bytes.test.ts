import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import MailComposer from 'nodemailer/lib/mail-composer';
import MimeNode from 'nodemailer/lib/mime-node';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { messageBytes } from '../../functions/adapters/mime-bytes.js';
import {
  composeMime,
  composerOptions,
  messageTree,
  surelyQuotedPrintable,
} from '../../functions/adapters/ses-mailer.js';
import { processInboundMail } from '../../functions/domain/conversation/inbound.js';
import { composeCancellationMail } from '../../functions/domain/letters/employer-mail.js';
import { composeNudgeMail } from '../../functions/domain/letters/nudge-mail.js';
import type { OutgoingMail } from '../../functions/domain/ports.js';
import { FIXTURES, fixture, received } from '../support/mail.js';
import { memoryDeps } from '../support/memory-ports.js';

const SENDER = { senderAddress: 'send@bowout.localhost' };
const NOW = new Date('2026-12-01T18:00:00Z');

const UNIQUE = '0b6f4c1e-8a52-4d7f-9c3e-2f1a7b9d6e40';

/**
 * The message as composeMime writes it (its own tree, written at once) and as nodemailer's MailComposer
 * compiles the same options and its own build() streams them: one Message-ID, boundary and Date for both.
 */
async function bothWays(mail: OutgoingMail): Promise<{ atOnce: string; streamed: string }> {
  const tree = messageTree(structuredClone(mail), 'bowout.localhost', UNIQUE);
  tree.setHeader('date', NOW);
  const atOnce = await messageBytes(tree);
  const options = { ...composerOptions(structuredClone(mail), 'bowout.localhost', UNIQUE), date: NOW };
  const streamed = await new MailComposer(options).compile().build();
  return { atOnce: atOnce.toString('latin1'), streamed: streamed.toString('latin1') };
}

/** Every mail Bowout writes about each invite fixture: the draft (or notice), the cancellation, nudges. */
async function mailsAboutInvites(): Promise<OutgoingMail[]> {
  const mails: OutgoingMail[] = [];
  const names = readdirSync(`${FIXTURES}invites`).filter((name) => name.endsWith('.eml'));
  for (const name of names) {
    const world = memoryDeps(NOW);
    world.rawMail.objects.set(name, fixture(`invites/${name}`));
    await processInboundMail(received(name), world.deps);
    mails.push(...world.mailer.sent);
    for (const caseRecord of world.cases.cases.values()) {
      if (caseRecord.facts.employer.email)
        mails.push(composeCancellationMail(caseRecord, 'send@x.example', NOW));
      const options = {
        replyAddress: 'reply+abcdefghijklmnopqrst@bowout.localhost',
        sender: SENDER,
        now: NOW,
      };
      mails.push(composeNudgeMail('not-sent', caseRecord, options));
      mails.push(composeNudgeMail('stay-in-touch', { ...caseRecord, state: 'SENT' }, options));
    }
  }
  return mails;
}

describe('writing a composed message at once', () => {
  it('gives the very bytes nodemailer streams, for every mail Bowout writes about the invite fixtures', async () => {
    const mails = await mailsAboutInvites();
    expect(mails.length).toBeGreaterThan(100);
    // The cancellations with a calendar decline are among them: a multipart/alternative with a REPLY part.
    expect(mails.some((m) => m.attachments.some((a) => a.inline))).toBe(true);
    for (const mail of mails) {
      const { atOnce, streamed } = await bothWays(mail);
      expect(atOnce).toBe(streamed);
    }
  });

  it('reads back as the very mail it was composed from, for every mail Bowout writes about the invite fixtures', async () => {
    const lf = (text: string | undefined) => text?.replace(/\r\n/g, '\n');
    for (const mail of await mailsAboutInvites()) {
      const raw = await composeMime(mail, 'bowout.localhost');
      // Every line within what RFC 5322 allows, whatever the letter holds.
      expect(
        Buffer.from(raw)
          .toString('latin1')
          .split('\r\n')
          .every((line) => line.length <= 998),
      ).toBe(true);
      const parsed = await PostalMime.parse(raw);
      expect(parsed.subject).toBe(mail.subject);
      expect(parsed.from?.address).toBe(mail.from.address);
      expect(parsed.to?.map((to) => to.address)).toEqual(mail.to);
      expect(parsed.replyTo?.map((to) => to.address) ?? []).toEqual(mail.replyTo);
      // The text and HTML as written, up to their line ends (CRLF on the wire); the parser drops the
      // whitespace that ends a quoted-printable text.
      expect(lf(parsed.text)?.trimEnd()).toBe(mail.text.trimEnd());
      expect(lf(parsed.html)).toBe(mail.html ?? undefined);
    }
  });

  it('gives the very bytes nodemailer streams, for any text, names, headers and attachments', async () => {
    // Text that stresses the encoders: non-ASCII, spaces before line ends, lone CR or LF, long lines.
    const text = fc
      .array(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.constantFrom(
            ' ',
            '  ',
            '\t',
            '\r',
            '\n',
            '\r\n',
            ' \n',
            '=',
            '.',
            'é',
            'ü',
            '€',
            '😀',
            '中文',
            'x'.repeat(90),
          ),
        ),
        { maxLength: 60 },
      )
      .map((parts) => parts.join(''));
    const attachment = fc
      .record({
        filename: fc.oneof(fc.constantFrom('cv.pdf', 'notes.txt', 'Lebenslauf – Müller.pdf'), fc.string()),
        contentType: fc.constantFrom(
          'application/pdf',
          'text/plain',
          'text/calendar; method=REPLY; charset=UTF-8',
        ),
        content: text,
        inline: fc.boolean(),
      })
      // A calendar part is never empty (calendarDecline writes one whole); nodemailer cannot stream an empty one.
      .filter((a) => !a.inline || a.content !== '');
    const mail: fc.Arbitrary<OutgoingMail> = fc.record({
      from: fc.record({
        name: fc.option(fc.string({ unit: 'grapheme' })),
        address: fc.constant('send@bowout.localhost'),
      }),
      to: fc.constant(['priya@northwind.example']),
      cc: fc.constantFrom<string[]>([], ['alex@gmail.example']),
      replyTo: fc.constantFrom<string[]>([], ['reply+abcdefghijklmnopqrst@bowout.localhost']),
      subject: fc.string({ unit: 'grapheme', maxLength: 300 }),
      text,
      html: fc.option(text.map((t) => `<p>${t}</p>`)),
      inReplyTo: fc.option(fc.constant('<invite-1@northwind.example>')),
      references: fc.constantFrom<string[]>([], ['<a@x.example>', '<b@x.example>']),
      attachments: fc.array(attachment, { maxLength: 3 }),
      headers: fc.dictionary(fc.constantFrom('X-Case', 'X-Note'), fc.string({ unit: 'grapheme' }), {
        maxKeys: 2,
      }),
      personal: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(mail, async (generated) => {
        const { atOnce, streamed } = await bothWays(generated);
        expect(atOnce).toBe(streamed);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a part too long to encode in one piece to nodemailer, with the same result', async () => {
    const long = `${'Lorem ipsum dolor sit amet, é ü € '.repeat(3_000)}  `;
    const mail: OutgoingMail = {
      from: { name: 'Bowout', address: 'send@bowout.localhost' },
      to: ['alex@gmail.example'],
      cc: [],
      replyTo: [],
      subject: 'Long',
      text: long,
      html: `<p>${long}</p>`,
      inReplyTo: null,
      references: [],
      attachments: [{ filename: 'long.txt', contentType: 'text/plain', content: long }],
      headers: {},
    };
    const { atOnce, streamed } = await bothWays(mail);
    expect(atOnce).toBe(streamed);
  });
});

describe('telling nodemailer the transfer encoding it would choose for a text part', () => {
  /** nodemailer's own choice for a text part left to it. */
  const nodemailerChoice = (text: string) =>
    new MimeNode('text/plain; charset=utf-8').setContent(text).getTransferEncoding();

  it('claims quoted-printable only where nodemailer would not choose base64, whatever the mix of scripts', () => {
    // Latin letters against characters outside ASCII of one to four bytes, and controls, near the balance
    // where nodemailer's count tips over.
    const unit = fc.oneof(
      fc.constantFrom('a', 'Z', 'q', ' ', '.', '7', '\r\n', '\t', '=', '@', '[', '`', '{'),
      fc.constantFrom(
        'é',
        'ß',
        'Ω',
        '€',
        '中',
        '😀',
        '\u00a0',
        '\ud800',
        '\u0000',
        '\u0007',
        '\u001f',
        '\u007f',
      ),
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 80 }), (units) => {
        const text = units.join('');
        if (surelyQuotedPrintable(text)) expect(nodemailerChoice(text)).not.toBe('base64');
      }),
      { numRuns: 5_000 },
    );
  });

  it('claims it for every letter Bowout writes about the invite fixtures, and for none in another script', async () => {
    for (const mail of await mailsAboutInvites()) expect(surelyQuotedPrintable(mail.text)).toBe(true);
    expect(surelyQuotedPrintable('面试邀请：我们很高兴邀请您参加面试 Interview')).toBe(false);
    expect(nodemailerChoice('面试邀请：我们很高兴邀请您参加面试 Interview')).toBe('base64');
  });
});

describe('passing an address or a header value nodemailer would write as it is straight through', () => {
  type Writer = (this: MimeNode, value: string) => string;
  const own = MimeNode.prototype as unknown as Record<'_normalizeAddress' | '_encodeHeaderText', Writer>;
  /** Everything of a short message but its sender, recipients and subject. */
  const body = {
    text: 'Hello',
    html: '<p>Hello</p>',
    inReplyTo: null,
    references: [],
    attachments: [],
    headers: {},
  };
  /** The root of a message tree as composeMime builds it, with its shortcuts, and nodemailer's own answer. */
  const root = messageTree(
    {
      from: { name: 'Bowout', address: 'send@bowout.localhost' },
      to: ['alex@gmail.example'],
      cc: [],
      replyTo: [],
      subject: 'Draft',
      ...body,
    },
    'bowout.localhost',
    UNIQUE,
  ) as unknown as Record<'_normalizeAddress' | '_encodeHeaderText', Writer> & MimeNode;
  const sameAsNodemailer = (method: '_normalizeAddress' | '_encodeHeaderText', value: string): void => {
    expect(root[method](value)).toBe(own[method].call(root, value));
  };

  // Local parts and domains near the edges of what is written as it is: quotes, specials, dots in the
  // wrong places, upper case, A-labels and Unicode, numbers where an IPv4 address could be read, hyphens.
  const localPart = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~"(),:;<>@ \\-]{1,12}$/),
    fc.constantFrom(
      'alex',
      "o'brien",
      'a.b+c',
      '.a',
      'a.',
      'a..b',
      '"quoted name"',
      'jõ',
      'ALEX',
      'reply+abcdefghijklmnopqrst',
    ),
  );
  const domain = fc.oneof(
    fc.stringMatching(/^[a-zA-Z0-9.-]{1,16}$/),
    fc.constantFrom(
      'gmail.example',
      'Gmail.Example',
      'xn--jgeva-dua.ee',
      'xn--zz.example',
      'jõgeva.ee',
      'bowout.localhost',
      'localhost',
      '1.2.3.4',
      'x.0x10',
      'x.123',
      '-x.example',
      'x-.example',
      'x--y.example',
      'x.example.',
      '[192.0.2.1]',
      'münchen.de',
    ),
  );
  const address = fc.oneof(
    fc.tuple(localPart, domain).map(([local, at]) => `${local}@${at}`),
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  );

  it('gives the very address nodemailer normalises to, whatever the address', () => {
    fc.assert(
      fc.property(address, (value) => sameAsNodemailer('_normalizeAddress', value)),
      { numRuns: 5_000 },
    );
  });

  it('gives the very header text nodemailer encodes, whatever the text', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc
        .array(
          fc.constantFrom(
            'Re: ',
            'Interview',
            ' ',
            '\t',
            '"',
            '=?',
            '?=',
            '=?utf-8?q?x?=',
            'é',
            '\u007f',
            '\r\n',
            '\u0000',
            '→',
          ),
          {
            maxLength: 12,
          },
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (value) => sameAsNodemailer('_encodeHeaderText', value)),
      { numRuns: 5_000 },
    );
  });

  it('gives the same answers for every address and subject Bowout writes about the invite fixtures', async () => {
    const mails = await mailsAboutInvites();
    for (const mail of mails) {
      for (const value of [mail.from.address, ...mail.to, ...mail.cc, ...mail.replyTo])
        sameAsNodemailer('_normalizeAddress', value);
      sameAsNodemailer('_encodeHeaderText', mail.subject);
    }
  });

  it('gives the very bytes nodemailer streams, whatever the addresses', async () => {
    const mail = fc.record({
      from: fc.record({ name: fc.constantFrom('', 'Bowout', 'Alex Rivera', 'Zoë'), address }),
      to: fc.array(address, { minLength: 1, maxLength: 3 }),
      cc: fc.array(address, { maxLength: 2 }),
      replyTo: fc.array(address, { maxLength: 2 }),
      subject: fc.constantFrom('Draft ready: Northwind', 'Entretien – Müller', '"Quoted"'),
    });
    await fc.assert(
      fc.asyncProperty(mail, async (fields) => {
        const { atOnce, streamed } = await bothWays({ ...fields, ...body });
        expect(atOnce).toBe(streamed);
      }),
      { numRuns: 500 },
    );
  });
});
