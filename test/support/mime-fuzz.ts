import fc from 'fast-check';
import PostalMime, { type Email } from 'postal-mime';
import { fixture } from './mail.js';

/**
 * Arbitraries for hostile MIME: real invites from the fixtures, mutated (line ends, boundaries,
 * charsets, 8-bit headers, giant headers, deep nesting, calendar parts, forwarded header blocks,
 * truncation, spliced bytes), and messages generated from scratch. Text is handled as latin1 so that
 * every byte survives a round trip, including the 8-bit ones.
 */

export const BASES = [
  'invites/gmail-inline.eml',
  'invites/calendar-invite.eml',
  'invites/attached-rfc822.eml',
  'invites/outlook-original-message.eml',
  'invites/gmail-html-only-tomorrow-pt.eml',
  'invites/newsletter.eml',
  'invites/not-mime.eml',
].map((name) => fixture(name).toString('latin1'));

/** Addresses the generators may write into a message; anything mailed must come from the input. */
export const POOL = [
  'alex.rivera@gmail.com',
  'priya.natarajan@northwind-analytics.com',
  'attacker@evil.example',
  'noreply@greenhouse.io',
  'hannah.cole@fabrikam.com',
  'cancel@bowout.localhost',
  'send@bowout.localhost',
  'reply+abcdefghijklmnopqrstuvwxyz234567@bowout.localhost',
  'x@y.zz',
];

const latin1 = (bytes: number[]) => String.fromCharCode(...bytes);

const address = fc.oneof(fc.constantFrom(...POOL), fc.emailAddress());
const text = fc.string({ maxLength: 80, unit: 'binary' });
const byteString = fc.uint8Array({ maxLength: 200 }).map((b) => latin1([...b]));
const name = fc.oneof(
  fc.constantFrom('Priya Natarajan', 'Natarajan, Priya', '"Evil" ', '=?utf-8?B?QGV2aWwuZXhhbXBsZQ==?='),
  byteString.map((s) => s.slice(0, 40)),
);
const dateText = fc.oneof(
  fc.constantFrom(
    'Mon, Nov 30, 2026 at 4:02 PM',
    'Tuesday, December 8, 2026 2:00 PM',
    '31/02/2026 25:61',
    'Thu, 01 Jan 1970 00:00:00 +9999',
    '',
  ),
  text,
);

