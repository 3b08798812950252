import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoCaseStore } from '../../functions/adapters/dynamo-case-store.js';
import { S3RawMailStore } from '../../functions/adapters/s3-raw-mail-store.js';
import { systemClock } from '../../functions/adapters/system.js';
import { hashToken } from '../../functions/domain/ids.js';
import { parseOutboxFileName } from '../outbox.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION, localS3Client } from '../standins.js';
import { type CaseReader, type ConsoleState, groupThreads, parseStored, type StoredMail } from './threads.js';

/**
 * What the console reads of the running stack: the outbox (every message Bowout sent), the raw-mail
 * store (every message it received, as SES's S3 action keeps them) and the case store, each through the
 * stack's own files and adapters. Messages never change once written, so each is parsed once.
 */

export interface ArchiveOptions {
  domain: string;
  outboxDir: string;
  endpoints: { s3: string; dynamodb: string };
  bucket: string;
  rawMailPrefix: string;
  tableName: string;
}

interface Listing {
  outbox: { file: string; at: Date; messageId: string }[];
  inbound: { key: string; at: Date }[];
  /** Changes whenever a message is added or removed. */
  fingerprint: string;
}

export class MailArchive {
  private readonly s3: S3Client;
  private readonly dynamo: DynamoDBClient;
  private readonly cases: CaseReader;
  private readonly rawMail: S3RawMailStore;
  private readonly parsed = new Map<string, Promise<StoredMail>>();
  /**
   * When the console handed each of its own messages to the stack. The raw-mail store dates objects to
   * the second only, which would put a reply after Bowout's answer of the same second; for mail that
   * came in some other way that second is all there is.
   */
  private readonly sentAt = new Map<string, Date>();

  constructor(private readonly options: ArchiveOptions) {
    this.s3 = localS3Client(options.endpoints.s3);
    this.rawMail = new S3RawMailStore(this.s3, { bucket: options.bucket, prefix: options.rawMailPrefix });
    this.dynamo = new DynamoDBClient({
      endpoint: options.endpoints.dynamodb,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const store = new DynamoCaseStore({
      db: DynamoDBDocumentClient.from(this.dynamo),
      tableName: options.tableName,
      clock: systemClock,
    });
    // A token never moves to another case, so each is looked up once; cases change, so they are read anew.
    const caseIds = new Map<string, string>();
    this.cases = {
      caseIdForToken: async (token) => {
        const known = caseIds.get(token);
        if (known) return known;
        const caseId = await store.findCaseIdByToken(hashToken(token));
        if (caseId) caseIds.set(token, caseId);
        return caseId;
      },
      getCase: (caseId) => store.getCase(caseId),
    };
  }

  /** The names of every stored message, cheap enough to take every second. */
  async list(): Promise<Listing> {
    const files = await readdir(this.options.outboxDir).catch((error: NodeJS.ErrnoException) => {
      // The outbox folder appears with the first message Bowout sends.
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const outbox = files.flatMap((file) => {
      const parsed = parseOutboxFileName(file);
      return parsed ? [{ file, ...parsed }] : [];
    });
    const inbound: Listing['inbound'] = [];
    let continuationToken: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.options.bucket,
          Prefix: this.options.rawMailPrefix,
          ContinuationToken: continuationToken,
        }),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key) inbound.push({ key: object.Key, at: object.LastModified ?? new Date(0) });
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    const names = [...outbox.map((entry) => entry.file), ...inbound.map((entry) => entry.key)].sort();
    return {
      outbox,
      inbound,
      fingerprint: createHash('sha256').update(names.join('\n')).digest('hex'),
    };
  }

  /** Every message grouped into threads, with each case as the case store holds it now. */
  async state(listing?: Listing): Promise<ConsoleState> {
    const { outbox, inbound } = listing ?? (await this.list());
    const prefix = this.options.rawMailPrefix;
    const [sent, received] = await Promise.all([
      Promise.all(
        outbox.map((entry) =>
          this.parse(`outbox:${entry.file}`, entry.messageId, entry.at, () =>
            readFile(join(this.options.outboxDir, entry.file)),
          ),
        ),
      ),
      Promise.all(
        inbound.map((entry) =>
          this.parse(`inbound:${entry.key}`, entry.key.slice(prefix.length), this.receivedAt(entry), () =>
            this.rawMail.getRawMail(entry.key.slice(prefix.length)),
          ),
        ),
      ),
    ]);
    return groupThreads({ domain: this.options.domain, inbound: received, outbox: sent, cases: this.cases });
  }

  private parse(
    cacheKey: string,
    sesMessageId: string,
    at: Date,
    read: () => Promise<Uint8Array>,
  ): Promise<StoredMail> {
    let parsed = this.parsed.get(cacheKey);
    if (!parsed) {
      parsed = read().then(async (raw) => ({ sesMessageId, at, mail: await parseStored(raw) }));
      // A failed read is tried again next time rather than remembered.
      parsed.catch(() => this.parsed.delete(cacheKey));
      this.parsed.set(cacheKey, parsed);
    }
    return parsed;
  }

  /** Records that the console began sending a message at `at`, which the stack stored as `sesMessageId`. */
  noteSent(sesMessageId: string, at: Date): void {
    this.sentAt.set(sesMessageId, at);
  }

  private receivedAt(entry: { key: string; at: Date }): Date {
    return this.sentAt.get(entry.key.slice(this.options.rawMailPrefix.length)) ?? entry.at;
  }

  close(): void {
    this.s3.destroy();
    this.dynamo.destroy();
  }
}
