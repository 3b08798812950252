import nodemailer from 'nodemailer';
import { encodeWords } from 'nodemailer/lib/mime-funcs';

/**
 * The console's mail client: it sends what a person's mail program would, through the stack's inbound
 * SMTP server (the real path): forwards to `cancel@<domain>` and replies to a case's reply address, both
 * from the user's address, from this machine (so the stack's verdicts vouch for the sender).
 */

export interface ConsoleUser {
  name: string;
  address: string;
}

/** The user's mistake, told to them as is (400). */
export class InputError extends Error {
  override name = 'InputError';
}

const ADDRESS = /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+$/i;

export function checkUser(value: unknown): ConsoleUser {
  const { name, address } = (value ?? {}) as { name?: unknown; address?: unknown };
  if (typeof address !== 'string' || !ADDRESS.test(address.trim()))
    throw new InputError('Enter your email address, such as alex.rivera@example.com.');
  const cleanName = typeof name === 'string' ? name.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim() : '';
  if (cleanName.length > 100) throw new InputError('Your name is longer than 100 characters.');
  return { name: cleanName, address: address.trim().toLowerCase() };
}

/** `Name <address>` as a header value: quoted when it has specials, encoded words when not ASCII. */
export function mailboxHeader(user: ConsoleUser): string {
  if (!user.name) return user.address;
  if (/[^\x20-\x7e]/.test(user.name)) return `${encodeWords(user.name, 'Q', 52)} <${user.address}>`;
  if (/^[\w !#$%&'*+/=?^`{|}~-]+$/.test(user.name)) return `${user.name} <${user.address}>`;
  return `"${user.name.replace(/["\\]/g, '\\$&')}" <${user.address}>`;
}

const HEADER_END = /\r?\n\r?\n/;
const FIELD = /^[\x21-\x39\x3b-\x7e]+[ \t]*:/;

/**
 * The message with its From header set to the user: a forward's From names the user (the stack checks
 * replies against it), whatever the pasted message said. Every other byte is left as it was; text that
 * starts with no header field at all (a pasted body) gets a header block of its own.
 */
export function withSender(raw: Buffer, user: ConsoleUser): Buffer {
  // One char per byte, so 8-bit bodies in any charset come out unchanged.
  const text = raw.toString('latin1').replace(/^From [^\n]*\n/, ''); // an mbox separator line
  const from = `From: ${mailboxHeader(user)}`;
  if (!FIELD.test(text)) return Buffer.from(`${from}\r\n\r\n${text}`, 'latin1');
  const end = text.search(HEADER_END);
  const headerBlock = end === -1 ? text : text.slice(0, end);
  const newline = headerBlock.includes('\r\n') ? '\r\n' : '\n';
  // Split into unfolded fields, so a From field leaves with its continuation lines.
  const fields = headerBlock.split(/\r?\n(?![ \t])/).filter((field) => !/^from[ \t]*:/i.test(field));
  const rest = end === -1 ? '' : text.slice(end);
  return Buffer.from([from, ...fields].join(newline) + rest, 'latin1');
}

export interface Sent {
  /** The id the stack's SMTP server answered with: the SES message id of the stored mail. */
  messageId: string;
}

export class ConsoleMailer {
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;

  constructor(
    smtp: { host: string; port: number },
    private readonly domain: string,
  ) {
    this.transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: false,
      ignoreTLS: true,
    });
  }

  /** Forwards a message to Bowout as the user. */
  async forward(raw: Buffer, user: ConsoleUser): Promise<Sent> {
    return this.send({
      envelope: { from: user.address, to: [`cancel@${this.domain}`] },
      raw: withSender(raw, user),
    });
  }

  /** Replies to one of Bowout's mails: the command on the first line, threaded like a mail program does. */
  async reply(
    user: ConsoleUser,
    to: { address: string; subject: string; messageId: string | null },
    text: string,
  ): Promise<Sent> {
    const subject = /^re:/i.test(to.subject.trim()) ? to.subject.trim() : `Re: ${to.subject.trim()}`;
    return this.send({
      envelope: { from: user.address, to: [to.address] },
      from: user.name ? { name: user.name, address: user.address } : user.address,
      to: to.address,
      subject,
      text,
      ...(to.messageId ? { inReplyTo: to.messageId, references: [to.messageId] } : {}),
    });
  }

  private async send(message: Parameters<typeof this.transport.sendMail>[0]): Promise<Sent> {
    let info: { response?: string };
    try {
      info = await this.transport.sendMail(message);
    } catch (error) {
      // A permanent refusal (too large, say) is the message's fault: the user is told what the server said.
      const { responseCode, response } = error as { responseCode?: number; response?: string };
      if (responseCode && responseCode >= 500)
        throw new InputError(`The local mail server refused it: ${response ?? responseCode}`);
      throw error;
    }
    const messageId = /\bOk ([a-z0-9]+)/i.exec(info.response ?? '')?.[1];
    if (!messageId) throw new Error('the local SMTP server accepted the message but named no id');
    return { messageId };
  }

  close(): void {
    this.transport.close();
  }
}
