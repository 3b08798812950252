import { writeCancellation } from '../letters/cancellation.js';
import { notices } from '../letters/notices.js';
import { composeDraftMail, DRAFT_HEADINGS } from '../letters/user-mail.js';
import { isPlausibleAddress, isUnattendedAddress } from '../mail/sanitize.js';
import type { DraftChangeOutcome } from '../outcomes.js';
import type { CommandContext } from './command-context.js';
import type { Command } from './commands.js';

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
 * DRAFTED case changes; every change is a conditional write on that state.
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
  } else if (command.kind === 'EDIT') {
    inputs.edited = true;
    draft = { subject: caseRecord.draft.subject, body: command.body.slice(0, MAX_EDITED_CHARS) };
  } else {
    if (inputs.edited) {
      await tell(notices.editedByUser());
      return 'change-after-edit';
    }
    if (command.kind === 'REASON') inputs.reason = command.text;
    else inputs.offer = command.text;
  }
  if (!inputs.edited) draft = writeCancellation(facts, inputs);
  const now = deps.clock.now();
  const updated = await deps.cases.updateCase(
    caseRecord.caseId,
    { states: ['DRAFTED'] },
    { facts, inputs, draft, updatedAt: now.toISOString() },
  );
  if (!updated) return 'change-conflict';
  await deps.mailer.send(
    composeDraftMail(updated, {
      replyAddress: context.replyAddress,
      sender: deps.config,
      now,
      heading: DRAFT_HEADINGS.updated,
    }),
  );
  return CHANGED[command.kind];
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
