import { ConflictError, RawMailNotFoundError } from '../../functions/domain/errors.js';
import type { Suppression } from '../../functions/domain/feedback/read-feedback.js';
import { normaliseAddress } from '../../functions/domain/mail/sanitize.js';
import type { Case, Nudge } from '../../functions/domain/model.js';
import { filingDay } from '../../functions/domain/nudges/due-days.js';
import type { InboundOutcome, NudgeOutcome } from '../../functions/domain/outcomes.js';
import type {
  CaseStore,
  Clock,
  InboundDeps,
  Mailer,
  MessageClaim,
  MessageLedger,
  NudgeRef,
  NudgeStore,
  OriginalFiling,
  OutgoingMail,
  QuotaAnswer,
  QuotaCounter,
  QuotaRequest,
  Randomness,
  RawMailStore,
  SuppressionList,
  SweepCheckpoint,
  UserSettings,
} from '../../functions/domain/ports.js';
import { DAY_MS, RETENTION_DAYS } from '../../functions/domain/retention.js';

/**
 * In-memory twins of the adapters, for domain tests: the same conditions, the same retention (an item
 * past its TTL reads as absent), the same answers. test/contract/ runs one suite per port against each
 * twin and its DynamoDB, S3 or SES adapter, so the two cannot drift.
 */

/** Epoch seconds, as the DynamoDB adapters store TTLs. */
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);
const secondsAfter = (at: Date, days: number) => seconds(at) + days * (DAY_MS / 1000);
const live = (clock: Clock, item: { expiresAt: number } | undefined) =>
  item !== undefined && item.expiresAt * 1000 > clock.now().getTime();
/** The adapters key users by a hash of the trimmed, lower-cased address. */
const userKey = (email: string) => email.trim().toLowerCase();

export class MemoryMessageLedger implements MessageLedger {
  readonly messages = new Map<
    string,
    { status: 'processing' | 'done'; leaseUntil: number; outcome?: string; expiresAt: number }
  >();

  async claimMessage(id: string, now: Date, leaseSeconds: number): Promise<MessageClaim> {
    const current = this.messages.get(id);
    const free =
      !current ||
      (current.status === 'processing' && current.leaseUntil < now.getTime()) ||
      current.expiresAt < seconds(now);
    if (!free) return current.status === 'done' ? 'done' : 'busy';
    this.messages.set(id, {
      status: 'processing',
      leaseUntil: now.getTime() + leaseSeconds * 1000,
      expiresAt: secondsAfter(now, RETENTION_DAYS.messageMarker),
    });
    return 'claimed';
  }
  async completeMessage(id: string, outcome: InboundOutcome, now: Date): Promise<void> {
    const expiresAt = this.messages.get(id)?.expiresAt ?? secondsAfter(now, RETENTION_DAYS.messageMarker);
    this.messages.set(id, { status: 'done', leaseUntil: 0, outcome, expiresAt });
  }
  async releaseMessage(id: string): Promise<void> {
    if (this.messages.get(id)?.status === 'processing') this.messages.delete(id);
  }
}

