import { writeCancellation } from '../letters/cancellation.js';
import { guardNotices, notices } from '../letters/notices.js';
import { composeDraftMail, DRAFT_HEADINGS } from '../letters/user-mail.js';
import { isPlausibleAddress, isUnattendedAddress } from '../mail/sanitize.js';
import type { Case, DraftInputs, InviteFacts } from '../model.js';
import type { DraftChangeOutcome } from '../outcomes.js';
import type { CommandContext } from './command-context.js';
import type { Command } from './commands.js';
import { addressHash, findLink } from './no-relay.js';

type DraftChange = Extract<Command, { kind: 'EDIT' | 'REASON' | 'OFFER' | 'TO' }>;

const CHANGED: Record<DraftChange['kind'], DraftChangeOutcome> = {
  EDIT: 'changed-edit',
  REASON: 'changed-reason',
  OFFER: 'changed-offer',
  TO: 'changed-to',
};

/** The longest cancellation EDIT keeps. */
const MAX_EDITED_CHARS = 5_000;

/**
 * EDIT, REASON, OFFER and TO change the stored draft (never who else gets it) and answer with it. Only a
 * DRAFTED case changes; every change is a conditional write on that state. Text the user wrote reaches
 * the employer only without links or foreign addresses, and TO an address that was not in the forwarded
 * mail waits for CONFIRM (conversation/no-relay.ts says why).
 */
export async function changeDraft(
  context: CommandContext,
  command: DraftChange,
): Promise<DraftChangeOutcome> {
  const { caseRecord, deps, tell } = context;
  if (caseRecord.state !== 'DRAFTED') {
    await context.tellRefusal(notices.tooLateToChange(caseRecord));
    return 'change-too-late';
  }
  const inputs = { ...caseRecord.inputs };
  const facts = structuredClone(caseRecord.facts);
  let draft = caseRecord.draft;
  if (command.kind === 'TO') {
    const { address } = command;
    if (
      !isPlausibleAddress(address) ||
      isUnattendedAddress(address) ||
      address === caseRecord.user.email ||
      address.endsWith(`@${deps.config.domain}`)
    ) {
      await context.tellRefusal(notices.addressRefused(address));
      return 'to-rejected';
    }
    if (!caseRecord.forwardedAddresses.includes(addressHash(address))) {
      const pending = await deps.cases.updateCase(
        caseRecord.caseId,
        { states: ['DRAFTED'] },
        { pendingTo: address, updatedAt: deps.clock.now().toISOString() },
      );
      if (!pending) return 'change-conflict';
      await tell(guardNotices.toNeedsConfirmation(address));
      return 'to-needs-confirmation';
    }
    facts.employer.email = address;
    facts.missing = facts.missing.filter((key) => key !== 'employer.email');
  } else {
    const text = command.kind === 'EDIT' ? command.body : command.text;
    const found = findLink(text, caseRecord.user.email);
    if (found) {
      await context.tellRefusal(guardNotices.linkRefused(command.kind, found.text, found.kind));
      return 'link-refused';
    }
    if (command.kind === 'EDIT') {
      inputs.edited = true;
      draft = { subject: caseRecord.draft.subject, body: command.body.slice(0, MAX_EDITED_CHARS) };
    } else if (inputs.edited) {
      await context.tellRefusal(notices.editedByUser());
      return 'change-after-edit';
    } else if (command.kind === 'REASON') inputs.reason = command.text;
    else inputs.offer = command.text;
  }
  const updated = await saveAndAnswer(context, { facts, inputs, draft, pendingTo: null });
  return updated ? CHANGED[command.kind] : 'change-conflict';
}

/** CONFIRM: the TO address waiting for confirmation becomes the contact. */
export async function confirmRecipient(context: CommandContext): Promise<DraftChangeOutcome> {
  const { caseRecord } = context;
  if (caseRecord.state !== 'DRAFTED') {
    await context.tellRefusal(notices.tooLateToChange(caseRecord));
    return 'change-too-late';
  }
  const address = caseRecord.pendingTo;
  if (!address) {
    await context.tellRefusal(guardNotices.nothingToConfirm());
    return 'nothing-to-confirm';
  }
  const facts = structuredClone(caseRecord.facts);
  facts.employer.email = address;
  facts.missing = facts.missing.filter((key) => key !== 'employer.email');
  const updated = await saveAndAnswer(context, {
    facts,
    inputs: caseRecord.inputs,
    draft: caseRecord.draft,
    pendingTo: null,
  });
  return updated ? 'to-confirmed' : 'change-conflict';
}

/** Stores the changed draft (written anew unless the user wrote it) and mails the user the update. */
async function saveAndAnswer(
  context: CommandContext,
  change: { facts: InviteFacts; inputs: DraftInputs; draft: Case['draft']; pendingTo: string | null },
): Promise<Case | null> {
  const { caseRecord, deps } = context;
  const draft = change.inputs.edited ? change.draft : writeCancellation(change.facts, change.inputs);
  const now = deps.clock.now();
  const updated = await deps.cases.updateCase(
    caseRecord.caseId,
    { states: ['DRAFTED'] },
    { ...change, draft, updatedAt: now.toISOString() },
  );
  if (!updated) return null;
  await mailUpdatedDraft(context, updated);
  return updated;
}

/** Mails the user the draft as it now stands, to the case's address, `intro` above it. */
export async function mailUpdatedDraft(
  context: CommandContext,
  updated: Case,
  intro: string[] = [],
): Promise<void> {
  const { deps } = context;
  await deps.mailer.send(
    composeDraftMail(updated, {
      replyAddress: context.replyAddress,
      sender: deps.config,
      now: deps.clock.now(),
      heading: DRAFT_HEADINGS.updated,
      ...(intro.length ? { intro } : {}),
    }),
  );
}

/** CANCEL: the draft is discarded, while it is still only a draft. */
export async function discard(context: CommandContext): Promise<DraftChangeOutcome> {
  const { caseRecord, deps, tell } = context;
  const discarded = await deps.cases.updateCase(
    caseRecord.caseId,
    { states: ['DRAFTED'] },
    { state: 'DISCARDED', updatedAt: deps.clock.now().toISOString() },
  );
  if (!discarded) {
    await context.tellRefusal(notices.tooLateToDiscard(caseRecord));
    return 'cancel-too-late';
  }
  await tell(notices.discarded());
  return 'discarded';
}
