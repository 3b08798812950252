import { RawMailNotFoundError } from '../../functions/domain/errors.js';
import type { Case } from '../../functions/domain/model.js';
import type { Nudge } from '../../functions/domain/nudges/plan.js';
import type {
  CaseStore,
  Clock,
  InboundDeps,
  Mailer,
  MessageClaim,
  NudgeRef,
  NudgeStore,
  OutgoingMail,
  Randomness,
  RawMailStore,
} from '../../functions/domain/ports.js';

/** In-memory ports with the same conditional semantics as the DynamoDB adapter, for domain tests. */
export class MemoryCaseStore implements CaseStore {
  readonly messages = new Map<
    string,
    { status: 'processing' | 'done'; leaseUntil: number; outcome?: string }
  >();
  readonly cases = new Map<string, Case>();
  readonly tokens = new Map<string, string>();

  async claimMessage(id: string, now: Date, leaseSeconds: number): Promise<MessageClaim> {
    const current = this.messages.get(id);
    if (current?.status === 'done') return 'done';
    if (current && current.leaseUntil > now.getTime()) return 'busy';
    this.messages.set(id, { status: 'processing', leaseUntil: now.getTime() + leaseSeconds * 1000 });
    return 'claimed';
  }
  async completeMessage(id: string, outcome: string): Promise<void> {
    this.messages.set(id, { status: 'done', leaseUntil: 0, outcome });
  }
  async releaseMessage(id: string): Promise<void> {
    if (this.messages.get(id)?.status === 'processing') this.messages.delete(id);
  }
  async getCase(caseId: string): Promise<Case | null> {
    const value = this.cases.get(caseId);
    return value ? structuredClone(value) : null;
  }
  async createCase(value: Case, tokenHash: string): Promise<boolean> {
    if (this.cases.has(value.caseId) || this.tokens.has(tokenHash)) return false;
    this.cases.set(value.caseId, structuredClone(value));
    this.tokens.set(tokenHash, value.caseId);
    return true;
  }
  async addToken(caseId: string, tokenHash: string): Promise<void> {
    this.tokens.set(tokenHash, caseId);
  }
  async findCaseIdByToken(tokenHash: string): Promise<string | null> {
    return this.tokens.get(tokenHash) ?? null;
  }
  readonly quotas = new Map<string, { used: number; noticed: boolean }>();
  readonly stoppedUsers = new Set<string>();
  async consumeQuota(user: string, kind: 'draft' | 'send', now: Date, limit: number) {
    const key = `${user}#${kind}#${now.toISOString().slice(0, 10)}`;
    const quota = this.quotas.get(key) ?? { used: 0, noticed: false };
    this.quotas.set(key, quota);
    if (quota.used < limit) {
      quota.used += 1;
      return 'ok' as const;
    }
    if (quota.noticed) return 'limited' as const;
    quota.noticed = true;
    return 'limited-first' as const;
  }
  async stopAllNudges(user: string): Promise<void> {
    this.stoppedUsers.add(user);
  }
  async nudgesStoppedForUser(user: string): Promise<boolean> {
    return this.stoppedUsers.has(user);
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
}

/** Nudges in memory, with the same claim semantics as the DynamoDB adapter; `scans` proves no scan. */
export class MemoryNudgeStore implements NudgeStore {
  readonly items = new Map<string, Nudge & { status: string; indexed: boolean }>();
  private key = (ref: NudgeRef) => `${ref.caseId}#${ref.kind}#${ref.dueAt}`;
  async schedule(nudges: Nudge[]): Promise<void> {
    for (const nudge of nudges)
      if (!this.items.has(this.key(nudge)))
        this.items.set(this.key(nudge), { ...nudge, status: 'pending', indexed: true });
  }
  async *findDue(
    now: Date,
    _lookbackDays: number,
    onRead: (count: number) => void,
  ): AsyncIterable<NudgeRef[]> {
    const due = [...this.items.values()]
      .filter((n) => n.indexed && n.dueAt <= now.toISOString())
      .map(({ caseId, kind, dueAt }) => ({ caseId, kind, dueAt }));
    onRead(due.length);
    if (due.length) yield due;
  }
  async claim(ref: NudgeRef): Promise<boolean> {
    const item = this.items.get(this.key(ref));
    if (item?.status !== 'pending' || !item.indexed) return false;
    item.status = 'sending';
    item.indexed = false;
    return true;
  }
  async complete(ref: NudgeRef, outcome: string): Promise<void> {
    const item = this.items.get(this.key(ref));
    if (item) item.status = outcome;
  }
  async release(ref: NudgeRef): Promise<void> {
    const item = this.items.get(this.key(ref));
    if (item?.status === 'sending') Object.assign(item, { status: 'pending', indexed: true });
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

export function memoryDeps(now = new Date('2026-12-01T18:00:00Z')) {
  const rawMail = new MemoryRawMail();
  const cases = new MemoryCaseStore();
  const nudges = new MemoryNudgeStore();
  const mailer = new RecordingMailer();
  const clock = new FixedClock(now);
  const logs: { message: string; attributes?: Record<string, unknown> }[] = [];
  const deps: InboundDeps = {
    rawMail,
    cases,
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
  return { deps, rawMail, cases, nudges, mailer, clock, logs };
}
