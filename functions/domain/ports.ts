import type { Suppression } from './feedback/read-feedback.js';
import type { Case, CaseState, LetterLanguage, Nudge, NudgeKind, UserPreferences } from './model.js';
import type { InboundOutcome, NudgeOutcome } from './outcomes.js';

/**
 * The small interfaces the domain needs from the world. Adapters implement them against AWS (or its
 * local stand-ins); unit tests implement them in memory.
 */

export interface RawMailStore {
  /** The raw MIME bytes SES stored for a message. Throws RawMailNotFoundError if absent. */
  getRawMail(sesMessageId: string): Promise<Uint8Array>;
  /** FORGET: deletes these messages' raw mail; returns how many were there to delete. */
  deleteRawMail(sesMessageIds: readonly string[]): Promise<number>;
}

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  content: string;
  /** Sent as an alternative body part (text/calendar REPLY) rather than a download. */
  inline?: boolean;
}

export interface OutgoingMail {
  from: { name: string | null; address: string };
  to: string[];
  cc: string[];
  replyTo: string[];
  subject: string;
  text: string;
  html: string | null;
  inReplyTo: string | null;
  references: string[];
  attachments: OutgoingAttachment[];
  /**
   * Extra headers; the mailer adds the loop header to every message itself, and Auto-Submitted to
   * every message that is not `personal`.
   */
  headers: Record<string, string>;
  /**
   * Written in the user's name to a person (the cancellation, a friendly note): a personal message the
   * user asked for, so it carries no Auto-Submitted header that filters would read as machine mail.
   */
  personal?: boolean;
}

