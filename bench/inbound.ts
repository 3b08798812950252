/**
 * The inbound handler's own work per forwarded invite, against the floor: parsing the same raw messages
 * with postal-mime alone, measured in the same run; and beside it the peer (peer.ts), what a developer would
 * glue together instead from postal-mime, email-forward-parser and chrono-node.
 *
 * Fairness: the same messages for every variant; three warm-up passes first (the JIT compiles what it
 * will compile); then TRIALS passes in which every message goes through every variant back to back, the
 * variants taking turns at going first; each variant keeps its best time per message (so a noisy
 * neighbour or a garbage collection that lands on one call is not counted against either side), and the
 * figure is the mean of those bests over the messages. The ratio compares the two sums.
 *
 * "Own work" is the handler minus its network: processInboundMail with the raw mail, the case and nudge
 * store and the suppression list served from memory, and a mailer that composes the MIME exactly as the
 * SES adapter does (composeMime) but hands it to nobody.
 *
 * Separately, the same path with the stand-ins serving the I/O (S3, DynamoDB and SES stand-ins through
 * the real adapters), which also counts the DynamoDB requests and capacity units one invite costs.
 */
import { performance } from 'node:perf_hooks';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import PostalMime from 'postal-mime';
import { dynamoStores } from '../functions/adapters/dynamo-stores.js';
import { DynamoSuppressionList } from '../functions/adapters/dynamo-suppression-list.js';
import { S3RawMailStore } from '../functions/adapters/s3-raw-mail-store.js';
import { composeMime, SesMailer } from '../functions/adapters/ses-mailer.js';
import { SuppressingMailer } from '../functions/adapters/suppressing-mailer.js';
import { cryptoRandomness } from '../functions/adapters/system.js';
import { processInboundMail } from '../functions/domain/conversation/inbound.js';
import type { Suppression } from '../functions/domain/feedback/read-feedback.js';
import { understandInvite } from '../functions/domain/invite/understand-invite.js';
import { parseMail } from '../functions/domain/mail/parse-mail.js';
import type { InboundDeps, Mailer, OutgoingMail, SuppressionList } from '../functions/domain/ports.js';
import { received } from '../test/support/mail.js';
import { FixedClock, memoryDeps } from '../test/support/memory-ports.js';
import { BUCKET, startStandIns, TABLE } from '../test/support/standins.js';
import { peerRead } from './peer.js';
import { forwardedBy, type Invite, mean, note, type Print, sum, typicalInvites } from './support.js';

const DOMAIN = 'bowout.localhost';
const USER = 'user@example.com';

/** A mailer that does the SES adapter's CPU work (composing the MIME) and sends nothing. */
class ComposingMailer implements Mailer {
  bytes = 0;
  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    this.bytes += (await composeMime(mail, DOMAIN)).length;
    return { messageId: 'in-memory' };
  }
}

/** Nobody is suppressed; the lookup still runs, as it does before every send. */
const noSuppressions: SuppressionList = {
  suppressedAmong: async () => new Set<string>(),
  suppress: async (_: readonly Suppression[]) => undefined,
};

let sequence = 0;

/** One forward through processInboundMail with every port in memory; the setup is not timed. */
function inMemoryForward(composeMimeToo: boolean): (raw: Buffer) => () => Promise<unknown> {
  return (raw) => {
    const world = memoryDeps();
    const id = `bench-${sequence++}`;
    world.rawMail.objects.set(id, raw);
    const deps: InboundDeps = composeMimeToo
      ? {
          ...world.deps,
          mailer: new SuppressingMailer(new ComposingMailer(), noSuppressions, world.deps.log),
        }
      : world.deps;
    const mail = received(id, { envelopeFrom: USER });
    return () => processInboundMail(mail, deps);
  };
}

interface Variant {
  name: string;
  /** Prepares one call (untimed) and returns the call to time. */
  prepare: (raw: Buffer) => () => Promise<unknown>;
}

const VARIANTS: Variant[] = [
  { name: 'floor', prepare: (raw) => () => PostalMime.parse(raw) },
  {
    name: 'extract',
    prepare: (raw) => async () => {
      const mail = await parseMail(raw);
      return understandInvite(mail, { userAddress: mail.from?.address ?? '', ownDomain: DOMAIN });
    },
  },
  // What a developer would glue together instead (peer.ts), on the same messages.
  { name: 'peer', prepare: (raw) => () => peerRead(raw) },
  { name: 'inbound', prepare: inMemoryForward(true) },
  { name: 'inbound-no-mime', prepare: inMemoryForward(false) },
];

