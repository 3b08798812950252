import type MimeNode from 'nodemailer/lib/mime-node';
import { encode as quotedPrintable, wrap as wrapQuotedPrintable } from 'nodemailer/lib/qp';

/**
 * The bytes of a message tree that nodemailer's MailComposer compiled, as its `build()` gives them.
 *
 * nodemailer decides everything a message is made of: its structure, every header (encoded words,
 * addresses, folding) and each part's transfer encoding. Its `build()` then pipes every part through
 * streams of its own, with several event loop turns per part: most of the time of composing a short mail.
 * Parts that are strings or bytes of modest size (all of Bowout's, in practice) are written here in one
 * synchronous pass with nodemailer's own quoted-printable encoder (base64 lines are cut here, as its stream
 * cuts them), joined as `build()` joins them: a part's headers, a blank line, its encoded body; a
 * multipart's children between their boundary lines; a line break at the very end. Anything else is left
 * to `build()`. test/unit/mime-bytes.test.ts holds the two to the same bytes, over every kind of mail
 * Bowout writes and generated ones.
 */
export async function messageBytes(root: MimeNode): Promise<Buffer> {
  if (!writableAtOnce(root)) return root.build();
  const chunks: (string | Buffer)[] = [];
  writeNode(root, chunks);
  const last = chunks.at(-1);
  const lastByte = typeof last === 'string' ? last.charCodeAt(last.length - 1) : last?.[last.length - 1];
  // As nodemailer ends every message: with a line break, completing a lone CR.
  if (lastByte !== 0x0a) chunks.push(lastByte === 0x0d ? '\n' : '\r\n');
  if (!chunks.every((chunk) => typeof chunk === 'string'))
    return Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
  const message = chunks.join('');
  // Encoded parts and headers are ASCII as a rule, which Latin-1 writes byte for byte and faster than UTF-8
  // (an address may hold UTF-8, and a 7bit or 8bit part is written as it is).
  return Buffer.from(message, Buffer.byteLength(message) === message.length ? 'latin1' : 'utf8');
}

/** Line length of both encodings, as nodemailer's encoder streams wrap by default. */
const LINE_LENGTH = 76;
/** nodemailer's quoted-printable stream encodes longer input slice by slice, which changes where lines wrap. */
const MAX_BYTES_AT_ONCE = 64 * 1024;

/**
 * Where a part's text is written as UTF-8 to be encoded, one buffer for every part of every message (each is
 * encoded to a string at once): a fresh buffer per part cost more than its encoding.
 */
const SCRATCH = Buffer.allocUnsafe(MAX_BYTES_AT_ONCE);

/** The bytes of a part's content: a string short enough is written to SCRATCH, valid until the next call. */
function contentBytes(content: string | Buffer): Buffer {
  if (typeof content !== 'string') return content;
  // A UTF-16 unit takes three bytes of UTF-8 at most.
  return content.length * 3 <= SCRATCH.length
    ? SCRATCH.subarray(0, SCRATCH.write(content))
    : Buffer.from(content);
}

/**
 * Whether every part is a string or bytes in memory, short enough to encode in one piece, and
 * quoted-printable only for text (nodemailer keeps a lone CR or LF of other parts as data, which its
 * exported encoder does not).
 */
function writableAtOnce(node: MimeNode): boolean {
  const content = node.content;
  if (content !== undefined && content !== '') {
    if (typeof content !== 'string' && !Buffer.isBuffer(content)) return false;
    // A UTF-16 unit takes three bytes of UTF-8 at most.
    if (content.length * 3 > MAX_BYTES_AT_ONCE && Buffer.byteLength(content) > MAX_BYTES_AT_ONCE)
      return false;
    const declared = String(node.getHeader('Content-Transfer-Encoding') ?? '').toLowerCase();
    if (declared === 'quoted-printable' && !/^text\//i.test(node.contentType ?? '')) return false;
  }
  return node.childNodes.every(writableAtOnce);
}

function writeNode(node: MimeNode, chunks: (string | Buffer)[]): void {
  // buildHeaders() chooses the transfer encoding and records it among the headers it writes.
  chunks.push(`${node.buildHeaders()}\r\n\r\n`);
  const content = node.content as string | Buffer | undefined;
  if (content) {
    const encoding = String(node.getHeader('Content-Transfer-Encoding') ?? '').toLowerCase();
    if (encoding === 'base64') chunks.push(base64Lines(content));
    else if (encoding === 'quoted-printable') chunks.push(quotedPrintableText(content));
    else chunks.push(content);
  }
  if (node.multipart) {
    node.childNodes.forEach((child, index) => {
      chunks.push(`${index > 0 ? '\r\n' : ''}--${node.boundary}\r\n`);
      writeNode(child, chunks);
    });
    chunks.push(`\r\n--${node.boundary}--\r\n`);
  }
}

/**
 * Base64 in lines of LINE_LENGTH characters joined by CRLF, the last line without one: what nodemailer's
 * encoder stream writes (and its `wrap(encode(content))`), without the regular expression `wrap` runs.
 */
function base64Lines(content: string | Buffer): string {
  const encoded = contentBytes(content).toString('base64');
  // Appended line by line: V8 links the pieces and copies them once, when the message is joined, where an
  // array of lines joined here cost twice as much.
  let lines = encoded.slice(0, LINE_LENGTH);
  for (let start = LINE_LENGTH; start < encoded.length; start += LINE_LENGTH)
    lines += `\r\n${encoded.slice(start, start + LINE_LENGTH)}`;
  return lines;
}

/**
 * Quoted-printable as nodemailer's stream writes it: the spaces and tabs that end the input are held back
 * until the end (whitespace that ends the input is encoded), then added to the last wrapped line.
 */
function quotedPrintableText(content: string | Buffer): string {
  const bytes = contentBytes(content);
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x09)) end--;
  const wrapped = wrapQuotedPrintable(quotedPrintable(bytes.subarray(0, end)), LINE_LENGTH);
  if (end === bytes.length) return wrapped;
  const lastLine = wrapped.lastIndexOf('\n') + 1;
  return (
    wrapped.slice(0, lastLine) +
    wrapQuotedPrintable(wrapped.slice(lastLine) + quotedPrintable(bytes.subarray(end)), LINE_LENGTH)
  );
}
