import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import PostalMime from 'postal-mime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { type ParsedMail, parseMail } from '../../functions/domain/mail/parse-mail.js';
import { emptyUnreadParts, type UnreadPartsOptions } from '../../functions/domain/mail/unread-parts.js';
import { attachmentMime } from '../support/attachment-mime.js';
import { FIXTURES } from '../support/mail.js';
import { hostileMime, toBytes } from '../support/mime-fuzz.js';

/**
 * Attachments are never decoded: before postal-mime sees a message, the body of every part Bowout does not
 * read is left out (its headers stay), and the parse of what remains equals the parse of the whole.
 */

const OPTIONS: UnreadPartsOptions = {
  attachedMessageLevels: 3,
  maxHeaderBytes: 1_000_000,
  maxNestingDepth: 64,
};
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');

/** The parse with the pass and without it, or the error each threw. */
async function bothWays(raw: Uint8Array): Promise<[ParsedMail | string, ParsedMail | string]> {
  const outcome = (p: Promise<ParsedMail>) => p.catch((error: Error) => `${error.name}: ${error.message}`);
  return [await outcome(parseMail(raw)), await outcome(parseMail(raw, { decodeEveryPart: true }))];
}

const PDF_MARK = 'THIS-PDF-BODY-IS-NEVER-DECODED';
/** Base64 the size of a real attachment, and broken, so that decoding it would be both slow and noisy. */
const hugeBrokenBase64 = `${PDF_MARK}!!\r\n${`${'%'.repeat(38)}${'QUJD'.repeat(10)}\r\n`.repeat(25_000)}`;

const ICS = crlf(`BEGIN:VCALENDAR
METHOD:REQUEST
BEGIN:VEVENT
DTSTART:20261208T220000Z
DTEND:20261208T230000Z
SUMMARY:Interview: Senior Data Engineer
ORGANIZER;CN=Priya Natarajan:mailto:priya.natarajan@northwind-analytics.com
END:VEVENT
END:VCALENDAR`);

/** The recruiter's invite, forwarded as an attached message that carries its own PDF and a calendar. */
const original = crlf(`From: Priya Natarajan <priya.natarajan@northwind-analytics.com>
To: Alex Rivera <alex.rivera@gmail.com>
Subject: Interview for Senior Data Engineer at Northwind Analytics
Date: Mon, 30 Nov 2026 16:02:00 -0800
Message-ID: <invite-1@northwind-analytics.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="inner"

--inner
Content-Type: text/plain; charset=utf-8

Hi Alex, we would like to invite you to an interview for the Senior Data Engineer role
on Tuesday, 8 December 2026 at 2:00 PM Pacific. Best, Priya
--inner
Content-Type: application/pdf; name="job-description.pdf"
Content-Disposition: attachment; filename="job-description.pdf"
Content-Transfer-Encoding: base64

`);

const forwarded = (pdfBody: string) =>
  crlf(`From: Alex Rivera <alex.rivera@gmail.com>
To: cancel@bowout.localhost
Subject: Fwd: Interview for Senior Data Engineer at Northwind Analytics
Date: Tue, 1 Dec 2026 09:15:00 -0800
Message-ID: <fwd-1@mail.gmail.com>
MIME-Version: 1.0
Content-Type: multipart/mixed;
 boundary="=_outer (1)"

--=_outer (1)
Content-Type: multipart/related; boundary=rel

--rel
Content-Type: text/html; charset=utf-8

<p>Please cancel this one for me.</p><img src="cid:logo">
--rel
Content-Type: image/png; name="logo.png"
Content-ID: <logo>
Content-Transfer-Encoding: base64

iVBORw0KGgo${PDF_MARK}
--rel--
--=_outer (1)
Content-Type: application/octet-stream; name="invite.ics"
Content-Disposition: attachment; filename="invite.ics"
Content-Transfer-Encoding: base64

${Buffer.from(ICS).toString('base64')}
--=_outer (1)
Content-Type: application/pdf; name="cv.pdf"
Content-Disposition: attachment; filename="cv.pdf"
Content-Transfer-Encoding: base64

`) +
  pdfBody +
  crlf(`
--=_outer (1)
Content-Type: message/rfc822

`) +
  original +
  pdfBody +
  crlf(`
--inner--

--=_outer (1)--
`);

