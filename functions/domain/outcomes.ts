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

/**
 * Mail that is neither an invite nor a command, left unanswered (conversation/answer-budget.ts): the
 * sender asked for no automatic answer, the same subject was answered before, or the day's answers are
 * spent; 'answer-budget-notice' when the one notice that the answers are spent went out instead.
 */
export type QuietOutcome =
  | 'quiet-asked-no-answer'
  | 'quiet-same-subject'
  | 'quiet-budget-spent'
  | 'answer-budget-notice';

/**
 * A forward to cancel@ (conversation/forward.ts); 'own-mail-noted': Bowout's own mail, forwarded back;
 * 'repeated-forward': the same invite forwarded again, answered with a note ('-quiet': past the day's notes).
 */
export type ForwardOutcome =
  | 'drafted'
  | 'duplicate-draft'
  | 'repeated-forward'
  | 'repeated-forward-quiet'
  | 'not-an-invite'
  | 'own-mail-noted'
  | 'draft-rate-limited'
  | QuietOutcome;

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
  | 'to-needs-confirmation'
  | 'to-confirmed'
  | 'nothing-to-confirm'
  | 'link-refused'
  | 'discarded'
  | 'cancel-too-late';

/** WHEN: the interview time corrected (conversation/when.ts). */
export type WhenOutcome = 'when-set' | 'when-unclear' | 'when-passed' | 'when-closed';

/** REMIND (conversation/remind.ts); 'remind-after-interview': set, with a warning. */
export type RemindOutcome = 'remind-set' | 'remind-after-interview' | 'remind-unclear' | 'remind-closed';

/** STOP and STOP ALL, ZONE, NAME, LANG (conversation/settings.ts); STATUS, FORGET (conversation/user-data.ts). */
export type SettingsOutcome =
  | 'stopped'
  | 'stopped-all'
  | 'zone-set'
  | 'zone-unclear'
  | 'name-set'
  | 'name-refused'
  | 'language-set'
  | 'status'
  | 'forgotten';

/**
 * What a command from the case's own user did. 'needs-case': a case's command sent to the user's own
 * address, which belongs to no case. An unclear reply is answered within the answer budget.
 */
export type CommandOutcome =
  | DispatchOutcome
  | DraftChangeOutcome
  | WhenOutcome
  | RemindOutcome
  | SettingsOutcome
  | 'help'
  | 'needs-case'
  | 'unclear-command'
  | QuietOutcome;

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
