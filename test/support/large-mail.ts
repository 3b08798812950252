import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { fixture } from './mail.js';

/**
 * A forwarded invite (the gmail-inline fixture) carrying `attachmentBytes` of PDF attachments in
 * `parts` base64 parts, written to `file` part by part so that building it never holds it all.
 * Returns the message size in bytes.
 */
export function writeLargeForward(file: string, attachmentBytes: number, parts = 5): number {
  const invite = fixture('invites/gmail-inline.eml').toString('utf8').replace(/\r?\n/g, '\r\n');
  const split = invite.indexOf('\r\n\r\n');
  const headers = invite
    .slice(0, split)
    .replace(/^Content-Type:.*$/m, 'Content-Type: multipart/mixed; boundary="large-boundary"');
  const fd = openSync(file, 'w');
  let size = 0;
  const write = (text: string) => {
    size += writeSync(fd, Buffer.from(text, 'latin1'));
  };
  try {
    write(`${headers}\r\n\r\n--large-boundary\r\nContent-Type: text/plain; charset="UTF-8"\r\n\r\n`);
    write(`${invite.slice(split + 4)}\r\n`);
    for (let i = 0; i < parts; i++) {
      write(
        `--large-boundary\r\nContent-Type: application/pdf; name="portfolio-${i}.pdf"\r\n` +
          `Content-Disposition: attachment; filename="portfolio-${i}.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n`,
      );
      // 1 MB at a time: 76-character base64 lines, as mail clients write them.
      const per = Math.floor(attachmentBytes / parts);
      for (let done = 0; done < per; done += 57 * 18_396) {
        const chunk = randomBytes(Math.min(57 * 18_396, per - done));
        write(`${chunk.toString('base64').replace(/.{76}/g, '$&\r\n').replace(/\r\n$/, '')}\r\n`);
      }
    }
    write('--large-boundary--\r\n');
  } finally {
    closeSync(fd);
  }
  return size;
}