describe('parts Bowout never reads', () => {
  afterEach(() => vi.restoreAllMocks());

  it('never reach the MIME parser: a 4 MB forward hands it a few kilobytes, and the invite is still read', async () => {
    const raw = new TextEncoder().encode(forwarded(hugeBrokenBase64));
    expect(raw.byteLength).toBeGreaterThan(4_000_000);
    const inputs: Uint8Array[] = [];
    const parse = PostalMime.parse.bind(PostalMime);
    vi.spyOn(PostalMime, 'parse').mockImplementation(async (input, options) => {
      inputs.push(input as Uint8Array);
      return parse(input, options);
    });

    const mail = await parseMail(raw);

    // The message and the attached original, each parsed once, neither with an attachment's body.
    expect(inputs).toHaveLength(2);
    for (const input of inputs) {
      expect(input.byteLength).toBeLessThan(5_000);
      expect(latin1(input)).not.toContain(PDF_MARK);
    }
    // Their headers stay, so the parser still knows every attachment by name and type.
    expect(latin1(inputs[0] as Uint8Array)).toContain('filename="cv.pdf"');
    expect(latin1(inputs[1] as Uint8Array)).toContain('filename="job-description.pdf"');
    expect(mail.text).toContain('Please cancel this one');
    expect(mail.calendars).toHaveLength(1);
    expect(mail.calendars[0]).toContain('SUMMARY:Interview: Senior Data Engineer');
    expect(mail.attached).toHaveLength(1);
    expect(mail.attached[0]?.text).toContain('invite you to an interview');
    const { facts } = understandInvite(mail, {
      userAddress: 'alex.rivera@gmail.com',
      ownDomain: 'bowout.localhost',
    });
    expect(facts.employer.email).toBe('priya.natarajan@northwind-analytics.com');
    expect(await parseMail(raw, { decodeEveryPart: true })).toEqual(mail);
  });

  it('are left out with their headers kept, while text, HTML, calendars and forwarded messages stay whole', () => {
    const raw = new TextEncoder().encode(forwarded(`${Buffer.from('%PDF-1.7').toString('base64')}`));
    const { bytes, emptiedParts, gaveUp } = emptyUnreadParts(raw, OPTIONS);
    const kept = latin1(bytes);
    expect(gaveUp).toBeNull();
    // The PNG, the CV, and the PDF inside the attached original (which is read, so followed inside).
    expect(emptiedParts).toBe(3);
    expect(kept).not.toContain(PDF_MARK);
    expect(kept).not.toContain(`cv.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjc`);
    expect(kept).toContain('Content-Type: image/png; name="logo.png"\r\nContent-ID: <logo>');
    expect(kept).toContain('Please cancel this one');
    expect(kept).toContain(Buffer.from(ICS).toString('base64'));
    expect(kept).toContain('invite you to an interview');
    expect(kept).toContain(
      'filename="job-description.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n--inner--',
    );
  });

  it('include forwarded messages once Bowout reads no more of them', () => {
    const raw = new TextEncoder().encode(forwarded('JVBERi0xLjc='));
    const read = latin1(emptyUnreadParts(raw, OPTIONS).bytes);
    const unread = latin1(emptyUnreadParts(raw, { ...OPTIONS, attachedMessageLevels: 0 }).bytes);
    expect(read).toContain('invite you to an interview');
    expect(unread).not.toContain('invite you to an interview');
    expect(unread).toContain('Content-Type: message/rfc822');
  });

  it('are read as before when a calendar hides as a nameless octet-stream, an encoded name or RFC 2231 sections', async () => {
    const calendarAs = (headers: string, body: string) =>
      new TextEncoder().encode(
        `${crlf(`From: alex.rivera@gmail.com
Subject: Fwd: Interview
Content-Type: multipart/mixed; boundary=b

--b
Content-Type: text/plain

Forwarding the interview invite.
--b
${headers}

`)}${body}\r\n--b--\r\n`,
      );
    const base64 = Buffer.from(ICS).toString('base64');
    for (const raw of [
      calendarAs('Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64', base64),
      calendarAs('Content-Type: application/octet-stream', `\r\n  ${ICS}`),
      calendarAs('Content-Type: application/pdf; name="=?UTF-8?B?aW52aXRlLmljcw==?="', ICS),
      calendarAs(
        "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename*0*=utf-8''inv%C3%A9; filename*1=te.ics",
        ICS,
      ),
      calendarAs('Content-Type: text/plain; name="meeting.vcs"\r\nContent-Disposition: attachment', ICS),
    ]) {
      const [skipping, decoding] = await bothWays(raw);
      expect(skipping).toEqual(decoding);
      expect((skipping as ParsedMail).calendars).toHaveLength(1);
      expect(emptyUnreadParts(raw, OPTIONS).emptiedParts).toBe(0);
    }
    // And a nameless octet-stream that is no calendar is emptied.
    const pdf = calendarAs(
      'Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64',
      'JVBERi0xLjc=',
    );
    expect(emptyUnreadParts(pdf, OPTIONS).emptiedParts).toBe(1);
    const [skipping, decoding] = await bothWays(pdf);
    expect(skipping).toEqual(decoding);
  });

  it('follow the parser through malformed structure: a missing closing delimiter, a near-delimiter in a body, LF line ends, folded and odd boundaries', async () => {
    const raw = new TextEncoder().encode(
      [
        'From: alex.rivera@gmail.com',
        'Subject: Fwd: Interview',
        'Content-Type: multipart/mixed;',
        '\tboundary="odd\'(b)+,-./:=?"',
        '',
        "--odd'(b)+,-./:=?",
        'Content-Type: application/pdf',
        '',
        'AAAA',
        "--odd'(b)+,-./:=?x is not a delimiter, so this line is still the PDF's",
        "--odd'(b)+,-./:=? \t",
        'Content-Type: text/plain',
        '',
        'We would like to invite you to an interview on Tuesday at 2pm.',
        "--odd'(b)+,-./:=?",
        'Content-Type: multipart/alternative; boundary=alt',
        '',
        '--alt',
        'Content-Type: image/gif',
        '',
        'R0lGODlh',
        '--alt',
        'Content-Type: text/html',
        '',
        '<p>See you then.</p>',
        '',
      ].join('\n'),
    );
    const kept = latin1(emptyUnreadParts(raw, OPTIONS).bytes);
    expect(kept).not.toContain('AAAA');
    expect(kept).not.toContain('still the PDF');
    expect(kept).not.toContain('R0lGODlh');
    expect(kept).toContain('invite you to an interview');
    expect(kept).toContain('<p>See you then.</p>');
    const [skipping, decoding] = await bothWays(raw);
    expect(skipping).toEqual(decoding);
  });

  it('are all kept when the message names a multipart in a way the pass cannot read exactly as the parser does', () => {
    for (const header of [
      'Content-Type: multipart/mixed (a comment); boundary="b"',
      'Content-Type: multipart/mixed; boundary*0="b"',
      'Content-Type: multipart/mixed; boundary="b\\"c"',
    ]) {
      const raw = new TextEncoder().encode(
        crlf(`Subject: x\n${header}\n\n--b\nContent-Type: application/pdf\n\nJVBERi0xLjc=\n--b--\n`),
      );
      const result = emptyUnreadParts(raw, OPTIONS);
      expect(result.gaveUp).toMatch(/multipart/);
      expect(result.bytes).toBe(raw);
    }
  });

  it('give back the very same bytes, uncopied, when there is nothing to leave out', () => {
    const raw = readFileSync(join(FIXTURES, 'invites/gmail-inline.eml'));
    const result = emptyUnreadParts(raw, OPTIONS);
    expect(result).toEqual({ bytes: raw, emptiedParts: 0, emptiedBytes: 0, gaveUp: null });
  });
});

