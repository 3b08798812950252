import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normaliseName } from '../../functions/domain/invite/find-contact.js';
import { findOriginal } from '../../functions/domain/invite/find-original.js';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';

/**
 * The forward-parser fixtures (bodies of forwarding mail from a forwarded-mail parser's test suite, with
 * the expected original sender; origin in test/fixtures/forward-parser/README.md), turned into whole
 * forwarded .eml messages as real clients send them: plain text, or HTML only.
 */
const CORPUS = fileURLToPath(new URL('../fixtures/forward-parser/', import.meta.url));

export interface ForwardCase {
  id: string;
  body: string;
  /** The forwarding mail's own subject line ("Fw: …"), when the corpus gives one. */
  subject: string | null;
  expected: { address: string; name: string | null };
}

interface ManifestCase {
  id: string;
  body_file: string;
  subject_file: string | null;
  expect: { from?: { address?: string | null; name?: string | null } | null };
}

function readCorpusFile(relative: string): string {
  return readFileSync(`${CORPUS}${relative}`, 'utf8');
}

/** Every case of the manifest that expects an original sender with an address. */
export function loadForwardCases(): ForwardCase[] {
  const manifest = JSON.parse(readCorpusFile('manifest.json')) as { cases: ManifestCase[] };
  const cases: ForwardCase[] = [];
  for (const entry of manifest.cases) {
    const from = entry.expect.from;
    if (!from?.address) continue;
    cases.push({
      id: entry.id,
      body: readCorpusFile(entry.body_file),
      subject: entry.subject_file ? readCorpusFile(entry.subject_file).trim() : null,
      expected: { address: from.address, name: from.name || null },
    });
  }
  return cases;
}

export type HtmlStyle = 'br' | 'div' | 'gmail' | 'outlook';

const OUTER_FROM = 'Sam Taylor <sam.taylor@gmail.com>';
export const USER_ADDRESS = 'sam.taylor@gmail.com';

function isAscii(text: string): boolean {
  return /^[\x20-\x7e\t\r\n]*$/.test(text);
}

function encodedWord(text: string): string {
  return isAscii(text) ? text : `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** Quoted-printable (RFC 2045) of UTF-8 text, with CRLF line ends and soft breaks under 76 characters. */
export function quotedPrintable(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    let encoded = '';
    for (const byte of Buffer.from(line, 'utf8')) {
      const plain = (byte >= 33 && byte <= 126 && byte !== 61) || byte === 32 || byte === 9;
      encoded += plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    // A trailing space or tab must be encoded, or transports may strip it.
    encoded = encoded.replace(
      /[ \t]$/,
      (ch) => `=${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
    let rest = encoded;
    while (rest.length > 75) {
      let cut = 75;
      // Never split an =XX escape.
      const escapeAt = rest.lastIndexOf('=', cut);
      if (escapeAt > cut - 3) cut = escapeAt;
      lines.push(`${rest.slice(0, cut)}=`);
      rest = rest.slice(cut);
    }
    lines.push(rest);
  }
  return lines.join('\r\n');
}

function base64Lines(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g)
      ?.join('\r\n') ?? ''
  );
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Mail apps turn addresses into mailto links; the visible text stays the address. */
function linkAddresses(escapedLine: string): string {
  return escapedLine.replace(
    /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/g,
    (address) => `<a href="mailto:${address}">${address}</a>`,
  );
}

/** The fixture's lines as the HTML body of an HTML-only forward, in the shape of one client family. */
export function forwardHtml(body: string, style: HtmlStyle): string {
  const lines = body.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n').map(escapeHtml);
  switch (style) {
    case 'br':
      return `<html><body>${lines.join('<br>')}</body></html>`;
    case 'div':
      return `<html><body>${lines.map((l) => `<div>${l || '<br>'}</div>`).join('')}</body></html>`;
    case 'gmail': {
      const inner = lines.map((l) => `<div>${linkAddresses(l) || '<br>'}</div>`).join('\n');
      return `<div dir="ltr"><div class="gmail_quote"><div dir="ltr" class="gmail_attr">${inner}</div></div></div>`;
    }
    case 'outlook': {
      const paragraphs = lines.map(
        (l) => `<p class="MsoNormal">${linkAddresses(l).replace(/ /g, '&nbsp;') || '&nbsp;'}<o:p></o:p></p>`,
      );
      return (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style><!-- p.MsoNormal {margin:0} --></style></head>' +
        `<body lang="EN-US"><div class="WordSection1">\r\n${paragraphs.join('\r\n')}\r\n</div></body></html>`
      );
    }
  }
}

/** A whole forwarded message around the fixture body, as the user's mail client would send it. */
export function forwardEml(testCase: ForwardCase, form: 'text' | HtmlStyle): string {
  const subject = `Fwd: ${testCase.subject ?? 'Interview'}`;
  const headers = [
    `From: ${OUTER_FROM}`,
    'To: cancel@bowout.localhost',
    `Subject: ${encodedWord(subject)}`,
    'Date: Tue, 1 Dec 2026 09:15:00 -0800',
    `Message-ID: <fwd-${testCase.id.replace(/[^A-Za-z0-9._-]/g, '.')}@mail.gmail.com>`,
    'MIME-Version: 1.0',
  ];
  if (form === 'text') {
    const ascii = isAscii(testCase.body);
    headers.push(
      'Content-Type: text/plain; charset=utf-8',
      `Content-Transfer-Encoding: ${ascii ? '7bit' : 'quoted-printable'}`,
    );
    const body = ascii ? testCase.body.replace(/\r?\n/g, '\r\n') : quotedPrintable(testCase.body);
    return `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
  }
  headers.push('Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64');
  return `${headers.join('\r\n')}\r\n\r\n${base64Lines(forwardHtml(testCase.body, form))}\r\n`;
}

export interface ForwardOutcome {
  ok: boolean;
  got: { email: string | null; name: string | null };
  want: { email: string; name: string | null };
  /** What step 1 (findOriginal) read as the original sender, to tell its failures from later steps'. */
  found: { email: string | null; name: string | null };
  /** Whether understandInvite took the forward for an invite (a non-invite reports no employer). */
  isInvite: boolean;
}

/** Runs exactly what `bowout extract` runs and compares the employer with the corpus' original sender. */
export async function checkForward(testCase: ForwardCase, form: 'text' | HtmlStyle): Promise<ForwardOutcome> {
  const mail = await parseMail(forwardEml(testCase, form));
  const { facts, isInvite } = understandInvite(mail, {
    userAddress: mail.from?.address ?? '',
    ownDomain: 'bowout.localhost',
  });
  const original = findOriginal(mail);
  const found = { email: original.from?.address ?? null, name: normaliseName(original.from?.name) };
  const want = {
    email: testCase.expected.address.toLowerCase(),
    name: normaliseName(testCase.expected.name),
  };
  const got = { email: facts.employer.email, name: facts.employer.name };
  const ok = got.email?.toLowerCase() === want.email && got.name === want.name;
  return { ok, got, want, found, isInvite };
}
