import fc from 'fast-check';
import { calendarPart, forwardedBlock } from './mime-fuzz.js';

/**
 * Mail carrying attachments, generated from scratch in every shape the pass that empties unread parts
 * must follow exactly as postal-mime does: boundaries quoted, bare, folded, duplicated, with odd
 * characters, in RFC 2231 sections or comments; nested multiparts, digests and attached messages; CRLF
 * or LF; calendars by type, by name (plain, encoded word, RFC 2231) or by their first bytes; a delimiter
 * missing, another hidden inside a body, a part without the blank line after its headers. Latin1 text,
 * one character per byte.
 */

const BOUNDARIES = [
  'b1',
  '----=_Part_0_123.456',
  "odd'(b)+,-./:=?_",
  'with space',
  '_000_DM6PR_',
  'Apple-Mail=_F00D',
];

/** A Content-Type header for a multipart, spelled one of the many ways mail (and attackers) write it. */
const multipartHeader = (subtype: string, boundary: string) =>
  fc
    .constantFrom(
      `Content-Type: multipart/${subtype}; boundary="${boundary}"`,
      `Content-Type: multipart/${subtype};\n\tboundary="${boundary}"`,
      `Content-Type: Multipart/${subtype.toUpperCase()}; BOUNDARY="${boundary}"; charset=x`,
      `Content-Type: multipart/${subtype}; boundary="${boundary}"; boundary="other"`,
      `Content-Type: multipart/${subtype}; boundary=${boundary.replace(/[ "()]/g, '')}`,
      `Content-Type: multipart/${subtype}; boundary*0="${boundary.slice(0, 2)}"; boundary*1="${boundary.slice(2)}"`,
      `Content-Type: multipart/${subtype} (comment); boundary="${boundary}"`,
      `Content-Type: multipart/${subtype}; flag; boundary="${boundary}"`,
      `Content-Type: multipart/${subtype}; boundary="${boundary}" trailing`,
    )
    .map((header) => ({ header, boundary: header.includes('boundary=') ? declared(header) : boundary }));

/** The boundary a bare `boundary=` spelling declares (quotes stripped), for writing its delimiters. */
function declared(header: string): string {
  const match = header.match(/boundary=("([^"]*)"|[^;\s]+)/i);
  return match?.[2] ?? match?.[1] ?? 'b1';
}

const base64Lines = (bytes: Uint8Array) =>
  Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\n').replace(/\n$/, '');

