/**
 * Every outcome Bowout records and logs, as unions: the message ledger stores an InboundOutcome per SES
 * message, the nudge store a NudgeOutcome per nudge, and the compiler checks every place that lists them.
 */

/** Why a message gets no answer at all: no person wrote it to us (conversation/mail-policy.ts). */
export type AutomatedReason =
  | 'own-loop'
  | 'bounce'
  | 'auto-submitted'
  | 'auto-reply'
  | 'bulk'
  | 'mailing-list'
  | 'out-of-office';

/** Received, and deliberately left unanswered. */
export type IgnoredOutcome =
  | 'ignored-own-loop'
  | 'ignored-bounce'
  | 'ignored-auto-submitted'
  | 'ignored-auto-reply'
  | 'ignored-bulk'
  | 'ignored-mailing-list'
  | 'ignored-out-of-office'
  | 'ignored-spam'
  | 'ignored-unauthenticated'
  | 'ignored-unknown-recipient';

/** A forward to cancel@ (conversation/forward.ts). */
export type ForwardOutcome =
  | 'drafted'
  | 'duplicate-draft'
  | 'repeated-forward'
  | 'repeated-forward-quiet'
  | 'not-an-invite'
  | 'draft-rate-limited';

/** SEND and SEND AGAIN (conversation/dispatch.ts). */
export type DispatchOutcome =
  | 'sent'
  | 'already-sent'
  | 'send-no-recipient'
  | 'send-discarded'
  | 'send-in-progress'
  | 'send-uncertain'
  | 'send-needs-confirmation'
  | 'send-rate-limited'
  | 'send-conflict'
  | 'send-refused';

/** EDIT, REASON, OFFER, TO and CANCEL (conversation/draft-changes.ts). */
export type DraftChangeOutcome =
  | 'changed-edit'
  | 'changed-reason'
  | 'changed-offer'
  | 'changed-to'
  | 'changed-lang'
  | 'change-too-late'
  | 'change-after-edit'
  | 'change-conflict'
  | 'to-rejected'
  | 'discarded'
  | 'cancel-too-late';

/** REMIND (conversation/remind.ts). */
export type RemindOutcome = 'remind-set' | 'remind-unclear' | 'remind-closed';

/** STOP and STOP ALL (conversation/settings.ts). */
export type SettingsOutcome = 'stopped' | 'stopped-all';

/** What a command from the case's own user did. */
export type CommandOutcome =
  | DispatchOutcome
  | DraftChangeOutcome
  | RemindOutcome
  | SettingsOutcome
  | 'help'
  | 'unclear-command';

/** A reply to a case's private address (conversation/reply.ts). */
export type ReplyOutcome =
  | 'rejected-unknown-token'
  | 'rejected-wrong-sender'
  | 'rejected-unauthenticated'
  | CommandOutcome;

/** One received SES message (conversation/inbound.ts). */
export type InboundOutcome =
  | 'dropped-virus'
  | 'duplicate'
  | 'raw-mail-missing'
  | 'unreadable-answered'
  | 'unreadable-unanswered'
  | 'unreadable-rate-limited'
  | IgnoredOutcome
  | ForwardOutcome
  | ReplyOutcome;

/** Why a due nudge is closed without being sent (nudges/plan.ts decides). */
export type NudgeSkipReason =
  | 'case-gone'
  | 'stopped'
  | 'interview-passed'
  | 'superseded'
  | 'case-drafted'
  | 'case-sending'
  | 'case-sent'
  | 'case-discarded';

/** What became of a due nudge (nudges/sweep.ts). */
export type NudgeOutcome =
  | 'sent'
  | 'failed'
  | 'skipped-case-gone'
  | 'skipped-stopped'
  | 'skipped-interview-passed'
  | 'skipped-superseded'
  | 'skipped-case-drafted'
  | 'skipped-case-sending'
  | 'skipped-case-sent'
  | 'skipped-case-discarded';
