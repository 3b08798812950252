import { writeCancellation } from './letters/cancellation.js';
import type { Case, CaseUser, DraftInputs, InviteFacts, LetterLanguage } from './model.js';

/** A new case in DRAFTED with its cancellation written from the facts and the user's inputs. */
export function openCase(input: {
  caseId: string;
  user: CaseUser;
  facts: InviteFacts;
  sourceMessageId: string;
  now: Date;
  /** A reason the user marked as one ("Reason: …"); never any other words of theirs. */
  reason?: string | null;
  /** Hashes of the addresses in the forwarded mail (conversation/no-relay.ts). */
  forwardedAddresses?: string[];
  /** The letter's language (letters/language.ts chooses it); English when not given. */
  language?: LetterLanguage;
}): Case {
  const inputs: DraftInputs = {
    reason: input.reason ?? null,
    offer: null,
    edited: false,
    signature: input.user.name,
    language: input.language ?? input.facts.style?.language ?? 'en',
  };
  const now = input.now.toISOString();
  return {
    caseId: input.caseId,
    state: 'DRAFTED',
    user: input.user,
    facts: input.facts,
    draft: writeCancellation(input.facts, inputs, { caseId: input.caseId, now: input.now }),
    sourceMessageId: input.sourceMessageId,
    createdAt: now,
    updatedAt: now,
    draftMailedAt: null,
    sendAttemptId: null,
    sendLeaseUntil: null,
    sentAt: null,
    sentMessageId: null,
    alreadySentNoticeAt: null,
    lateSendRequestedAt: null,
    uncertainNoticeAt: null,
    inputs,
    remindAt: null,
    nudgesStopped: false,
    purpose: 'cancellation',
    pendingTo: null,
    forwardedAddresses: input.forwardedAddresses ?? [],
    // The automatic reminders are planned from the case's creation (conversation/forward.ts).
    nudgesPlannedAt: now,
  };
}