const qp = (text: string) =>
  text.replace(/[=\u0080-\u00ff]/g, (c) => `=${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

const INVITE =
  'Hi Alex,\nWe would like to invite you to an interview for the Data Engineer role on Tuesday, 8 December 2026 at 2pm.\nPriya Natarajan\nNorthwind Analytics';

/** A leaf part: headers (without the blank line) and a body. */
interface Leaf {
  headers: string[];
  body: string;
}

const transfer = fc.constantFrom(
  'base64',
  'BASE64',
  '(comment) base64',
  'quoted-printable',
  '7bit',
  '"base64"',
);

function encoded(body: string, encoding: string): string {
  if (/base64/i.test(encoding)) return base64Lines(Buffer.from(body, 'latin1'));
  if (/quoted/i.test(encoding)) return qp(body);
  return body;
}

const calendarName = fc.constantFrom(
  'name="invite.ics"',
  'name=invite.ICS',
  'name="=?UTF-8?B?aW52aXRlLmljcw==?="',
  "name*=utf-8''invit%C3%A9.ics",
  "name*0*=utf-8''inv; name*1=ite.ics",
  'name="invite.ics.pdf"',
  'name="invite (1).vcs"',
);

const leaf: fc.Arbitrary<Leaf> = fc.oneof(
  fc.tuple(fc.oneof(forwardedBlock, fc.constant(INVITE)), fc.constantFrom('', 'inline', 'attachment')).map(
    ([text, disposition]): Leaf => ({
      headers: [
        'Content-Type: text/plain; charset=utf-8',
        ...(disposition ? [`Content-Disposition: ${disposition}`] : []),
      ],
      body: text,
    }),
  ),
  fc.constant<Leaf>({
    headers: ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'],
    body: qp(`<div>${INVITE.replace(/\n/g, '<br>')}</div>`),
  }),
  // Attachments Bowout never reads: valid base64, or base64 that is not base64 at all.
  fc
    .tuple(
      fc.constantFrom(
        'application/pdf',
        'image/png',
        'application/vnd.ms-excel',
        'text/csv',
        'application/zip',
      ),
      fc.uint8Array({ minLength: 0, maxLength: 600 }),
      fc.constantFrom(
        'portfolio.pdf',
        '=?UTF-8?Q?R=C3=A9sum=C3=A9?=.pdf',
        'Invoice (1).pdf',
        'C:\\x.pdf',
        '',
      ),
      fc.boolean(),
    )
    .map(
      ([type, bytes, name, broken]): Leaf => ({
        headers: [
          `Content-Type: ${type}${name ? `; name="${name}"` : ''}`,
          `Content-Disposition: attachment${name ? `; filename="${name}"` : ''}`,
          'Content-Transfer-Encoding: base64',
        ],
        body: broken ? `!!not base64!!\n${'-'.repeat(10)}\n====\n` : base64Lines(bytes),
      }),
    ),
  // Calendars: by type, by name, or nameless octet-stream read by its first bytes.
  fc
    .tuple(
      calendarPart,
      fc.constantFrom(
        'text/calendar; method=REQUEST',
        'application/ics',
        'application/octet-stream',
        'TEXT/X-VCALENDAR',
      ),
      fc.option(calendarName, { nil: undefined }),
      transfer,
      fc.constantFrom('', '\uFEFF', '\n\n  ', 'X'),
    )
    .map(
      ([ics, type, name, encoding, lead]): Leaf => ({
        headers: [
          `Content-Type: ${type}${name ? `; ${name}` : ''}`,
          `Content-Transfer-Encoding: ${encoding}`,
          ...(name ? [`Content-Disposition: attachment; ${name.replace(/^name/, 'filename')}`] : []),
        ],
        body: encoded(lead === '\uFEFF' ? `\u00ef\u00bb\u00bf${ics}` : `${lead}${ics}`, encoding),
      }),
    ),
  // A nameless octet-stream that is not a calendar, or whose calendar starts too late to count.
  fc.constantFrom<Leaf>(
    {
      headers: ['Content-Type: application/octet-stream', 'Content-Transfer-Encoding: base64'],
      body: base64Lines(Buffer.from('%PDF-1.7 not a calendar')),
    },
    {
      headers: ['Content-Type: application/octet-stream'],
      body: `${' '.repeat(70)}BEGIN:VCALENDAR\nEND:VCALENDAR`,
    },
    { headers: ['Content-Type: application/octet-stream', 'Content-Transfer-Encoding: base64'], body: '' },
  ),
);

/** A part without a Content-Type: plain text, or in a digest a message (RFC 2046 5.1.5). */
const untyped: fc.Arbitrary<Leaf> = fc.constant<Leaf>({
  headers: ['Content-Description: no type given'],
  body: `From: Priya Natarajan <priya.natarajan@northwind-analytics.com>\nSubject: Interview\n\n${INVITE}`,
});

/** Headers of the outer message. */
const TOP =
  'From: Alex Rivera <alex.rivera@gmail.com>\nTo: cancel@bowout.localhost\nSubject: Fwd: Interview\nDate: Tue, 1 Dec 2026 09:15:00 -0800\nMIME-Version: 1.0';

interface Node {
  headers: string[];
  body: string;
}

/** A part: a leaf, an attached message, or a multipart of parts, to a bounded depth. */
const part: fc.Memo<Node> = fc.memo((depth) => {
  if (depth <= 1) return fc.oneof({ weight: 5, arbitrary: leaf }, { weight: 1, arbitrary: untyped });
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: untyped },
    { weight: 2, arbitrary: multipart(depth - 1) },
    {
      weight: 1,
      arbitrary: part(depth - 1).map(
        (inner): Node => ({
          headers: [
            'Content-Type: message/rfc822',
            'Content-Disposition: attachment; filename="original.eml"',
          ],
          body: `${TOP.replace('Fwd: ', '')}\n${inner.headers.join('\n')}\n\n${inner.body}`,
        }),
      ),
    },
  );
});

/** Ways a multipart's delimiters go wrong. */
const flaw = fc.constantFrom(
  'none',
  'none',
  'none',
  'no-closing',
  'delimiter-in-body',
  'near-delimiter',
  'no-blank-line',
);

function multipart(depth: number): fc.Arbitrary<Node> {
  return fc
    .tuple(
      fc.constantFrom('mixed', 'alternative', 'related', 'digest'),
      fc.constantFrom(...BOUNDARIES),
      fc.array(part(depth), { minLength: 1, maxLength: 4 }),
      flaw,
    )
    .chain(([subtype, boundary, children, defect]) =>
      multipartHeader(subtype, `${boundary}${depth}`).map(({ header, boundary: b }): Node => {
        const pieces = children.map((child, i) => {
          const blank = defect === 'no-blank-line' && i === 0 ? '' : '\n';
          let body = child.body;
          if (defect === 'delimiter-in-body' && i === 0) body = `--${b}\n${body}`;
          if (defect === 'near-delimiter' && i === 0) body = `--${b}x\n--${b} and more\n ${body}`;
          return `--${b}\n${child.headers.join('\n')}\n${blank}${body}\n`;
        });
        const closing = defect === 'no-closing' ? '' : `--${b}--\n`;
        return { headers: [header], body: `preamble\n${pieces.join('')}${closing}epilogue\n` };
      }),
    );
}

/** A whole message with attachments, latin1, with LF, CRLF or mixed line ends. */
export const attachmentMime: fc.Arbitrary<string> = fc
  .tuple(multipart(3), fc.constantFrom('\r\n', '\n', 'mixed'))
  .map(([root, newline]) => {
    const text = `${TOP}\n${root.headers.join('\n')}\n\n${root.body}`;
    if (newline === '\n') return text;
    if (newline === '\r\n') return text.replace(/\n/g, '\r\n');
    let k = 0;
    return text.replace(/\n/g, () => (k++ % 3 ? '\r\n' : '\n'));
  });
