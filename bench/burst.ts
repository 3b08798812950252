/**
 * A burst: BURST forwarded invites sent through SMTP to the local stack at once (at most CONNECTIONS
 * SMTP connections in parallel), each from its own user address, so that every draft in the outbox can
 * be matched to the forward it answers. Checks that every draft arrives and none twice, and prints the
 * latency from "250 accepted" to the draft file appearing in the outbox (watched with fs.watch).
 */
import { watch } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import PostalMime from 'postal-mime';
import { startTemporaryStack } from '../test/support/temporary-stack.js';
import { forwardedBy, note, type Print, quantile, typicalInvites } from './support.js';

const BURST = 200;
const CONNECTIONS = 20;

/** The fixtures, cycled, each with its forwarding user's address replaced by `burst-<i>@example.com`. */
const forwards = () => forwardedBy(typicalInvites(), BURST, (i) => `burst-${i}@example.com`);

export async function benchBurst(print: Print): Promise<void> {
  const temporary = await startTemporaryStack({
    name: 'bench-burst',
    smtp: { pool: true, maxConnections: CONNECTIONS },
  });
  const { stack, smtp: transport } = temporary;
  const { settings } = stack;

  try {
    const messages = await forwards();
    await mkdir(stack.outboxDir, { recursive: true });
    // When each draft file appeared (by name); matched to its user after the burst, by reading it.
    const seen = new Map<string, number>();
    const watcher = watch(stack.outboxDir, (_event, name) => {
      if (name?.endsWith('.eml') && !name.startsWith('.') && !seen.has(name)) seen.set(name, Date.now());
    });
    const accepted = new Map<string, number>();
    const started = Date.now();
    const sends = await Promise.allSettled(
      messages.map(async ({ user, raw }) => {
        await transport.sendMail({ envelope: { from: user, to: [`cancel@${settings.domain}`] }, raw });
        accepted.set(user, Date.now());
      }),
    );
    const acceptedAll = Date.now();
    const refused = sends.filter((s) => s.status === 'rejected').length;
    // Every accepted message was handed to the handler: once the stack is idle, every draft (and any
    // duplicate) has been written.
    await stack.lambda.idle();
    watcher.close();
    // Anything the watcher missed is still counted, with the time the folder was read.
    for (const name of await readdir(stack.outboxDir))
      if (name.endsWith('.eml') && !name.startsWith('.') && !seen.has(name)) seen.set(name, Date.now());

    const perUser = new Map<string, number>();
    const latencies: number[] = [];
    let lastDraft = 0;
    for (const [name, at] of seen) {
      const mail = await PostalMime.parse(await readFile(join(stack.outboxDir, name)));
      for (const { address } of mail.to ?? []) {
        if (!address) continue;
        perUser.set(address, (perUser.get(address) ?? 0) + 1);
        const sent = accepted.get(address);
        if (sent !== undefined && perUser.get(address) === 1) {
          latencies.push(at - sent);
          lastDraft = Math.max(lastDraft, at);
        }
      }
    }
    const arrived = messages.filter(({ user }) => (perUser.get(user) ?? 0) >= 1).length;
    const twice = [...perUser.values()].filter((count) => count > 1).length;
    note(
      `${BURST} forwards over at most ${CONNECTIONS} SMTP connections; ${messages.length - refused} accepted in ${
        acceptedAll - started
      } ms; stack in-process, sweep timer off`,
    );
    print('burst drafts arrived', arrived, `of ${BURST}`, 0);
    print('burst drafts arrived twice', twice, 'users', 0);
    print('burst SMTP refused', refused, 'messages', 0);
    print('burst latency p50 (accepted to draft in outbox)', quantile(latencies, 0.5), 'ms', 0);
    print('burst latency p95 (accepted to draft in outbox)', quantile(latencies, 0.95), 'ms', 0);
    print('burst latency max (accepted to draft in outbox)', Math.max(...latencies), 'ms', 0);
    print('burst throughput', (arrived / Math.max(1, lastDraft - started)) * 1000, 'drafts/s', 1);
  } finally {
    await temporary.stop();
  }
}
