import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The inbound spool: what makes "250 OK" a promise. SES stores an accepted message and retries the
 * Lambda action until it succeeds; locally, an accepted message is written here (and flushed to disk)
 * before the SMTP server answers 250, and removed once the inbound function has processed it. On start,
 * every message still here is handed to the function again, as SES's retries would; the message ledger
 * makes a message that was processed already (a crash after the work, before the removal) a no-op.
 *
 * One message is two files: `<id>.eml` (the bytes as received) and `<id>.json` (envelope, client, time),
 * the JSON written last: a message counts once its JSON exists. Both are written under a temporary name,
 * fsynced, renamed, and the folder fsynced, so a crash or a power cut leaves a message whole or absent.
 */

export interface SpooledMail {
  messageId: string;
  raw: Buffer;
  envelope: { from: string; to: string[] };
  remoteAddress: string;
  receivedAt: Date;
}

interface SpoolMeta {
  envelope: { from: string; to: string[] };
  remoteAddress: string;
  receivedAt: string;
}

const ID = /^[a-z0-9]{1,100}$/;

async function writeDurably(path: string, bytes: Uint8Array | string): Promise<void> {
  const temporary = `${path}.partial`;
  const file = await open(temporary, 'w');
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a directory; the renames are then as durable as they can be.
  } finally {
    await handle.close();
  }
}

export class InboundSpool {
  constructor(private readonly directory: string) {}

  /** Resolves once the message is on disk. */
  async put(mail: SpooledMail): Promise<void> {
    if (!ID.test(mail.messageId)) throw new Error(`not a spool message id: ${mail.messageId}`);
    const meta: SpoolMeta = {
      envelope: mail.envelope,
      remoteAddress: mail.remoteAddress,
      receivedAt: mail.receivedAt.toISOString(),
    };
    const base = join(this.directory, mail.messageId);
    await writeDurably(`${base}.eml`, mail.raw);
    await writeDurably(`${base}.json`, JSON.stringify(meta));
    await syncDirectory(this.directory);
  }

  /** The message was processed: it leaves the spool (JSON first, so a crash in between leaves no half). */
  async remove(messageId: string): Promise<void> {
    if (!ID.test(messageId)) return;
    const base = join(this.directory, messageId);
    await rm(`${base}.json`, { force: true });
    await rm(`${base}.eml`, { force: true });
  }

  /** Every whole message in the spool, oldest first; leftovers of an interrupted write are removed. */
  async pending(): Promise<SpooledMail[]> {
    const names = await readdir(this.directory);
    const found: SpooledMail[] = [];
    for (const name of names) {
      if (name.endsWith('.partial')) {
        await rm(join(this.directory, name), { force: true });
        continue;
      }
      const messageId = name.match(/^([a-z0-9]{1,100})\.json$/)?.[1];
      if (!messageId) continue;
      const base = join(this.directory, messageId);
      try {
        const meta = JSON.parse(await readFile(`${base}.json`, 'utf8')) as SpoolMeta;
        found.push({
          messageId,
          raw: await readFile(`${base}.eml`),
          envelope: meta.envelope,
          remoteAddress: meta.remoteAddress,
          receivedAt: new Date(meta.receivedAt),
        });
      } catch {
        // A JSON without its message cannot be processed; it stays for a person to look at.
      }
    }
    // Without the JSON, an .eml is a write that never finished: the client was never told 250.
    for (const name of names) {
      const messageId = name.match(/^([a-z0-9]{1,100})\.eml$/)?.[1];
      if (messageId && !names.includes(`${messageId}.json`))
        await rm(join(this.directory, name), { force: true });
    }
    return found.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  }
}