export class MemoryCaseStore implements CaseStore {
  readonly cases = new Map<string, Case>();
  readonly tokens = new Map<string, string>();
  private readonly expiry = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  async getCase(caseId: string): Promise<Case | null> {
    const caseRecord = this.cases.get(caseId);
    return caseRecord && this.isLive(`case ${caseId}`) ? structuredClone(caseRecord) : null;
  }
  async createCase(caseRecord: Case, tokenHash: string): Promise<boolean> {
    if (this.cases.has(caseRecord.caseId)) return false;
    this.cases.set(caseRecord.caseId, structuredClone(caseRecord));
    this.expiry.set(`case ${caseRecord.caseId}`, secondsAfter(this.clock.now(), RETENTION_DAYS.case));
    await this.addToken({ caseId: caseRecord.caseId, tokenHash });
    return true;
  }
  async addToken(token: { caseId: string; tokenHash: string }): Promise<void> {
    if (this.tokens.has(token.tokenHash)) throw new ConflictError('the token exists already');
    this.tokens.set(token.tokenHash, token.caseId);
    this.expiry.set(`token ${token.tokenHash}`, secondsAfter(this.clock.now(), RETENTION_DAYS.case));
  }
  async findCaseIdByToken(tokenHash: string): Promise<string | null> {
    return this.isLive(`token ${tokenHash}`) ? (this.tokens.get(tokenHash) ?? null) : null;
  }
  readonly originals = new Map<string, OriginalFiling>();
  async fileOriginal(filing: OriginalFiling): Promise<OriginalFiling> {
    const key = `original ${userKey(filing.userEmail)} ${filing.originalKey}`;
    const held = this.originals.get(key);
    if (held && this.isLive(key)) return { ...filing, caseId: held.caseId, filedAt: held.filedAt };
    this.originals.set(key, { ...filing });
    this.expiry.set(key, secondsAfter(this.clock.now(), RETENTION_DAYS.case));
    return filing;
  }
  async refileOriginal(filing: OriginalFiling, previousCaseId: string): Promise<boolean> {
    const key = `original ${userKey(filing.userEmail)} ${filing.originalKey}`;
    if (this.originals.get(key)?.caseId !== previousCaseId) return false;
    this.originals.set(key, { ...filing });
    this.expiry.set(key, secondsAfter(this.clock.now(), RETENTION_DAYS.case));
    return true;
  }
  async releaseOriginal(filing: OriginalFiling): Promise<void> {
    const key = `original ${userKey(filing.userEmail)} ${filing.originalKey}`;
    if (this.originals.get(key)?.caseId === filing.caseId) this.originals.delete(key);
  }
  async updateCase(
    caseId: string,
    condition: { states: Case['state'][]; attemptId?: string | null; unset?: (keyof Case)[] },
    changes: Partial<Case>,
  ): Promise<Case | null> {
    const current = this.cases.get(caseId);
    if (!current || !condition.states.includes(current.state)) return null;
    if (condition.attemptId !== undefined && current.sendAttemptId !== condition.attemptId) return null;
    if (condition.unset?.some((field) => current[field] !== null && current[field] !== undefined))
      return null;
    const next = { ...current, ...structuredClone(changes) };
    this.cases.set(caseId, next);
    return structuredClone(next);
  }
  private isLive(key: string): boolean {
    const expiresAt = this.expiry.get(key);
    // Items put in by a test directly have no recorded expiry: they live.
    return expiresAt === undefined || live(this.clock, { expiresAt });
  }
}

export class MemoryQuotaCounter implements QuotaCounter {
  readonly quotas = new Map<string, { used: number; noticed: boolean }>();

  async consumeQuota(request: QuotaRequest): Promise<QuotaAnswer> {
    const key = `${userKey(request.userEmail)}#${request.kind}#${request.now.toISOString().slice(0, 10)}`;
    const quota = this.quotas.get(key) ?? { used: 0, noticed: false };
    this.quotas.set(key, quota);
    if (quota.used < request.limit) {
      quota.used += 1;
      return 'ok';
    }
    if (quota.noticed) return 'limited';
    quota.noticed = true;
    return 'limited-first';
  }
}

export class MemoryUserSettings implements UserSettings {
  /** Users who said STOP ALL, with when that setting expires (epoch seconds). */
  readonly stoppedUsers = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  async stopAllNudges(userEmail: string): Promise<void> {
    this.stoppedUsers.set(userKey(userEmail), secondsAfter(this.clock.now(), RETENTION_DAYS.userSettings));
  }
  async nudgesStoppedForUser(userEmail: string): Promise<boolean> {
    const expiresAt = this.stoppedUsers.get(userKey(userEmail));
    return expiresAt !== undefined && live(this.clock, { expiresAt });
  }
}

/** Nudges in memory, filed by day like the DynamoDB adapter's due index, with the same claims. */
export class MemoryNudgeStore implements NudgeStore {
  /** Each nudge with its status and the day it is filed under in the index (null: not in the index). */
  readonly items = new Map<
    string,
    Nudge & { status: string; filedUnder: string | null; expiresAt: number }
  >();
  private key = (ref: NudgeRef) => `${ref.caseId}#${ref.kind}#${ref.dueAt}`;

  async schedule(nudges: Nudge[], now: Date): Promise<void> {
    for (const nudge of nudges)
      if (!this.items.has(this.key(nudge)))
        this.items.set(this.key(nudge), {
          ...nudge,
          status: 'pending',
          filedUnder: filingDay(nudge.dueAt, now),
          expiresAt: secondsAfter(new Date(nudge.dueAt), RETENTION_DAYS.pendingNudge),
        });
  }
  async *findDue(day: string, now: Date, onRead: (count: number) => void): AsyncIterable<NudgeRef[]> {
    const due = [...this.items.values()]
      .filter((n) => n.filedUnder === day && n.dueAt <= now.toISOString())
      .map(({ caseId, kind, dueAt }) => ({ caseId, kind, dueAt }));
    onRead(due.length);
    if (due.length) yield due;
  }
  async claim(ref: NudgeRef, now: Date): Promise<boolean> {
    const item = this.items.get(this.key(ref));
    if (item?.status !== 'pending' || item.filedUnder === null || item.expiresAt <= seconds(now))
      return false;
    item.status = 'sending';
    item.filedUnder = null;
    return true;
  }
  async complete(ref: NudgeRef, outcome: NudgeOutcome, now: Date): Promise<void> {
    const item = this.items.get(this.key(ref));
    if (!item) throw new ConflictError('no such nudge');
    Object.assign(item, { status: outcome, expiresAt: secondsAfter(now, RETENTION_DAYS.settledNudge) });
  }
  async release(ref: NudgeRef, now: Date): Promise<void> {
    const item = this.items.get(this.key(ref));
    if (item?.status !== 'sending') throw new ConflictError('the nudge is not being sent');
    Object.assign(item, { status: 'pending', filedUnder: filingDay(ref.dueAt, now) });
  }
}

