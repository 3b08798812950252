import { writeCancellation } from '../letters/cancellation.js';
import { DRAFT_HEADINGS, guardNotices, notices } from '../letters/notices.js';
import { composeDraftMail } from '../letters/user-mail.js';
import { isPlausibleAddress, isUnattendedAddress } from '../mail/sanitize.js';
import type { Case, InviteFacts } from '../model.js';
import type { DraftChangeOutcome } from '../outcomes.js';
import type { CommandContext } from './command-context.js';
import type { Command } from './commands.js';
import { addressHash, findLink } from './no-relay.js';

type DraftChange = Extract<Command, { kind: 'EDIT' | 'REASON' | 'OFFER' | 'TO' | 'LANG' }>;

const CHANGED: Record<DraftChange['kind'], DraftChangeOutcome> = {
  EDIT: 'changed-edit',
  REASON: 'changed-reason',
  OFFER: 'changed-offer',
  TO: 'changed-to',
  LANG: 'changed-lang',
};

/** The longest cancellation EDIT keeps. */
const MAX_EDITED_CHARS = 5_000;

/**
 * EDIT, REASON, OFFER, TO and LANG change the stored draft (never who else gets it) and answer with it.
 * Only a DRAFTED case changes; every change is a conditional write on that state. Text the user wrote
 * reaches the employer only without links or foreign addresses (a TO's name included), and TO an
 * address that was not in the forwarded mail waits for CONFIRM (conversation/no-relay.ts says why).
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
  const text =
    command.kind === 'EDIT'
      ? command.body
      : command.kind === 'TO'
        ? command.name
        : command.kind === 'LANG'
          ? null
          : command.text;
  const found = text ? findLink(text, caseRecord.user.email) : null;
  if (found) {
    await context.tellRefusal(guardNotices.linkRefused(command.kind, found.text, found.kind));
    return 'link-refused';
  }
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
    const contact = { address, name: command.name ?? null };
    if (!caseRecord.forwardedAddresses.includes(addressHash(address))) {
      const pending = await deps.cases.updateCase(
        caseRecord.caseId,
        { states: ['DRAFTED'] },
        { pendingTo: contact, updatedAt: deps.clock.now().toISOString() },
      );
      if (!pending) return 'change-conflict';
      await tell(guardNotices.toNeedsConfirmation(address));
      return 'to-needs-confirmation';
    }
    setContact(facts, contact);
  } else if (command.kind === 'EDIT') {
    inputs.edited = true;
    draft = { subject: caseRecord.draft.subject, body: command.body.slice(0, MAX_EDITED_CHARS) };
  } else if (inputs.edited) {
    await context.tellRefusal(notices.editedByUser());
    return 'change-after-edit';
  } else if (command.kind === 'REASON') inputs.reason = command.text;
  else if (command.kind === 'OFFER') inputs.offer = command.text;
  else inputs.language = command.language;
  const now = deps.clock.now();
  if (!inputs.edited) draft = writeCancellation(facts, inputs, { caseId: caseRecord.caseId, now });
  const shown = await saveAndShowDraft(context, { facts, inputs, draft, pendingTo: null }, now);
  return shown ? CHANGED[command.kind] : 'change-conflict';
}

/** The contact a TO names: their address, and their name when the user gave one. */
function setContact(facts: InviteFacts, contact: { address: string; name: string | null }): void {
  facts.employer.email = contact.address;
  facts.missing = facts.missing.filter((key) => key !== 'employer.email');
  if (contact.name) {
    // A new contact: their name is the one the user gave, and nothing the invite said of the old one.
    facts.employer.name = contact.name;
    facts.missing = facts.missing.filter((key) => key !== 'employer.name');
    if (facts.style)
      facts.style = { ...facts.style, firstNames: null, contact: { salutation: null, title: null } };
  }
}

/** CONFIRM: the TO address waiting for confirmation becomes the contact. */
export async function confirmRecipient(context: CommandContext): Promise<DraftChangeOutcome> {
  const { caseRecord, deps } = context;
  if (caseRecord.state !== 'DRAFTED') {
    await context.tellRefusal(notices.tooLateToChange(caseRecord));
    return 'change-too-late';
  }
  const contact = caseRecord.pendingTo;
  if (!contact) {
    await context.tellRefusal(guardNotices.nothingToConfirm());
    return 'nothing-to-confirm';
  }
  const facts = structuredClone(caseRecord.facts);
  setContact(facts, contact);
  const now = deps.clock.now();
  const { inputs } = caseRecord;
  const draft = inputs.edited
    ? caseRecord.draft
    : writeCancellation(facts, inputs, { caseId: caseRecord.caseId, now });
  const shown = await saveAndShowDraft(context, { facts, draft, pendingTo: null }, now);
  return shown ? 'to-confirmed' : 'change-conflict';
}

/**
 * Stores a changed draft (only while the case is still DRAFTED) and mails it to the user, with `intro`
 * saying why it comes again. False when the case had moved on meanwhile.
 */
export async function saveAndShowDraft(
  context: CommandContext,
  changes: Pick<Partial<Case>, 'facts' | 'inputs' | 'draft' | 'pendingTo'>,
  now: Date,
  intro?: string[],
): Promise<boolean> {
  const { caseRecord, deps } = context;
  const updated = await deps.cases.updateCase(
    caseRecord.caseId,
    { states: ['DRAFTED'] },
    { ...changes, updatedAt: now.toISOString() },
  );
  if (!updated) return false;
  await mailUpdatedDraft(context, updated, intro);
  return true;
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
