import type MimeNode from 'nodemailer/lib/mime-node';

/**
 * The bytes of a message tree that nodemailer's MailComposer compiled, as its `build()` gives them.
 *
 * nodemailer decides everything a message is made of: its structure, every header (encoded words,
 * addresses, folding) and each part's transfer encoding. Its `build()` then pipes every part through
 * streams of its own, with several event loop turns per part: most of the time of composing a short mail.
 * Parts that are strings or bytes in memory and travel as base64 or as they are (all of Bowout's: the
 * composer is told to prefer base64, see ses-mailer.ts) are written here in one synchronous pass, joined as
 * `build()` joins them: a part's headers, a blank line, its encoded body; a multipart's children between
 * their boundary lines; a line break at the very end. Anything else (a stream, a quoted-printable part) is
 * left to `build()`. test/unit/mime-bytes.test.ts holds the two to the same bytes, over every kind of mail
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
  if (chunks.every((chunk) => typeof chunk === 'string')) return Buffer.from(chunks.join(''));
  return Buffer.concat(chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk)));
}

/** Line length of base64 bodies, as nodemailer's encoder stream wraps them by default. */
const LINE_LENGTH = 76;

/**
 * Whether every part is a string or bytes in memory that will not travel as quoted-printable: nodemailer
 * chooses a text part's encoding by the node's preferred one (`textEncoding`) unless a header declares it.
 */
function writableAtOnce(node: MimeNode): boolean {
  const content = node.content;
  if (content !== undefined && content !== '') {
    if (typeof content !== 'string' && !Buffer.isBuffer(content)) return false;
    const declared = String(node.getHeader('Content-Transfer-Encoding') ?? '').toLowerCase();
    if (declared === 'quoted-printable') return false;
    if (!declared && node.textEncoding !== 'B' && /^text\//i.test(node.contentType ?? '')) return false;
  }
  return node.childNodes.every(writableAtOnce);
}

function writeNode(node: MimeNode, chunks: (string | Buffer)[]): void {
  // buildHeaders() chooses the transfer encoding and records it among the headers it writes.
  chunks.push(`${node.buildHeaders()}\r\n\r\n`);
  const content = node.content as string | Buffer | undefined;
  if (content) {
    const encoding = String(node.getHeader('Content-Transfer-Encoding') ?? '').toLowerCase();
    chunks.push(encoding === 'base64' ? base64Lines(content) : content);
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
  const encoded = (typeof content === 'string' ? Buffer.from(content) : content).toString('base64');
  const lines: string[] = [];
  for (let start = 0; start < encoded.length; start += LINE_LENGTH)
    lines.push(encoded.slice(start, start + LINE_LENGTH));
  return lines.join('\r\n');
}
