import { ConflictError, RawMailNotFoundError } from '../../functions/domain/errors.js';
import type { Suppression } from '../../functions/domain/feedback/read-feedback.js';
import { normaliseAddress } from '../../functions/domain/mail/sanitize.js';
import type { Case, LetterLanguage, Nudge, UserPreferences } from '../../functions/domain/model.js';
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
/**
 * A twin's own copy of what it stores or hands out, as a table keeps (and every read returns) a copy of an
 * item: a caller changing its object afterwards changes nothing stored. Only plain data (objects, arrays,
 * primitives) can be stored, as in DynamoDB's document model. A plain loop, not structuredClone: a case
 * copies in about 1 µs instead of 7.
 */
function copyOf<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype)
    throw new TypeError('a twin stores plain data only, as the table does');
  const fields: Record<string, unknown> = {};
  for (const key in value) fields[key] = copyOf(value[key]);
  return fields as T;
}

function addTo(index: Map<string, Set<string>>, key: string, value: string): void {
  const values = index.get(key) ?? new Set<string>();
  values.add(value);
  index.set(key, values);
}

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
  /** Message ids filed under each user. */
  readonly filed = new Map<string, Set<string>>();
  async fileUnderUser(id: string, userEmail: string): Promise<void> {
    const ids = this.filed.get(userKey(userEmail)) ?? new Set<string>();
    ids.add(id);
    this.filed.set(userKey(userEmail), ids);
  }
  async messagesOfUser(userEmail: string): Promise<string[]> {
    return [...(this.filed.get(userKey(userEmail)) ?? [])];
  }
  async forgetUser(userEmail: string): Promise<number> {
    const count = this.filed.get(userKey(userEmail))?.size ?? 0;
    this.filed.delete(userKey(userEmail));
    return count;
  }
}

