import { DateTime } from 'luxon';
import { MessageBusyError } from '../errors.js';
import { hashToken, replyAddress } from '../ids.js';
import { zoneOf } from '../invite/zones.js';
import { notices } from '../letters/notices.js';
import { composeNotice } from '../letters/user-mail.js';
import type { Case } from '../model.js';
import type { CaseStore, CommandDeps, OriginalFiling } from '../ports.js';
import { DAILY_LIMITS } from './quotas.js';

/**
 * How long an earlier forward of the same original may take to open and mail its case before a later
 * forward takes over: as long as an invocation may hold a message (the message ledger's lease).
 */
const TAKEOVER_SECONDS = 120;

/** What a forward's original is to its user: new, already handled by an earlier case, or left unfinished. */
export type OriginalStanding =
  | { kind: 'new' }
  /** An earlier attempt at this very message opened its case (the platform retried the message). */
  | { kind: 'own'; opened: Case }
  | { kind: 'repeat'; earlier: Case }
  /** The earlier forward opened its case but never mailed the draft, and has stopped trying. */
  | { kind: 'resume'; earlier: Case };

/**
 * Whether the user forwarded this original before. The first forward files its case under the original
 * (a conditional write, so of two forwards at the same moment exactly one files); a later one finds that
 * case. Only a forward that finds a filing already there reads any case: first its own (a retried
 * attempt at the same message goes on with the case it opened, whatever the filing says now), then the
 * earlier one. A filing whose case never came to be, or was discarded, is taken over: CANCEL then
 * forwarding again asks for a new draft. While the earlier forward may still be at work, this one is sent
 * back to the platform to retry (MessageBusyError), so neither a second case nor a note pointing at
 * nothing goes out.
 */
export async function standingOfOriginal(
  filing: OriginalFiling,
  cases: CaseStore,
): Promise<OriginalStanding> {
  const now = new Date(filing.filedAt);
  const held = await cases.fileOriginal(filing);
  if (held === null) return { kind: 'new' };
  const opened = await cases.getCase(filing.caseId);
  if (opened) return { kind: 'own', opened };
  if (held.caseId === filing.caseId) return { kind: 'new' };
  const earlier = await cases.getCase(held.caseId);
  if (earlier?.draftMailedAt && earlier.state !== 'DISCARDED') return { kind: 'repeat', earlier };
  const startedAt = Date.parse(earlier?.createdAt ?? held.filedAt);
  const stalled = now.getTime() - startedAt >= TAKEOVER_SECONDS * 1000;
  if (earlier && !earlier.draftMailedAt) {
    if (stalled) return { kind: 'resume', earlier };
  } else if ((earlier || stalled) && (await cases.refileOriginal(filing, held.caseId))) {
    return { kind: 'new' };
  }
  throw new MessageBusyError('an earlier forward of the same original is still being drafted');
}

/**
 * The answer to a repeated forward: a short note that Bowout has the invite already, pointing at the
 * earlier case (with a reply address of that case, so a command in answer to the note works), a few a day
 * at most; past that, silence.
 */
export async function answerRepeatedForward(
  repeat: { earlier: Case; now: Date },
  deps: Pick<CommandDeps, 'cases' | 'quotas' | 'mailer' | 'random' | 'config'>,
): Promise<'repeated-forward' | 'repeated-forward-quiet'> {
  const { earlier, now } = repeat;
  const kind = 'repeat-note';
  const quota = await deps.quotas.consumeQuota({
    userEmail: earlier.user.email,
    kind,
    limit: DAILY_LIMITS[kind],
    now,
  });
  if (quota !== 'ok') return 'repeated-forward-quiet';
  const token = deps.random.token();
  await deps.cases.addToken({ caseId: earlier.caseId, tokenHash: hashToken(token) });
  const zone = zoneOf(earlier.user.timezone) ?? 'UTC';
  const day = (iso: string | null) =>
    iso ? DateTime.fromISO(iso, { zone }).setLocale('en-GB').toFormat('cccc d LLLL') : null;
  await deps.mailer.send(
    composeNotice(
      notices.alreadyHaveIt({
        caseRecord: earlier,
        draftedOn: day(earlier.draftMailedAt),
        sentOn: day(earlier.sentAt),
      }),
      {
        to: earlier.user.email,
        sender: deps.config,
        replyAddress: replyAddress({ token, domain: deps.config.domain }),
      },
    ),
  );
  return 'repeated-forward';
}