/** A random calendar part: plausible and broken VEVENT lines mixed. */
export const calendarPart = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'BEGIN:VEVENT',
        'END:VEVENT',
        'BEGIN:VTIMEZONE',
        'END:VTIMEZONE',
        'METHOD:REQUEST',
        'DTSTART;TZID=Pacific Standard Time:20261208T140000',
        'DTSTART;TZID=Not/A_Zone:20261208T140000',
        'DTSTART:99999999T999999Z',
        'DTEND;VALUE=DATE:20261209',
        'DURATION:PT999999H',
        'RRULE:FREQ=SECONDLY;BYDAY=MO,TU,WE,TH,FR,SA,SU,MO,TU,WE;COUNT=999999999',
        'TZOFFSETFROM:+9999',
        'SUMMARY:Interview\\nwith\r\n\tfolded\r\n text',
        'ATTENDEE;CN=Alex:mailto:alex.rivera@gmail.com',
      ),
      address.map((a) => `ORGANIZER;CN=Organizer:mailto:${a}`),
      fc
        .tuple(fc.constantFrom('DTSTART', 'DTEND', 'SUMMARY', 'LOCATION', 'X-WR-TIMEZONE', 'UID'), text)
        .map(([k, v]) => `${k}:${v}`),
    ),
    { maxLength: 30 },
  )
  .map((lines) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n'));

/** A forwarded header block as mail clients write it, with random or hostile values. */
export const forwardedBlock = fc
  .tuple(
    fc.constantFrom(
      '---------- Forwarded message ---------',
      '-----Original Message-----',
      '-------- Message transféré --------',
      'Begin forwarded message:',
      '________________________________',
      '',
    ),
    name,
    address,
    dateText,
    text,
    address,
    fc.boolean(),
  )
  .map(([marker, who, from, date, subject, to, bracket]) =>
    [
      marker,
      `From: ${who} ${bracket ? `<${from}>` : from}`,
      `Date: ${date}`,
      `Subject: ${subject}`,
      `To: ${to}`,
      '',
      'We would like to invite you to an interview on Tuesday at 2pm.',
    ].join('\r\n'),
  );

type Mutation = (message: string) => string;

function at(message: string, fraction: number): number {
  return Math.floor(message.length * fraction);
}

const boundaryOf = (message: string) => /boundary="?([^";\r\n]+)"?/i.exec(message)?.[1];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant<Mutation>((m) => m.replace(/\r\n/g, '\r')),
  fc.constant<Mutation>((m) => m.replace(/\r?\n/g, '\n')),
  fc.constant<Mutation>((m) => m.replace(/\n/g, '\r\n\r\n')),
  // Broken boundaries: the closing one gone, one renamed, or every delimiter cut short.
  fc.constant<Mutation>((m) => {
    const b = boundaryOf(m);
    return b ? m.replaceAll(`--${b}--`, '') : m;
  }),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), byteString).map<Mutation>(([f, junk]) => (m) => {
    const b = boundaryOf(m);
    if (!b) return m;
    let seen = 0;
    const pick = Math.floor(f * 5);
    return m.replaceAll(`--${b}`, (hit) => (seen++ === pick ? `--${junk}` : hit));
  }),
  fc.constant<Mutation>((m) => {
    const b = boundaryOf(m);
    return b ? m.replaceAll(`--${b}`, `--${b.slice(0, -1)}`) : m;
  }),
  fc.constant<Mutation>((m) => m.replace(/boundary="?[^";\r\n]+"?/i, 'boundary=""')),
  // Bad charsets.
  fc
    .constantFrom(
      'x-unknown',
      'utf-7',
      'ISO-2022-JP',
      'utf-8"; charset="latin1',
      '',
      '\u00ff\u00fe',
      'EBCDIC',
    )
    .map<Mutation>((cs) => (m) => m.replace(/charset="?[^";\r\n]*"?/gi, `charset="${cs}"`)),
  // 8-bit bytes in the headers.
  fc
    .tuple(fc.uint8Array({ minLength: 1, maxLength: 60 }).map((b) => latin1([...b].map((x) => x | 0x80))))
    .map<Mutation>(
      ([high]) =>
        (m) =>
          m.replace(/^(Subject|From|To): ?/im, (h) => `${h}${high} `),
    ),
  // Giant headers: one huge line, or thousands of folded continuation lines.
  fc.tuple(fc.integer({ min: 10_000, max: 600_000 }), fc.boolean()).map<Mutation>(([size, folded]) => (m) => {
    const value = folded ? 'a\r\n '.repeat(Math.floor(size / 4)) : 'A'.repeat(size);
    return `X-Giant: ${value}\r\nSubject: ${'S'.repeat(Math.min(size, 20_000))}\r\n${m}`;
  }),
  // Deep nesting of multiparts or attached messages.
  fc.tuple(fc.integer({ min: 2, max: 120 }), fc.boolean()).map<Mutation>(([depth, rfc822]) => (m) => {
    let inner = m;
    for (let i = 0; i < depth; i++) {
      inner = rfc822
        ? `Content-Type: message/rfc822\r\n\r\n${inner}`
        : `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${inner}\r\n--n${i}--\r\n`;
    }
    return `From: alex.rivera@gmail.com\r\nTo: cancel@bowout.localhost\r\nSubject: nested\r\nMIME-Version: 1.0\r\n${inner}`;
  }),
  // A random calendar part added (or the whole body replaced by one).
  calendarPart.map<Mutation>((ics) => (m) => {
    const b = boundaryOf(m);
    if (b)
      return m.replace(
        `--${b}--`,
        `--${b}\r\nContent-Type: text/calendar; method=REQUEST\r\n\r\n${ics}\r\n--${b}--`,
      );
    const split = m.indexOf('\r\n\r\n');
    return split < 0 ? `${m}\r\n${ics}` : `${m.slice(0, split)}\r\n\r\n${ics}`;
  }),
  // A random forwarded header block inserted into the body.
  fc.tuple(forwardedBlock, fc.double({ min: 0, max: 1, noNaN: true })).map<Mutation>(([block, f]) => (m) => {
    const split = m.indexOf('\r\n\r\n');
    const start = split < 0 ? 0 : split + 4;
    const cut = start + Math.floor((m.length - start) * f);
    return `${m.slice(0, cut)}\r\n${block}\r\n${m.slice(cut)}`;
  }),
  // Truncation, spliced bytes, a region duplicated.
  fc.double({ min: 0, max: 1, noNaN: true }).map<Mutation>((f) => (m) => m.slice(0, at(m, f))),
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), byteString).map<Mutation>(
    ([f, junk]) =>
      (m) =>
        `${m.slice(0, at(m, f))}${junk}${m.slice(at(m, f))}`,
  ),
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 0.3, noNaN: true }))
    .map<Mutation>(([f, len]) => (m) => {
      const start = at(m, f);
      return m.slice(0, start) + m.slice(start, start + at(m, len)).repeat(3) + m.slice(start);
    }),
  // Headers that claim a transfer encoding the body does not have.
  fc
    .constantFrom('base64', 'quoted-printable', 'x-uuencode', '8bit', 'binary')
    .map<Mutation>(
      (enc) => (m) =>
        m.replace(/^MIME-Version: 1.0/im, `MIME-Version: 1.0\r\nContent-Transfer-Encoding: ${enc}`),
    ),
);

