import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SESv2Client, SendEmailCommandInput, SendEmailCommandOutput } from '@aws-sdk/client-sesv2';
import { describeError, type Log } from './log.js';

/**
 * The outbox: every message Bowout sends, byte for byte, as `<outbox>/<timestamp>-<SES message id>.eml`.
 *
 * It is an SDK middleware on the shared SES client, so it sees exactly what the handlers send, however
 * they build it. The file is written AFTER the SES stand-in accepted the message: the outbox is the record
 * of what was sent, so a send that SES refused, or that the SDK is still retrying, must not appear there,
 * and the name carries the message id SES assigned. The cost: if the process dies between the two, the
 * message is on the web page but not in the outbox.
 */

export const OUTBOX_MIDDLEWARE = 'bowoutLocalOutbox';

let lastStamp = 0;

/** A strictly increasing millisecond stamp, so names sort in sending order even within one millisecond. */
function nextStamp(): number {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return lastStamp;
}

/** `2026-12-08T22-00-00-000Z-<id>.eml`: fixed width, so sorting the names sorts by time; no ':' for Windows. */
export function outboxFileName(at: Date, messageId: string): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const id = messageId.replace(/[^A-Za-z0-9-]/g, '').slice(0, 100) || 'unknown';
  return `${stamp}-${id}.eml`;
}

/** The inverse of `outboxFileName`: when the message was written and its SES message id. */
export function parseOutboxFileName(name: string): { at: Date; messageId: string } | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z-(.+)\.eml$/.exec(name);
  if (!match) return null;
  const [, day, hours, minutes, seconds, millis, messageId] = match;
  const at = new Date(`${day}T${hours}:${minutes}:${seconds}.${millis}Z`);
  return Number.isNaN(at.getTime()) || !messageId ? null : { at, messageId };
}

async function writeMessage(directory: string, bytes: Uint8Array, messageId: string): Promise<string> {
  await mkdir(directory, { recursive: true });
  const name = outboxFileName(new Date(nextStamp()), messageId);
  // Written under a hidden temporary name and renamed, so a reader never sees half a message.
  const temporary = join(directory, `.${name}.partial`);
  await writeFile(temporary, bytes, { flag: 'wx' });
  await rename(temporary, join(directory, name));
  return name;
}

/** Adds the outbox to the client (replacing an earlier one); returns the function that removes it. */
export function installOutbox(client: SESv2Client, directory: string, log: Log): () => void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName !== 'SendEmailCommand') return result;
      const data = (args.input as SendEmailCommandInput).Content?.Raw?.Data;
      const messageId = (result.output as SendEmailCommandOutput).MessageId ?? 'unknown';
      if (!(data instanceof Uint8Array)) {
        log(`outbox  ${messageId} was not sent as raw MIME, so it is not in the outbox`);
        return result;
      }
      try {
        log(`outbox  ${await writeMessage(directory, data, messageId)}`);
      } catch (error) {
        // The message has gone out; failing the send now would only make the handler send it twice.
        log(`outbox  could not write ${messageId}: ${describeError(error)}`);
      }
      return result;
    },
    // `initialize` wraps the SDK's retries, so one send gives one file however many attempts it took.
    { step: 'initialize', name: OUTBOX_MIDDLEWARE, override: true },
  );
  return () => {
    client.middlewareStack.remove(OUTBOX_MIDDLEWARE);
  };
}