/** Best time per message (ms) of each variant, over `trials` interleaved passes after `warmups` untimed ones. */
async function bestTimes(invites: Invite[], trials: number, warmups = 3): Promise<Map<string, number[]>> {
  const best = new Map(VARIANTS.map((v) => [v.name, invites.map(() => Number.POSITIVE_INFINITY)]));
  for (let pass = 0; pass < warmups + trials; pass++) {
    for (const [index, invite] of invites.entries()) {
      for (let turn = 0; turn < VARIANTS.length; turn++) {
        const variant = VARIANTS[(pass + turn) % VARIANTS.length] as Variant;
        const call = variant.prepare(invite.raw);
        const started = performance.now();
        await call();
        const elapsed = performance.now() - started;
        const times = best.get(variant.name) as number[];
        if (pass >= warmups) times[index] = Math.min(times[index] as number, elapsed);
      }
    }
  }
  return best;
}

interface InMemoryFigures {
  floorMs: number;
  inboundMs: number;
}

export async function benchInboundInMemory(print: Print, trials = 20): Promise<InMemoryFigures> {
  const invites = typicalInvites();
  print('invites', invites.length, 'typical forwarded invites', 0);
  const best = await bestTimes(invites, trials);
  const times = (name: string) => best.get(name) as number[];
  const floor = mean(times('floor'));
  const extract = mean(times('extract'));
  const inbound = mean(times('inbound'));
  note(`best of ${trials} interleaved passes per message, after 3 warm-up passes; mean over the messages`);
  print('parse floor (postal-mime alone)', floor, 'ms/message', 3);
  print('extract', extract, 'ms/message', 3);
  print('extract throughput', 1000 / extract, 'messages/s', 0);
  print('extract/floor ratio', sum(times('extract')) / sum(times('floor')), '', 2);
  print('peer (postal-mime + email-forward-parser + chrono-node)', mean(times('peer')), 'ms/message', 3);
  print('peer/floor ratio', sum(times('peer')) / sum(times('floor')), '', 2);
  print('inbound (forward to draft, in-memory ports)', inbound, 'ms/message', 3);
  print(
    'inbound without MIME composition (in-memory ports)',
    mean(times('inbound-no-mime')),
    'ms/message',
    3,
  );
  print('inbound/floor ratio', sum(times('inbound')) / sum(times('floor')), '', 2);
  // What the path adds after reading the invite (opening the case, the letters and draft, the stores, the
  // MIME), in floors: the two ratios' targets leave it their difference (4 − 3 = 1 floor).
  print(
    'draft path after reading, (inbound − extract)/floor',
    (sum(times('inbound')) - sum(times('extract'))) / sum(times('floor')),
    '',
    2,
  );
  // The messages furthest from the floor, to say where the time goes.
  const ratios = invites
    .map((invite, i) => ({ name: invite.name, ratio: (times('inbound')[i] ?? 0) / (times('floor')[i] ?? 1) }))
    .sort((a, b) => b.ratio - a.ratio)
    .slice(0, 3);
  note(`highest ratios: ${ratios.map((r) => `${r.name} ${r.ratio.toFixed(1)}×`).join(', ')}`);
  return { floorMs: floor, inboundMs: inbound };
}

export interface StandInFigures {
  /** Mean wall time per invite with the stand-ins serving the I/O. */
  meanMs: number;
  rawBytes: number;
  outgoingBytes: number;
  sesSends: number;
  dynamo: { requests: number; readUnits: number; writeUnits: number; byCommand: Record<string, number> };
}

/**
 * The same forwards through the real adapters (S3RawMailStore, DynamoCaseStore, SesMailer behind the
 * SuppressingMailer) against the stand-ins, as the handler wires them. Each pass runs on a clock one day
 * later, so the daily draft limit of a fixture's sender is never reached.
 */