/** A message generated from scratch: random headers, a random structure, random parts. */
const generated = fc
  .tuple(
    fc.oneof(address, name),
    address,
    fc.oneof(text, fc.constant('Interview invitation')),
    fc.array(fc.oneof(forwardedBlock, calendarPart, text, byteString), { minLength: 1, maxLength: 4 }),
    fc.constantFrom(
      'text/plain',
      'text/html',
      'multipart/mixed',
      'multipart/alternative',
      'message/rfc822',
      'multipart/report',
    ),
  )
  .map(([from, to, subject, parts, type]) => {
    const head = `From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nDate: Tue, 1 Dec 2026 09:15:00 -0800\r\nMIME-Version: 1.0\r\n`;
    if (!type.startsWith('multipart/')) return `${head}Content-Type: ${type}\r\n\r\n${parts.join('\r\n')}`;
    const body = parts
      .map((p, i) => `--b\r\nContent-Type: ${i % 2 ? 'text/calendar' : 'text/plain'}\r\n\r\n${p}\r\n`)
      .join('');
    return `${head}Content-Type: ${type}; boundary="b"\r\n\r\n${body}--b--\r\n`;
  });

/** Raw hostile mail as latin1 text (one character per byte). */
export const hostileMime: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([base, ms]) => ms.reduce((m, f) => f(m), base)),
  },
  { weight: 1, arbitrary: generated },
);

export const toBytes = (latin: string) => new Uint8Array(Buffer.from(latin, 'latin1'));

/**
 * Everything a message says, raw and decoded (headers, encoded words, bodies, attachments, attached
 * messages), lower-cased: an address that Bowout mails must appear somewhere in here.
 */
export async function inputHaystack(raw: Uint8Array): Promise<string> {
  const parts = [Buffer.from(raw).toString('latin1'), Buffer.from(raw).toString('utf8')];
  const visit = async (source: Uint8Array | string, depth: number) => {
    let email: Email;
    try {
      email = await PostalMime.parse(source, {
        forceRfc822Attachments: true,
        maxNestingDepth: 64,
        maxHeadersSize: 1_000_000,
      });
    } catch {
      return;
    }
    parts.push(
      JSON.stringify(email.headers),
      JSON.stringify([email.from, email.to, email.cc, email.replyTo, email.sender]),
    );
    parts.push(email.text ?? '', email.html ?? '', email.subject ?? '');
    for (const attachment of email.attachments) {
      const content =
        typeof attachment.content === 'string'
          ? attachment.content
          : new Uint8Array(attachment.content as ArrayBuffer);
      parts.push(typeof content === 'string' ? content : Buffer.from(content).toString('utf8'));
      if (attachment.mimeType === 'message/rfc822' && depth < 6) await visit(content, depth + 1);
    }
  };
  await visit(raw, 0);
  return parts.join('\n').toLowerCase();
}

/** True when `address` appears in the haystack as a whole address (not inside a longer one). */
export function mentions(haystack: string, address: string): boolean {
  const needle = address.toLowerCase();
  let from = 0;
  for (;;) {
    const i = haystack.indexOf(needle, from);
    if (i < 0) return false;
    const before = haystack[i - 1] ?? ' ';
    const after = haystack[i + needle.length] ?? ' ';
    if (!/[a-z0-9._%+-]/.test(before) && !/[a-z0-9-]/.test(after)) return true;
    from = i + 1;
  }
}
