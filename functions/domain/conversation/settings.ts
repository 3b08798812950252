import { notices } from '../letters/notices.js';
import type { SettingsOutcome } from '../outcomes.js';
import type { CommandContext } from './command-context.js';

/** STOP: no more nudges for this case, whatever state it is in. */
export async function stopCase(context: CommandContext): Promise<SettingsOutcome> {
  const { caseRecord, deps, tell } = context;
  await deps.cases.updateCase(
    caseRecord.caseId,
    { states: ['DRAFTED', 'SENDING', 'SENT', 'DISCARDED'] },
    { nudgesStopped: true },
  );
  await tell(notices.stopped());
  return 'stopped';
}

/** STOP ALL: no more nudges for any of the user's cases (a setting of the user's, not of this case). */
export async function stopAll(context: CommandContext): Promise<SettingsOutcome> {
  const { caseRecord, deps, tell } = context;
  await deps.settings.stopAllNudges(caseRecord.user.email, deps.clock.now());
  await tell(notices.stoppedAll());
  return 'stopped-all';
}
