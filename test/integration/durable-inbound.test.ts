import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import PostalMime from 'postal-mime';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../local/log.js';
import { type LocalStack, startLocalStack } from '../../local/stack.js';
import { fixture } from '../support/mail.js';
import { freePortSettings } from '../support/temporary-stack.js';

/**
 * The local stack loses no mail: a message answered 250 is on disk in the data folder before the
 * answer, and a stack started on that folder processes every message that has no outcome yet. The
 * proof kills a stack with SIGKILL between the 250 and the processing (its inbound function never
 * finishes), starts another on the same folder, and counts the drafts.
 */

const USER = 'alex.rivera@gmail.com';
// The handlers run in this process and read it at cold start.
process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
const dataDir = await mkdtemp(join(tmpdir(), 'bowout-durable-'));
let child: ChildProcess | undefined;
let stack: LocalStack | undefined;

afterAll(async () => {
  child?.kill('SIGKILL');
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** The invite moved ten years ahead, so that the stack on the real clock finds it in the future. */
const invite = () =>
  Buffer.from(fixture('invites/gmail-inline.eml').toString('utf8').replaceAll('2026', '2036'));

function startChild(): Promise<{ process: ChildProcess; smtp: number }> {
  const script = fileURLToPath(new URL('../support/stack-child.ts', import.meta.url));
  const started = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, BOWOUT_DATA_DIR: dataDir, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    started.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ process: started, smtp: (JSON.parse(line) as { smtp: number }).smtp });
    });
    started.once('exit', (code) => reject(new Error(`the stack process ended early (${code})`)));
  });
}

/** The mails in the outbox addressed to `address`. */
async function draftsFor(outboxDir: string, address: string) {
  const files = (await readdir(outboxDir).catch(() => [] as string[])).filter((f) => f.endsWith('.eml'));
  const mails = await Promise.all(
    files.map(async (f) => PostalMime.parse(await readFile(join(outboxDir, f)))),
  );
  return mails.filter((mail) => mail.to?.some((to) => to.address === address));
}

describe('a stack killed between "250" and processing', () => {
  it('processes the message when it starts again, and the draft arrives exactly once', async () => {
    const first = await startChild();
    child = first.process;
    const smtp = nodemailer.createTransport({
      host: '127.0.0.1',
      port: first.smtp,
      secure: false,
      ignoreTLS: true,
    });
    const info = await smtp.sendMail({
      envelope: { from: USER, to: ['cancel@bowout.localhost'] },
      raw: invite(),
    });
    smtp.close();
    expect(info.response).toMatch(/^250 /);
    const exited = new Promise((resolve) => first.process.once('exit', resolve));
    first.process.kill('SIGKILL');
    await exited;
    child = undefined;

    const settings = freePortSettings(dataDir);
    stack = await startLocalStack({ settings, log: silentLog, retryDelaysMs: [50, 50], sweepEveryMs: 0 });
    await stack.lambda.idle();
    expect(await draftsFor(stack.outboxDir, USER)).toHaveLength(1);
    expect(await readdir(join(dataDir, 'spool'))).toEqual([]);

    // Started once more on the same folder (and the same ports, as one process requires): nothing new.
    const ports = stack.ports;
    await stack.stop();
    stack = await startLocalStack({
      settings: { ...settings, ports },
      log: silentLog,
      retryDelaysMs: [50, 50],
      sweepEveryMs: 0,
    });
    await stack.lambda.idle();
    expect(await draftsFor(stack.outboxDir, USER)).toHaveLength(1);
  }, 120_000);
});