export class MemorySweepCheckpoint implements SweepCheckpoint {
  day: string | null = null;
  async read(): Promise<string | null> {
    return this.day;
  }
  async advance(day: string): Promise<void> {
    if (this.day === null || this.day < day) this.day = day;
  }
}

export class MemorySuppressionList implements SuppressionList {
  readonly entries = new Map<string, { reason: Suppression['reason']; expiresAt: number }>();
  /** How many times the list was asked, to show that every send asks it. */
  lookups = 0;

  /** `suppressed`: addresses that bounced before the test starts. */
  constructor(
    private readonly clock: Clock,
    suppressed: readonly string[] = [],
  ) {
    for (const address of suppressed) this.add(address, 'bounce');
  }

  async suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
    this.lookups += 1;
    return new Set(
      addresses.map(normaliseAddress).filter((address) => live(this.clock, this.entries.get(address))),
    );
  }
  async suppress(suppressions: readonly Suppression[]): Promise<void> {
    for (const { address, reason } of suppressions) this.add(address, reason);
  }
  add(address: string, reason: Suppression['reason']): void {
    this.entries.set(normaliseAddress(address), {
      reason,
      expiresAt: secondsAfter(this.clock.now(), RETENTION_DAYS.suppression),
    });
  }
}

export class MemoryRawMail implements RawMailStore {
  readonly objects = new Map<string, Uint8Array>();
  async getRawMail(id: string): Promise<Uint8Array> {
    const value = this.objects.get(id);
    if (!value) throw new RawMailNotFoundError(`no raw mail ${id}`);
    return value;
  }
}

export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  /** Set to make the next sends fail with this error, once each. */
  readonly failures: Error[] = [];
  async send(mail: OutgoingMail): Promise<{ messageId: string }> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(mail);
    return { messageId: `ses-${this.sent.length}` };
  }
}

export class FixedClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
}

export function sequentialRandomness(): Randomness {
  let n = 0;
  return {
    // Digits spelled as letters: tokens use the base32 alphabet, like the real ones.
    token: () => `tok${String(++n).replace(/\d/g, (d) => 'abcdefghij'[Number(d)] ?? 'a')}`.padEnd(32, 'z'),
    id: () => `attempt-${++n}`,
  };
}

/** Every port in memory, on one fixed clock. */
export function memoryDeps(now = new Date('2026-12-01T18:00:00Z')) {
  const clock = new FixedClock(now);
  const rawMail = new MemoryRawMail();
  const messages = new MemoryMessageLedger();
  const cases = new MemoryCaseStore(clock);
  const quotas = new MemoryQuotaCounter();
  const settings = new MemoryUserSettings(clock);
  const nudges = new MemoryNudgeStore();
  const checkpoint = new MemorySweepCheckpoint();
  const mailer = new RecordingMailer();
  const logs: { message: string; attributes?: Record<string, unknown> }[] = [];
  const deps: InboundDeps = {
    rawMail,
    messages,
    cases,
    quotas,
    settings,
    nudges,
    mailer,
    clock,
    random: sequentialRandomness(),
    log: {
      info: (message, attributes) => logs.push({ message, attributes }),
      warn: (message, attributes) => logs.push({ message, attributes }),
    },
    config: { domain: 'bowout.localhost', senderAddress: 'send@bowout.localhost' },
  };
  return { deps, rawMail, messages, cases, quotas, settings, nudges, checkpoint, mailer, clock, logs };
}

/** Uses up a user's daily limit of drafts or sends for the day of the world's clock, as earlier mail would. */
export async function useUpDailyLimit(
  world: ReturnType<typeof memoryDeps>,
  request: { userEmail: string; kind: 'draft' | 'send'; limit: number },
): Promise<void> {
  for (let i = 0; i < request.limit; i++)
    await world.quotas.consumeQuota({ ...request, now: world.clock.now() });
}
