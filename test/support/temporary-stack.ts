import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import PostalMime, { type Email } from 'postal-mime';
import { type Log, silentLog } from '../../local/log.js';
import { type LocalSettings, readLocalSettings } from '../../local/settings.js';
import { type LocalStack, startLocalStack } from '../../local/stack.js';

export interface TemporaryStack {
  stack: LocalStack;
  dataDir: string;
  /** An SMTP client for the stack's inbound server. */
  smtp: ReturnType<typeof nodemailer.createTransport>;
  /**
   * Every message Bowout has sent, oldest first, parsed: read once the stack has drained its work, so
   * nothing still on its way is missed.
   */
  outbox(): Promise<{ file: string; raw: string; mail: Email }[]>;
  /** Resolves once the stack has drained its work: no invocation running or waiting for a retry. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** The local stack's settings for a data folder, every server on a free port. */
export function freePortSettings(dataDir: string): LocalSettings {
  return readLocalSettings({
    BOWOUT_DATA_DIR: dataDir,
    BOWOUT_SMTP_PORT: '0',
    BOWOUT_SES_PORT: '0',
    BOWOUT_S3_PORT: '0',
    BOWOUT_DYNAMODB_PORT: '0',
    BOWOUT_LAMBDA_PORT: '0',
  });
}

/**
 * The local stack `npm start` runs, on free ports in a temporary folder, with the sweep timer off (tests
 * and benchmarks sweep explicitly), for one test file or one benchmark.
 */
export async function startTemporaryStack(options: {
  name: string;
  log?: Log;
  logLevel?: string;
  smtp?: { pool: true; maxConnections: number };
}): Promise<TemporaryStack> {
  const dataDir = await mkdtemp(join(tmpdir(), `bowout-${options.name}-`));
  // The handlers read it at cold start, which happens in this process.
  process.env.POWERTOOLS_LOG_LEVEL = options.logLevel ?? 'WARN';
  const settings = freePortSettings(dataDir);
  const stack = await startLocalStack({
    settings,
    log: options.log ?? silentLog,
    retryDelaysMs: [50, 50],
    sweepEveryMs: 0,
  });
  const smtp = nodemailer.createTransport({
    host: settings.host,
    port: stack.ports.smtp,
    secure: false,
    ignoreTLS: true,
    ...(options.smtp ? { ...options.smtp, maxMessages: Number.POSITIVE_INFINITY } : {}),
  });
  return {
    stack,
    dataDir,
    smtp,
    idle: () => stack.lambda.idle(),
    async outbox() {
      await stack.lambda.idle();
      // The outbox folder appears with the first message sent.
      const files = (await readdir(stack.outboxDir).catch(() => [] as string[]))
        .filter((f) => f.endsWith('.eml'))
        .sort();
      return Promise.all(
        files.map(async (file) => {
          const raw = await readFile(join(stack.outboxDir, file), 'utf8');
          return { file, raw, mail: await PostalMime.parse(raw) };
        }),
      );
    },
    async stop() {
      smtp.close();
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