export interface Mailer {
  /** Sends one message; resolves with SES's message id. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export type MessageClaim = 'claimed' | 'done' | 'busy';

/** Which inbound SES messages were processed, so a duplicate delivery does nothing. */
export interface MessageLedger {
  /**
   * Marks a message as being processed (with a lease). 'done': processed before; 'busy': another
   * invocation holds a live lease. A marker is forgotten after RETENTION_DAYS.messageMarker.
   */
  claimMessage(sesMessageId: string, now: Date, leaseSeconds: number): Promise<MessageClaim>;
  completeMessage(sesMessageId: string, outcome: InboundOutcome, now: Date): Promise<void>;
  /** Gives the claim up after a failure, so the platform's retry can process the message again. */
  releaseMessage(sesMessageId: string): Promise<void>;
  /**
   * Files a message under the user whose authenticated mail it was, so FORGET finds its raw mail. Kept
   * as long as the raw mail can be (RETENTION_DAYS.case); the processed marker itself names nobody.
   */
  fileUnderUser(sesMessageId: string, userEmail: string, now: Date): Promise<void>;
  /** The SES message ids filed under the user. */
  messagesOfUser(userEmail: string): Promise<string[]>;
  /** FORGET: unfiles every message of the user (the processed markers stay, so no retry acts again). */
  forgetUser(userEmail: string): Promise<number>;
}

/**
 * Which case a user's forward of one original invite opened: the same invite forwarded again finds it.
 * `originalKey` names the original (its Message-ID, or a hash of it; invite/original-key.ts).
 */
export interface OriginalFiling {
  userEmail: string;
  originalKey: string;
  caseId: string;
  /** ISO instant the filing was made. */
  filedAt: string;
}

/**
 * Cases, the hashes of their reply tokens and the originals each user's cases were opened for; all read
 * as absent after RETENTION_DAYS.case.
 */
export interface CaseStore {
  getCase(caseId: string): Promise<Case | null>;
  /** Creates the case and its reply-token entry together; false if the case exists already. */
  createCase(caseRecord: Case, tokenHash: string): Promise<boolean>;
  /** Adds another reply token for an existing case (the draft or a nudge is being mailed). */
  addToken(token: { caseId: string; tokenHash: string }): Promise<void>;
  findCaseIdByToken(tokenHash: string): Promise<string | null>;
  /**
   * Files the case as the one for this user's original, unless one is filed already (whatever the letter
   * case of the address): null when this filing was made, else the earlier filing that holds (which may
   * name this very case, filed by an earlier attempt at the same message).
   */
  fileOriginal(filing: OriginalFiling): Promise<OriginalFiling | null>;
  /**
   * Files the original under another case, only while it is still filed under `previousCaseId` (the case
   * that filing named never came to be). False when the filing changed meanwhile.
   */
  refileOriginal(filing: OriginalFiling, previousCaseId: string): Promise<boolean>;
  /** Takes a filing back while it still names its case (that case was not opened after all). */
  releaseOriginal(filing: OriginalFiling): Promise<void>;
  /**
   * Binds a reply token to the user rather than to a case: the Reply-To of mail that answers no case
   * (a note, a STATUS answer), where the user's settings commands are read.
   */
  addUserToken(token: { userEmail: string; tokenHash: string }): Promise<void>;
  findUserByToken(tokenHash: string): Promise<string | null>;
  /** The ids of every case of the user, from a per-user index written with each case. */
  caseIdsOfUser(userEmail: string): Promise<string[]>;
  /** Every live case of the user, newest first. */
  casesOfUser(userEmail: string): Promise<Case[]>;
  /**
   * FORGET: deletes every case of the user and retires every token of theirs. A retired token keeps
   * only its hash, bound to nothing: an old reply address stays dead and can never be bound again.
   */
  forgetUser(userEmail: string): Promise<{ cases: number; tokens: number }>;
  /**
   * Conditional update: applies `changes` only if the case is in one of `condition.states` (and, when
   * given, holds the attempt id `attemptId`, and has every field of `unset` still unset). Returns the
   * updated case, or null when the condition failed.
   */
  updateCase(
    caseId: string,
    condition: { states: CaseState[]; attemptId?: string | null; unset?: (keyof Case)[] },
    changes: Partial<Case>,
  ): Promise<Case | null>;
}

/**
 * What is counted per user (or sender) and day: drafts, sends to employers, answers to mail that is
 * neither an invite nor a command, and the notes answering a repeated forward.
 */
export type QuotaKind = 'draft' | 'send' | 'answer' | 'repeat-note';
export type QuotaAnswer = 'ok' | 'limited-first' | 'limited';
/** One draft, send or note for a user at `now`, against a daily `limit`. */
export interface QuotaRequest {
  userEmail: string;
  kind: QuotaKind;
  limit: number;
  now: Date;
}

/** Per user, kind and UTC day: how many drafts, sends and notes Bowout made. */
export interface QuotaCounter {
  /**
   * Counts one draft or send against the user's daily limit. 'limited-first' the first time in a day the
   * limit stops something (the one time the user is told), 'limited' after that.
   */
  consumeQuota(request: QuotaRequest): Promise<QuotaAnswer>;
  /**
   * True the first time a subject (its key, a hash of the normalised subject) is to be answered for
   * this user within RETENTION_DAYS.answeredSubject; false after that.
   */
  firstAnswerTo(request: { userEmail: string; subjectKey: string; now: Date }): Promise<boolean>;
  /** FORGET: deletes the user's counters and answered-subject marks; returns how many there were. */
  forgetUser(userEmail: string, now: Date): Promise<number>;
}

/** What a user set for all their cases; every setting is kept RETENTION_DAYS.userSettings after a change. */
export interface UserSettings {
  /** STOP ALL: no more nudges for any of the user's cases. */
  stopAllNudges(userEmail: string, now: Date): Promise<void>;
  nudgesStoppedForUser(userEmail: string): Promise<boolean>;
  /** Everything the user set (all null and false for a user who set nothing). */
  getSettings(userEmail: string): Promise<UserPreferences>;
  /** ZONE, NAME, LANG: sets the given settings, leaves the others. */
  updateSettings(
    userEmail: string,
    changes: Partial<Pick<UserPreferences, 'zone' | 'signature' | 'language'>>,
    now: Date,
  ): Promise<void>;
  /**
   * LANG: the language the user asked their letters to be written in when the invite's own language is
   * unclear, or null.
   */
  letterLanguage(userEmail: string): Promise<LetterLanguage | null>;
  /**
   * Records when Bowout first drafted for the user, once, and returns the user's settings with it (their
   * `firstSeenAt` that first instant): a new draft needs both, in one round trip.
   */
  noteFirstSeen(userEmail: string, now: Date): Promise<UserPreferences>;
  /** FORGET: deletes the user's settings; returns how many items there were (0 or 1). */
  forgetUser(userEmail: string): Promise<number>;
}

/** Where suppressed addresses are kept; the store decides keys (hashed) and how long an entry lives. */
export interface SuppressionList {
  /** Which of these addresses must not be mailed, normalised as `normaliseAddress` does. */
  suppressedAmong(addresses: readonly string[]): Promise<Set<string>>;
  /** Records the suppressions; repeating one only refreshes it (SES delivers at least once). */
  suppress(suppressions: readonly Suppression[]): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface Randomness {
  /** An unguessable token for reply addresses: URL- and local-part-safe. */
  token(): string;
  /** A unique id for a dispatch attempt. */
  id(): string;
}

/** A due nudge as the due-time index names it: enough to find and claim the stored item. */
export interface NudgeRef {
  caseId: string;
  kind: NudgeKind;
  dueAt: string;
}

/**
 * Pending nudges, filed by day in a due index (nudges/due-days.ts). A pending nudge lives
 * RETENTION_DAYS.pendingNudge after it falls due; a sent or skipped one RETENTION_DAYS.settledNudge after it
 * was settled.
 */
export interface NudgeStore {
  /** Stores pending nudges, each filed under filingDay(dueAt, now); storing the same one twice keeps one. */
  schedule(nudges: Nudge[], now: Date): Promise<void>;
  /**
   * Pages of the pending nudges filed under `day` and due by `now`, read through the due index (never a
   * scan). Reports how many index entries it read.
   */
  findDue(day: string, now: Date, onRead: (count: number) => void): AsyncIterable<NudgeRef[]>;
  /**
   * Takes a pending nudge for sending (it leaves the index). False when it was already taken, sent,
   * removed or expired: the index is eventually consistent, the stored item decides.
   */
  claim(ref: NudgeRef, now: Date): Promise<boolean>;
  /** Records the outcome of a claimed nudge. */
  complete(ref: NudgeRef, outcome: NudgeOutcome, now: Date): Promise<void>;
  /**
   * Puts a claimed nudge back, filed under filingDay(dueAt, now): it was certainly not sent (the mail
   * service refused it, or the sweep failed before sending).
   */
  release(ref: NudgeRef, now: Date): Promise<void>;
  /** FORGET: deletes every nudge of the case, whatever its state; returns how many there were. */
  forgetCase(caseId: string): Promise<number>;
}

/** How far the sweep has got: the first day of the due index that may still hold pending nudges. */
export interface SweepCheckpoint {
  /** The day, or null before the first sweep. */
  read(): Promise<string | null>;
  /** Moves the checkpoint forward to `day`; never back (two sweeps may race). */
  advance(day: string, now: Date): Promise<void>;
}

/** Structured logs: ids and outcomes only, never addresses, subjects or bodies. */
export interface LogPort {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
}

/** The stored state, one port per concern. */
export interface Stores {
  messages: MessageLedger;
  cases: CaseStore;
  quotas: QuotaCounter;
  settings: UserSettings;
  nudges: NudgeStore;
}

/** Where Bowout's mail goes out from and comes in at. */
export interface ServiceConfig {
  /** The inbound domain: forwards go to cancel@domain, replies to reply+token@domain. */
  domain: string;
  senderAddress: string;
}

/** Everything the inbound path (forwards, replies, commands, dispatch) is given by its handler. */
export interface InboundDeps extends Stores {
  rawMail: RawMailStore;
  mailer: Mailer;
  clock: Clock;
  random: Randomness;
  log: LogPort;
  config: ServiceConfig;
}

/** What a command from a user may use: everything inbound (FORGET deletes raw mail and unfiles messages). */
export type CommandDeps = InboundDeps;

/** Everything the reminder sweep is given by its handler. */
export type SweepDeps = Omit<InboundDeps, 'rawMail' | 'messages' | 'quotas'> & {
  checkpoint: SweepCheckpoint;
};