export class MemoryCaseStore implements CaseStore {
  readonly cases = new Map<string, Case>();
  /** Token hash → case id. */
  readonly tokens = new Map<string, string>();
  /** Token hash → user address, for tokens bound to a user. */
  readonly userTokens = new Map<string, string>();
  /** Hashes of retired tokens (FORGET): bound to nothing, never bound again. */
  readonly retired = new Set<string>();
  /** The per-user index: user key → case ids, and user key → their user-bound token hashes. */
  private readonly casesByUser = new Map<string, Set<string>>();
  private readonly tokensByUser = new Map<string, Set<string>>();
  private readonly expiry = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  async getCase(caseId: string): Promise<Case | null> {
    const caseRecord = this.cases.get(caseId);
    return caseRecord && this.isLive(`case ${caseId}`) ? copyOf(caseRecord) : null;
  }
  async createCase(caseRecord: Case, tokenHash: string): Promise<boolean> {
    if (this.cases.has(caseRecord.caseId)) return false;
    this.cases.set(caseRecord.caseId, copyOf(caseRecord));
    this.expiry.set(`case ${caseRecord.caseId}`, secondsAfter(this.clock.now(), RETENTION_DAYS.case));
    addTo(this.casesByUser, userKey(caseRecord.user.email), caseRecord.caseId);
    await this.addToken({ caseId: caseRecord.caseId, tokenHash });
    return true;
  }
  async addToken(token: { caseId: string; tokenHash: string }): Promise<void> {
    this.assertUnused(token.tokenHash);
    this.tokens.set(token.tokenHash, token.caseId);
    this.expiry.set(`token ${token.tokenHash}`, secondsAfter(this.clock.now(), RETENTION_DAYS.case));
  }
  async findCaseIdByToken(tokenHash: string): Promise<string | null> {
    return this.isLive(`token ${tokenHash}`) ? (this.tokens.get(tokenHash) ?? null) : null;
  }
  readonly originals = new Map<string, OriginalFiling>();
  async fileOriginal(filing: OriginalFiling): Promise<OriginalFiling | null> {
    const key = `original ${userKey(filing.userEmail)} ${filing.originalKey}`;
    const held = this.originals.get(key);
    if (held && this.isLive(key)) return { ...filing, caseId: held.caseId, filedAt: held.filedAt };
    this.originals.set(key, { ...filing });
    this.expiry.set(key, secondsAfter(this.clock.now(), RETENTION_DAYS.case));
    return null;
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
  async addUserToken(token: { userEmail: string; tokenHash: string }): Promise<void> {
    this.assertUnused(token.tokenHash);
    this.userTokens.set(token.tokenHash, normaliseAddress(token.userEmail));
    addTo(this.tokensByUser, userKey(token.userEmail), token.tokenHash);
    this.expiry.set(`token ${token.tokenHash}`, secondsAfter(this.clock.now(), RETENTION_DAYS.case));
  }
  async findUserByToken(tokenHash: string): Promise<string | null> {
    return this.isLive(`token ${tokenHash}`) ? (this.userTokens.get(tokenHash) ?? null) : null;
  }
  async caseIdsOfUser(userEmail: string): Promise<string[]> {
    return [...(this.casesByUser.get(userKey(userEmail)) ?? [])];
  }
  async casesOfUser(userEmail: string): Promise<Case[]> {
    const found = await Promise.all((await this.caseIdsOfUser(userEmail)).map((id) => this.getCase(id)));
    return found
      .filter((caseRecord): caseRecord is Case => caseRecord !== null)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
  async forgetUser(userEmail: string): Promise<{ cases: number; tokens: number }> {
    const key = userKey(userEmail);
    const caseIds = this.casesByUser.get(key) ?? new Set<string>();
    let tokens = 0;
    for (const [hash, caseId] of this.tokens) {
      if (!caseIds.has(caseId)) continue;
      this.tokens.delete(hash);
      this.retired.add(hash);
      tokens += 1;
    }
    for (const hash of this.tokensByUser.get(key) ?? []) {
      if (this.userTokens.delete(hash)) tokens += 1;
      this.retired.add(hash);
    }
    let cases = 0;
    for (const caseId of caseIds) if (this.cases.delete(caseId)) cases += 1;
    this.casesByUser.delete(key);
    this.tokensByUser.delete(key);
    for (const originalKey of this.originals.keys())
      if (originalKey.startsWith(`original ${key} `)) this.originals.delete(originalKey);
    return { cases, tokens };
  }
  private assertUnused(tokenHash: string): void {
    if (this.tokens.has(tokenHash) || this.userTokens.has(tokenHash) || this.retired.has(tokenHash))
      throw new ConflictError('the token exists already');
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
    const next = { ...current, ...copyOf(changes) };
    this.cases.set(caseId, next);
    return copyOf(next);
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
  /** `<user>#<subject key>` → when the mark expires (epoch seconds). */
  readonly answeredSubjects = new Map<string, number>();
  async firstAnswerTo(request: { userEmail: string; subjectKey: string; now: Date }): Promise<boolean> {
    const key = `${userKey(request.userEmail)}#${request.subjectKey}`;
    const expiresAt = this.answeredSubjects.get(key);
    if (expiresAt !== undefined && expiresAt > seconds(request.now)) return false;
    this.answeredSubjects.set(key, secondsAfter(request.now, RETENTION_DAYS.answeredSubject));
    return true;
  }
  async forgetUser(userEmail: string): Promise<number> {
    let count = 0;
    for (const map of [this.quotas, this.answeredSubjects] as Map<string, unknown>[]) {
      for (const key of map.keys()) {
        if (!key.startsWith(`${userKey(userEmail)}#`)) continue;
        map.delete(key);
        count += 1;
      }
    }
    return count;
  }
}

const NO_SETTINGS: UserPreferences = {
  zone: null,
  signature: null,
  language: null,
  nudgesStopped: false,
  firstSeenAt: null,
};

export class MemoryUserSettings implements UserSettings {
  /** Each user's settings, with when they expire (epoch seconds). */
  readonly users = new Map<string, UserPreferences & { expiresAt: number }>();

  constructor(private readonly clock: Clock) {}

  private change(userEmail: string, changes: Partial<UserPreferences>): void {
    const current = this.users.get(userKey(userEmail));
    this.users.set(userKey(userEmail), {
      ...(current && live(this.clock, current) ? current : NO_SETTINGS),
      ...changes,
      expiresAt: secondsAfter(this.clock.now(), RETENTION_DAYS.userSettings),
    });
  }
  async stopAllNudges(userEmail: string): Promise<void> {
    this.change(userEmail, { nudgesStopped: true });
  }
  async nudgesStoppedForUser(userEmail: string): Promise<boolean> {
    return (await this.getSettings(userEmail)).nudgesStopped;
  }
  async getSettings(userEmail: string): Promise<UserPreferences> {
    const current = this.users.get(userKey(userEmail));
    if (!current || !live(this.clock, current)) return { ...NO_SETTINGS };
    const { expiresAt: _expiresAt, ...settings } = current;
    return settings;
  }
  async updateSettings(
    userEmail: string,
    changes: Partial<Pick<UserPreferences, 'zone' | 'signature' | 'language'>>,
  ): Promise<void> {
    this.change(userEmail, changes);
  }
  async letterLanguage(userEmail: string): Promise<LetterLanguage | null> {
    return (await this.getSettings(userEmail)).language;
  }
  async noteFirstSeen(userEmail: string, now: Date): Promise<UserPreferences> {
    const { firstSeenAt } = await this.getSettings(userEmail);
    // Like the adapter's write: the item's retention is refreshed whether or not the instant was new.
    this.change(userEmail, { firstSeenAt: firstSeenAt ?? now.toISOString() });
    return this.getSettings(userEmail);
  }
  async forgetUser(userEmail: string): Promise<number> {
    return this.users.delete(userKey(userEmail)) ? 1 : 0;
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
  async forgetCase(caseId: string): Promise<number> {
    let count = 0;
    for (const [key, item] of this.items) {
      if (item.caseId !== caseId) continue;
      this.items.delete(key);
      count += 1;
    }
    return count;
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
  async deleteRawMail(ids: readonly string[]): Promise<number> {
    return ids.filter((id) => this.objects.delete(id)).length;
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
