import type { InboundOutcome } from '../outcomes.js';
import type { guardNotices, Notice, notices, settingsNotices } from './notices.js';

/**
 * Which mail the user may get for each outcome: the name of a notice (letters/notices.ts, where every
 * sentence Bowout writes to its user is), or a draft. An empty list: no answer at all. The compiler
 * keeps it total over the outcomes, and test/unit/answers-catalog.test.ts drives each outcome and checks
 * that what went out is what is listed here. The cancellation itself goes to the employer (the user in
 * copy) and is not an answer. An answer to a command that changed nothing goes out within the answer
 * budget (conversation/answer-budget.ts), so the budget's one notice can stand in for it.
 */

type NoticesOf<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Notice ? K : never }[keyof T];

export type NoticeName =
  | NoticesOf<typeof notices>
  | NoticesOf<typeof guardNotices>
  | NoticesOf<typeof settingsNotices>;

/** A notice, or the draft mail: the first one, or the one answering a change. */
export type Answer = NoticeName | 'draft' | 'updated-draft';

export const ANSWERS: Readonly<Record<InboundOutcome, readonly Answer[]>> = {
  'dropped-virus': [],
  duplicate: [],
  'raw-mail-missing': [],
  'unreadable-answered': ['unreadable'],
  'unreadable-unanswered': [],
  'ignored-own-loop': [],
  'ignored-bounce': [],
  'ignored-auto-submitted': [],
  'ignored-auto-reply': [],
  'ignored-bulk': [],
  'ignored-mailing-list': [],
  'ignored-out-of-office': [],
  'ignored-spam': [],
  'ignored-unauthenticated': [],
  'ignored-unknown-recipient': [],
  'quiet-asked-no-answer': [],
  'quiet-same-subject': [],
  'quiet-budget-spent': [],
  'answer-budget-notice': ['answerBudgetSpent'],
  drafted: ['draft'],
  'duplicate-draft': [],
  'repeated-forward': ['alreadyHaveIt'],
  'repeated-forward-quiet': [],
  'not-an-invite': ['notAnInvite'],
  'own-mail-noted': ['ownMailForwarded'],
  'draft-rate-limited': ['dailyLimit'],
  'rejected-unknown-token': [],
  'rejected-wrong-sender': [],
  'rejected-unauthenticated': [],
  sent: [],
  'already-sent': ['alreadySent'],
  'send-no-recipient': ['noRecipient', 'answerBudgetSpent'],
  'send-discarded': ['sendAfterDiscard', 'answerBudgetSpent'],
  'send-in-progress': [],
  'send-uncertain': ['uncertainSend'],
  // The interview has passed, or the letter names a day that is no longer right (shown again, updated).
  'send-needs-confirmation': ['interviewPassed', 'updated-draft'],
  'send-rate-limited': ['dailyLimit', 'firstDayLimit'],
  'send-conflict': [],
  'send-refused': ['sendRefused'],
  'changed-edit': ['updated-draft'],
  'changed-reason': ['updated-draft'],
  'changed-offer': ['updated-draft'],
  'changed-to': ['updated-draft'],
  'changed-lang': ['updated-draft'],
  'change-too-late': ['tooLateToChange', 'answerBudgetSpent'],
  'change-after-edit': ['editedByUser', 'answerBudgetSpent'],
  'change-conflict': [],
  'to-rejected': ['addressRefused', 'answerBudgetSpent'],
  'to-needs-confirmation': ['toNeedsConfirmation'],
  'to-confirmed': ['updated-draft'],
  'nothing-to-confirm': ['nothingToConfirm', 'answerBudgetSpent'],
  'link-refused': ['linkRefused', 'answerBudgetSpent'],
  discarded: ['discarded'],
  'cancel-too-late': ['tooLateToDiscard', 'answerBudgetSpent'],
  'when-set': ['updated-draft'],
  'when-unclear': ['whenUnclear', 'answerBudgetSpent'],
  'when-passed': ['whenPassed', 'answerBudgetSpent'],
  'when-closed': ['whenClosed', 'answerBudgetSpent'],
  'remind-set': ['reminderSet', 'answerBudgetSpent'],
  'remind-after-interview': ['reminderSet', 'answerBudgetSpent'],
  'remind-unclear': ['remindUnclear', 'answerBudgetSpent'],
  'remind-closed': ['nothingToRemind', 'answerBudgetSpent'],
  stopped: ['stopped'],
  'stopped-all': ['stoppedAll'],
  'zone-set': ['zoneSet', 'answerBudgetSpent'],
  'zone-unclear': ['zoneUnclear', 'answerBudgetSpent'],
  'name-set': ['nameSet', 'answerBudgetSpent'],
  'name-refused': ['nameRefused', 'answerBudgetSpent'],
  'language-set': ['languageSet', 'answerBudgetSpent'],
  status: ['status'],
  forgotten: ['forgotten'],
  help: ['help'],
  'needs-case': ['needsCase', 'answerBudgetSpent'],
  'unclear-command': ['help', 'answerBudgetSpent'],
};
