import type { Case, CaseState } from './model.js';
import type { Nudge } from './nudges/plan.js';

/**
 * The small interfaces the domain needs from the world. Adapters implement them against AWS (or its
 * local stand-ins); unit tests implement them in memory.
 */

export interface RawMailStore {
  /** The raw MIME bytes SES stored for a message. Throws RawMailNotFoundError if absent. */
  getRawMail(sesMessageId: string): Promise<Uint8Array>;
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
  /** Extra headers; the mailer adds the loop and Auto-Submitted headers to every message itself. */
  headers: Record<string, string>;
}

export interface Mailer {
  /** Sends one message; resolves with SES's message id. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

export type MessageClaim = 'claimed' | 'done' | 'busy';

export interface CaseStore {
  /**
   * Marks an inbound SES message as being processed (with a lease), so duplicate deliveries of the same
   * message do nothing. 'done': processed before; 'busy': another invocation holds a live lease.
   */
  claimMessage(sesMessageId: string, now: Date, leaseSeconds: number): Promise<MessageClaim>;
  completeMessage(sesMessageId: string, outcome: string, now: Date): Promise<void>;
  /** Gives the claim up after a failure, so the platform's retry can process the message again. */
  releaseMessage(sesMessageId: string): Promise<void>;

  getCase(caseId: string): Promise<Case | null>;
  /** Creates the case and its reply-token entry together; false if the case exists already. */
  createCase(value: Case, tokenHash: string): Promise<boolean>;
  /** Adds another reply token for an existing case (the draft is being mailed again). */
  addToken(caseId: string, tokenHash: string, now: Date): Promise<void>;
  findCaseIdByToken(tokenHash: string): Promise<string | null>;

  /**
   * Counts one draft or send against the user's daily limit. 'limited-first' the first time in a day the
   * limit stops something (the one time the user is told), 'limited' after that.
   */
  consumeQuota(
    userEmail: string,
    kind: 'draft' | 'send',
    now: Date,
    limit: number,
  ): Promise<'ok' | 'limited-first' | 'limited'>;
  /** STOP ALL: no more nudges for any of the user's cases. */
  stopAllNudges(userEmail: string, now: Date): Promise<void>;
  nudgesStoppedForUser(userEmail: string): Promise<boolean>;

  /**
   * Conditional update: applies `changes` only if the case is in one of `from` (and, when given,
   * holds the attempt id `attemptId`). Returns the updated case, or null when the condition failed.
   */
  updateCase(
    caseId: string,
    condition: { states: CaseState[]; attemptId?: string | null; unset?: (keyof Case)[] },
    changes: Partial<Case>,
  ): Promise<Case | null>;
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
  kind: Nudge['kind'];
  dueAt: string;
}

export interface NudgeStore {
  /** Stores pending nudges; storing the same nudge twice keeps one. */
  schedule(nudges: Nudge[], now: Date): Promise<void>;
  /**
   * Pages of nudges due at `now`, read through the due-time index (never a scan), from the last
   * `lookbackDays` days. Reports how many index entries it read.
   */
  findDue(now: Date, lookbackDays: number, onRead: (count: number) => void): AsyncIterable<NudgeRef[]>;
  /**
   * Takes a pending nudge for sending (it leaves the index). False when it was already taken, sent,
   * removed or expired: the index is eventually consistent, the stored item decides.
   */
  claim(ref: NudgeRef, now: Date): Promise<boolean>;
  /** Records the outcome of a claimed nudge. */
  complete(ref: NudgeRef, outcome: string, now: Date): Promise<void>;
  /** Puts a claimed nudge back in the index: it was certainly not sent (the mail service refused it). */
  release(ref: NudgeRef): Promise<void>;
}

/** Structured logs: ids and outcomes only, never addresses, subjects or bodies. */
export interface LogPort {
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
}

/** Where Bowout's mail goes out from and comes in at. */
export interface ServiceConfig {
  /** The inbound domain: forwards go to cancel@domain, replies to reply+token@domain. */
  domain: string;
  senderAddress: string;
}

/** Everything the inbound path (forwards, replies, commands, dispatch) is given by its handler. */
export interface InboundDeps {
  rawMail: RawMailStore;
  cases: CaseStore;
  nudges: NudgeStore;
  mailer: Mailer;
  clock: Clock;
  random: Randomness;
  log: LogPort;
  config: ServiceConfig;
}

/** Everything the reminder sweep is given by its handler. */
export type SweepDeps = Omit<InboundDeps, 'rawMail'>;
