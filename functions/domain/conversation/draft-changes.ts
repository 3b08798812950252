import { writeCancellation } from '../letters/cancellation.js';
import { DRAFT_HEADINGS, notices } from '../letters/notices.js';
import { composeDraftMail } from '../letters/user-mail.js';
import { isPlausibleAddress, isUnattendedAddress } from '../mail/sanitize.js';
import type { Case } from '../model.js';
import type { DraftChangeOutcome } from '../outcomes.js';
import type { CommandContext } from './command-context.js';
import type { Command } from './commands.js';

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
 * Only a DRAFTED case changes; every change is a conditional write on that state.
 */
export async function changeDraft(
  context: CommandContext,
  command: DraftChange,
): Promise<DraftChangeOutcome> {
  const { caseRecord, deps, tell } = context;
  if (caseRecord.state !== 'DRAFTED') {
    await tell(notices.tooLateToChange(caseRecord));
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
      await tell(notices.addressRefused(address));
      return 'to-rejected';
    }
    facts.employer.email = address;
    facts.missing = facts.missing.filter((key) => key !== 'employer.email');
    if (command.name) {
      // A new contact: their name is the one the user gave, and nothing the invite said of the old one.
      facts.employer.name = command.name;
      facts.missing = facts.missing.filter((key) => key !== 'employer.name');
      if (facts.style)
        facts.style = { ...facts.style, firstNames: null, contact: { salutation: null, title: null } };
    }
  } else if (command.kind === 'EDIT') {
    inputs.edited = true;
    draft = { subject: caseRecord.draft.subject, body: command.body.slice(0, MAX_EDITED_CHARS) };
  } else {
    if (inputs.edited) {
      await tell(notices.editedByUser());
      return 'change-after-edit';
    }
    if (command.kind === 'REASON') inputs.reason = command.text;
    else if (command.kind === 'OFFER') inputs.offer = command.text;
    else inputs.language = command.language;
  }
  const now = deps.clock.now();
  if (!inputs.edited) draft = writeCancellation(facts, inputs, { caseId: caseRecord.caseId, now });
  const shown = await saveAndShowDraft(context, { facts, inputs, draft }, now);
  return shown ? CHANGED[command.kind] : 'change-conflict';
}

/**
 * Stores a changed draft (only while the case is still DRAFTED) and mails it to the user, with `intro`
 * saying why it comes again. False when the case had moved on meanwhile.
 */
export async function saveAndShowDraft(
  context: CommandContext,
  changes: Pick<Partial<Case>, 'facts' | 'inputs' | 'draft'>,
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
  await deps.mailer.send(
    composeDraftMail(updated, {
      replyAddress: context.replyAddress,
      sender: deps.config,
      now,
      heading: DRAFT_HEADINGS.updated,
      ...(intro ? { intro } : {}),
    }),
  );
  return true;
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
    await tell(notices.tooLateToDiscard(caseRecord));
    return 'cancel-too-late';
  }
  await tell(notices.discarded());
  return 'discarded';
}
