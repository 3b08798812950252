import { hashToken, replyAddress } from '../ids.js';
import { notices } from '../letters/notices.js';
import { composeNotice } from '../letters/user-mail.js';
import type { ParsedMail } from '../mail/parse-mail.js';
import type { ReceivedMail } from '../model.js';
import type { CommandOutcome, ReplyOutcome } from '../outcomes.js';
import type { CommandDeps } from '../ports.js';
import type { CommandContext } from './command-context.js';
import { type Command, parseCommand } from './commands.js';
import { dispatch } from './dispatch.js';
import { changeDraft, discard } from './draft-changes.js';
import { senderIsAuthenticated } from './mail-policy.js';
import { remind } from './remind.js';
import { stopAll, stopCase } from './settings.js';

/**
 * Replies to a case's private address: the command counts only from the case's own user, and only when
 * SES vouches for the From address. Then the command goes to the module that carries it out; every
 * change is a conditional write on the case state, and every answer goes back with the same Reply-To.
 */
export async function handleReply(
  reply: { token: string; received: ReceivedMail; mail: ParsedMail },
  deps: CommandDeps,
): Promise<ReplyOutcome> {
  const { token, received, mail } = reply;
  const caseId = await deps.cases.findCaseIdByToken(hashToken(token));
  const caseRecord = caseId ? await deps.cases.getCase(caseId) : null;
  if (!caseRecord) return 'rejected-unknown-token';
  deps.log.info('reply for case', { sesMessageId: received.sesMessageId, caseId: caseRecord.caseId });
  if (mail.from?.address !== caseRecord.user.email) return 'rejected-wrong-sender';
  if (!senderIsAuthenticated(received.verdicts, received.envelopeFrom, mail))
    return 'rejected-unauthenticated';
  const context = withTell({
    caseRecord,
    replyAddress: replyAddress({ token, domain: deps.config.domain }),
    sesMessageId: received.sesMessageId,
    deps,
  });
  return runCommand(parseCommand(mail.text), context);
}

/** Answers go to the case's user, from Bowout, with the case's private address as Reply-To. */
function withTell(context: Omit<CommandContext, 'tell'>): CommandContext {
  const { caseRecord, deps } = context;
  return {
    ...context,
    tell: (notice) =>
      deps.mailer.send(
        composeNotice(notice, {
          to: caseRecord.user.email,
          sender: deps.config,
          replyAddress: context.replyAddress,
        }),
      ),
  };
}

/** Which module carries out which command. */
async function runCommand(command: Command, context: CommandContext): Promise<CommandOutcome> {
  switch (command.kind) {
    case 'SEND':
      return dispatch(context, { again: false });
    case 'SEND_AGAIN':
      return dispatch(context, { again: true });
    case 'CANCEL':
      return discard(context);
    case 'EDIT':
    case 'REASON':
    case 'OFFER':
    case 'TO':
    case 'LANG':
      return changeDraft(context, command);
    case 'REMIND':
      return remind(context, command.when);
    case 'STOP':
      return stopCase(context);
    case 'STOP_ALL':
      return stopAll(context);
    case 'HELP':
      await context.tell(notices.help(null));
      return 'help';
    case 'UNCLEAR':
      await context.tell(notices.help(command.reason));
      return 'unclear-command';
  }
}
