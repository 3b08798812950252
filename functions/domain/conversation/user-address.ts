import { hashToken, replyAddress } from '../ids.js';
import type { Notice } from '../letters/notices.js';
import { composeNotice } from '../letters/user-mail.js';
import type { CommandDeps } from '../ports.js';

/**
 * The user's own reply address: `reply+<token>@domain` like a case's, but bound to the user instead of a
 * case. Mail that answers no case (a note that a forward held no invite, the answer budget's notice, a
 * STATUS or settings answer) carries a fresh one as Reply-To, so that every Bowout mail can be answered
 * with a setting (ZONE, NAME, LANG, STATUS, STOP ALL, FORGET); a case's own address takes them too.
 *
 * Why an address rather than settings commands at cancel@: a command counts only when it arrives at an
 * unguessable address Bowout gave that very user AND From is that user AND SES vouches for From. At
 * cancel@ the address would prove nothing, leaving FORGET (which deletes everything) and NAME (which
 * changes what employers read) to SES's verdicts alone; and cancel@ receives forwards, whose first
 * line ("Name: …", "When: …") must never be read as a command.
 */
export async function userReplyAddress(
  deps: Pick<CommandDeps, 'cases' | 'random' | 'config'>,
  userEmail: string,
): Promise<string> {
  const token = deps.random.token();
  await deps.cases.addUserToken({ userEmail, tokenHash: hashToken(token) });
  return replyAddress({ token, domain: deps.config.domain });
}

/** Mails the user a notice that answers no case, with a fresh address of their own as Reply-To. */
export function tellUser(
  deps: Pick<CommandDeps, 'cases' | 'random' | 'config' | 'mailer'>,
  userEmail: string,
): (notice: Notice) => Promise<unknown> {
  return async (notice) =>
    deps.mailer.send(
      composeNotice(notice, {
        to: userEmail,
        sender: deps.config,
        replyAddress: await userReplyAddress(deps, userEmail),
      }),
    );
}