describe('the mail Bowout reads, with unread parts left out', () => {
  const emls = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? emls(join(dir, entry.name))
        : entry.name.endsWith('.eml')
          ? [join(dir, entry.name)]
          : [],
    );

  it('equals the mail parsed whole for every fixture, and some fixtures have parts left out', async () => {
    let emptied = 0;
    const differ: string[] = [];
    const files = emls(FIXTURES);
    expect(files.length).toBeGreaterThan(300);
    for (const file of files) {
      const raw = readFileSync(file);
      if (emptyUnreadParts(raw, OPTIONS).emptiedBytes > 0) emptied++;
      const [skipping, decoding] = await bothWays(raw);
      try {
        expect(skipping).toEqual(decoding);
      } catch {
        differ.push(file.slice(FIXTURES.length));
      }
    }
    expect(differ).toEqual([]);
    expect(emptied).toBeGreaterThan(50);
  }, 120_000);

  it('equals the mail parsed whole for generated mail with attachments in every shape', async () => {
    let emptied = 0;
    await fc.assert(
      fc.asyncProperty(attachmentMime, async (text) => {
        const raw = toBytes(text);
        if (emptyUnreadParts(raw, OPTIONS).emptiedBytes > 0) emptied++;
        const [skipping, decoding] = await bothWays(raw);
        expect(skipping).toEqual(decoding);
      }),
      { seed: 20261130, numRuns: 400 },
    );
    expect(emptied).toBeGreaterThan(100);
  }, 120_000);

  it('equals the mail parsed whole for hostile mail', async () => {
    await fc.assert(
      fc.asyncProperty(hostileMime, async (text) => {
        const [skipping, decoding] = await bothWays(toBytes(text));
        expect(skipping).toEqual(decoding);
      }),
      { seed: 4021, numRuns: 200 },
    );
  }, 120_000);
});
