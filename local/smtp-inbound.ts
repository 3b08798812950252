import type { AddressInfo } from 'node:net';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerDataStream,
  type SMTPServerSession,
} from 'smtp-server';
import { describeError, type Log } from './log.js';
import { isAddressAtDomain } from './ses-event.js';

/**
 * Inbound SMTP standing in for SES receiving: mail for the Bowout domain only, no authentication and no
 * TLS (it listens on this machine), SES's 40 MB size limit, and the null sender `<>` allowed (bounces and
 * auto-replies must reach the handler so it can decide not to answer them).
 *
 * A message is answered 250 only once `receive` has stored it; if storing fails the client gets 451 and
 * tries again later, so an accepted message is never lost.
 */

/** SES receiving accepts messages up to 40 MB, headers included. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export interface ReceivedMail {
  /** The message exactly as the client sent it (SMTP dot-stuffing undone). */
  raw: Buffer;
  /** MAIL FROM ('' for `<>`) and every accepted RCPT TO. */
  envelope: { from: string; to: string[] };
  remoteAddress: string;
  receivedAt: Date;
}

export interface SmtpInboundOptions {
  host: string;
  port: number;
  domain: string;
  maxMessageBytes?: number;
  /** Stores the message durably and returns its id; a rejection is reported to the client as 451. */
  receive(mail: ReceivedMail): Promise<string>;
  log: Log;
}

export interface SmtpInbound {
  port: number;
  /** Stops accepting connections; resolves once open sessions are done (or cut off after a few seconds). */
  stop(): Promise<void>;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

export async function startSmtpInbound(options: SmtpInboundOptions): Promise<SmtpInbound> {
  const limit = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
  const server = new SMTPServer({
    name: options.domain,
    banner: 'Bowout local inbound mail',
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: limit,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 5000,

    onRcptTo(
      address: SMTPServerAddress,
      _session: SMTPServerSession,
      callback: (error?: Error | null) => void,
    ) {
      if (isAddressAtDomain(address.address, options.domain)) return callback();
      callback(
        smtpError(550, `Error: relay not permitted: this server accepts mail only for @${options.domain}`),
      );
    },

    onData(
      stream: SMTPServerDataStream,
      session: SMTPServerSession,
      callback: (error?: Error | null, message?: string) => void,
    ) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the rest is read (the protocol requires it) but not kept.
        if (size <= limit) chunks.push(chunk);
      });
      stream.once('error', (error) => {
        options.log(`smtp  session ${session.id} broke off: ${describeError(error)}`);
        callback(smtpError(451, 'Error: the message could not be read; try again later'));
      });
      stream.once('end', () => {
        if (stream.sizeExceeded || size > limit) {
          options.log(`smtp  refused a message of ${size} bytes (over the limit)`);
          return callback(smtpError(552, `Error: message exceeds fixed maximum message size ${limit}`));
        }
        const { mailFrom, rcptTo } = session.envelope;
        const mail: ReceivedMail = {
          raw: Buffer.concat(chunks),
          envelope: {
            from: mailFrom ? mailFrom.address : '',
            to: rcptTo.map((recipient) => recipient.address),
          },
          remoteAddress: session.remoteAddress,
          receivedAt: new Date(),
        };
        options.receive(mail).then(
          (messageId) => callback(null, `Ok ${messageId}`),
          (error: unknown) => {
            options.log(`smtp  could not store a message, answered 451: ${describeError(error)}`);
            callback(smtpError(451, 'Error: the message could not be stored; try again later'));
          },
        );
      });
    },
  });

  // Until it listens, an error (a port in use) rejects the start below; later ones are a client's problem.
  let listening = false;
  server.on('error', (error) => {
    if (listening) options.log(`smtp  ${describeError(error)}`);
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      listening = true;
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