export async function benchInboundStandIns(print: Print, passes = 3): Promise<StandInFigures> {
  const invites = typicalInvites();
  const standIns = await startStandIns();
  try {
    const { documents, s3, ses } = standIns.clients;
    // Count what one invite costs in DynamoDB: requests per command, and capacity units as DynamoDB bills
    // them on demand (1 read unit per 4 KB read strongly consistent, 1 write unit per KB written; a failed
    // conditional write is billed too; a write that puts an item into the sparse due index writes the index).
    const dynamo = { requests: 0, readUnits: 0, writeUnits: 0, byCommand: {} as Record<string, number> };
    let counting = false;
    documents.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        input.ReturnConsumedCapacity = 'TOTAL';
        const command = String(context.commandName).replace(/Command$/, '');
        const isWrite = /Put|Update|Delete|Write/.test(command);
        const item = (input.Item ?? {}) as Record<string, unknown>;
        if (counting) {
          dynamo.requests += 1;
          dynamo.byCommand[command] = (dynamo.byCommand[command] ?? 0) + 1;
          if ('dueBucket' in item) dynamo.writeUnits += 1;
        }
        try {
          const result = await next(args);
          type Consumed = { CapacityUnits?: number };
          const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity;
          // A batch reports one entry per table.
          const units = Array.isArray(consumed)
            ? consumed.reduce((total, entry) => total + (entry.CapacityUnits ?? 0), 0)
            : (consumed?.CapacityUnits ?? (isWrite ? 1 : 0.5));
          if (counting) {
            if (isWrite) dynamo.writeUnits += units;
            else dynamo.readUnits += units;
          }
          return result;
        } catch (error) {
          if (counting) {
            if (isWrite) dynamo.writeUnits += 1;
            else dynamo.readUnits += 1;
          }
          throw error;
        }
      },
      { step: 'initialize', name: 'benchCapacity' },
    );
    let outgoingBytes = 0;
    let sesSends = 0;
    ses.middlewareStack.add(
      (next, context) => async (args) => {
        if (counting && context.commandName === 'SendEmailCommand') {
          sesSends += 1;
          outgoingBytes += (args.input as SendEmailCommandInput).Content?.Raw?.Data?.length ?? 0;
        }
        return next(args);
      },
      { step: 'initialize', name: 'benchSesCount' },
    );

    const clock = new FixedClock(new Date('2026-12-01T18:00:00Z'));
    const table = { db: documents, tableName: TABLE, clock };
    const silent = { info: () => undefined, warn: () => undefined };
    const deps: InboundDeps = {
      rawMail: new S3RawMailStore(s3, { bucket: BUCKET, prefix: 'inbound/' }),
      ...dynamoStores(table),
      mailer: new SuppressingMailer(
        new SesMailer(ses, { loopToken: DOMAIN }),
        new DynamoSuppressionList(table),
        silent,
      ),
      clock,
      random: cryptoRandomness,
      log: silent,
      config: { domain: DOMAIN, senderAddress: `send@${DOMAIN}` },
    };
    // What SES receiving does before the handler runs: the raw mail goes to S3 (not timed). Each pass
    // forwards the invites from users of its own: the same invite from the same user is a repeat.
    const ids = invites.map((_, i) => Array.from({ length: passes + 1 }, (_, pass) => `p${pass}-m${i}`));
    for (let pass = 0; pass <= passes; pass++) {
      const raws = await forwardedBy(invites, invites.length, (i) => `pass-${pass}-user-${i}@example.com`);
      for (const [i, { raw }] of raws.entries())
        await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `inbound/${ids[i]?.[pass]}`, Body: raw }));
    }

    const samples: number[] = [];
    const outcomes = new Map<string, number>();
    // Pass 0 warms up the clients and the stand-ins (connections, table pages); passes 1.. are timed.
    for (let pass = 0; pass <= passes; pass++) {
      clock.current = new Date(Date.parse('2026-12-01T18:00:00Z') + pass * 86_400_000);
      counting = pass === 1;
      for (const [i] of invites.entries()) {
        const id = ids[i]?.[pass] as string;
        const started = performance.now();
        const outcome = await processInboundMail(received(id, { envelopeFrom: USER }), deps);
        if (pass > 0) {
          samples.push(performance.now() - started);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        }
      }
    }
    counting = false;
    const n = invites.length;
    const figures: StandInFigures = {
      meanMs: mean(samples),
      rawBytes: mean(invites.map((i) => i.raw.length)),
      outgoingBytes: outgoingBytes / n,
      sesSends: sesSends / n,
      dynamo: {
        requests: dynamo.requests / n,
        readUnits: dynamo.readUnits / n,
        writeUnits: dynamo.writeUnits / n,
        byCommand: Object.fromEntries(Object.entries(dynamo.byCommand).map(([k, v]) => [k, v / n])),
      },
    };
    note(
      `${passes} passes over the same invites after a warm-up pass; outcomes: ${[...outcomes]
        .map(([o, c]) => `${o} ${c}`)
        .join(', ')}`,
    );
    print('inbound (forward to draft, stand-ins serving S3, DynamoDB, SES)', figures.meanMs, 'ms/message', 1);
    print('inbound DynamoDB requests per invite', figures.dynamo.requests, 'requests', 1);
    note(
      `per invite: ${Object.entries(figures.dynamo.byCommand)
        .map(([command, count]) => `${command} ${count.toFixed(1)}`)
        .join(', ')}`,
    );
    print('inbound DynamoDB read units per invite', figures.dynamo.readUnits, 'RRU', 1);
    print('inbound DynamoDB write units per invite', figures.dynamo.writeUnits, 'WRU', 1);
    print('inbound SES sends per invite', figures.sesSends, 'messages', 2);
    return figures;
  } finally {
    await standIns.stop();
  }
}
