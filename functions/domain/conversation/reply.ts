import { hashToken, replyAddress } from '../ids.js';
import { type Notice, notices, settingsNotices } from '../letters/notices.js';
import { composeNotice } from '../letters/user-mail.js';
import type { ParsedMail } from '../mail/parse-mail.js';
import type { ReceivedMail } from '../model.js';
import type { CommandOutcome, ReplyOutcome } from '../outcomes.js';
import type { CommandDeps } from '../ports.js';
import { answerWithinBudget } from './answer-budget.js';
import type { CommandContext, UserCommandContext } from './command-context.js';
import { type Command, ownLines, parseCommand } from './commands.js';
import { dispatch } from './dispatch.js';
import { changeDraft, confirmRecipient, discard } from './draft-changes.js';
import { senderIsAuthenticated } from './mail-policy.js';
import { remind } from './remind.js';
import { changeLanguage, setLanguage, setName, setZone, stopAll, stopCase } from './settings.js';
import { forget, status } from './user-data.js';
import { correctInterviewTime } from './when.js';

/**
 * Replies to a private address: a case's, or the user's own (conversation/user-address.ts). The command
 * counts only from the address's own user, and only when SES vouches for the From address. Settings and
 * the user's data work at both; a case's commands at its address only. Every change is a conditional
 * write on the case state, and every answer goes back with the same Reply-To.
 */
export async function handleReply(
  reply: { token: string; received: ReceivedMail; mail: ParsedMail },
  deps: CommandDeps,
): Promise<ReplyOutcome> {
  const { token, received, mail } = reply;
  const tokenHash = hashToken(token);
  const caseId = await deps.cases.findCaseIdByToken(tokenHash);
  const caseRecord = caseId ? await deps.cases.getCase(caseId) : null;
  const userEmail = caseId ? (caseRecord?.user.email ?? null) : await deps.cases.findUserByToken(tokenHash);
  if (!userEmail) return 'rejected-unknown-token';
  deps.log.info('reply for case', {
    sesMessageId: received.sesMessageId,
    caseId: caseRecord?.caseId ?? null,
  });
  if (mail.from?.address !== userEmail) return 'rejected-wrong-sender';
  if (!senderIsAuthenticated(received.verdicts, received.envelopeFrom, mail))
    return 'rejected-unauthenticated';
  const context = withTell(
    {
      userEmail,
      replyAddress: replyAddress({ token, domain: deps.config.domain }),
      sesMessageId: received.sesMessageId,
      deps,
    },
    mail,
  );
  const command = parseCommand(mail.text);
  if (command.kind === 'UNCLEAR') {
    // Not a command, or one that cannot be carried out: what an unannounced responder sends, so it is
    // answered within the budget.
    const answered = await withinBudget(context, mail, notices.help(command.reason));
    return answered === 'answered' ? 'unclear-command' : answered;
  }
  if (caseRecord && isCaseCommand(command)) return runCaseCommand(command, { ...context, caseRecord });
  return runUserCommand(command, context);
}

/** The commands that act on one case, and so need a case's address. */
type CaseCommand = Extract<
  Command,
  {
    kind:
      | 'SEND'
      | 'SEND_AGAIN'
      | 'CANCEL'
      | 'EDIT'
      | 'REASON'
      | 'OFFER'
      | 'TO'
      | 'LANG'
      | 'CONFIRM'
      | 'WHEN'
      | 'REMIND'
      | 'STOP';
  }
>;
const CASE_COMMANDS: ReadonlySet<Command['kind']> = new Set<CaseCommand['kind']>([
  'SEND',
  'SEND_AGAIN',
  'CANCEL',
  'EDIT',
  'REASON',
  'OFFER',
  'TO',
  'LANG',
  'CONFIRM',
  'WHEN',
  'REMIND',
  'STOP',
]);
const isCaseCommand = (command: Command): command is CaseCommand => CASE_COMMANDS.has(command.kind);

/** Answers go to the user, from Bowout, with the address the command came to as Reply-To. */
function withTell(
  context: Omit<UserCommandContext, 'tell' | 'tellRefusal'>,
  mail: ParsedMail,
): UserCommandContext {
  const { userEmail, deps } = context;
  const tell = (notice: Notice) =>
    deps.mailer.send(
      composeNotice(notice, { to: userEmail, sender: deps.config, replyAddress: context.replyAddress }),
    );
  const told: UserCommandContext = {
    ...context,
    tell,
    tellRefusal: (notice) => withinBudget(told, mail, notice),
  };
  return told;
}

/**
 * An answer within the budget. Replies to one case share their subject ("Re: Your cancellation draft"),
 * so what counts as the same message is the subject with the reply's first line: a responder repeats
 * both, a person who corrects a mistaken command writes another line.
 */
function withinBudget(context: UserCommandContext, mail: ParsedMail, notice: Notice) {
  return answerWithinBudget({
    quotas: context.deps.quotas,
    userEmail: context.userEmail,
    mail,
    opening: ownLines(mail.text)[0] ?? '',
    now: context.deps.clock.now(),
    notice,
    tell: context.tell,
  });
}

/**
 * The commands that need no case: settings, the user's data, help; a case's command that came to the
 * user's own address is answered with how to find the case. There STOP means STOP ALL: there is no
 * case to stop the reminders of.
 */
async function runUserCommand(
  command: Exclude<Command, { kind: 'UNCLEAR' }>,
  context: UserCommandContext,
): Promise<CommandOutcome> {
  switch (command.kind) {
    case 'ZONE':
      return setZone(context, command.zone);
    case 'NAME':
      return setName(context, command.name);
    case 'LANG':
      return setLanguage(context, command.language);
    case 'STATUS':
      return status(context);
    case 'FORGET':
      return forget(context);
    case 'STOP':
    case 'STOP_ALL':
      return stopAll(context);
    case 'HELP':
      await context.tell(notices.help(null));
      return 'help';
    default:
      await context.tellRefusal(settingsNotices.needsCase(command.kind.replace(/_/g, ' ')));
      return 'needs-case';
  }
}

/** Which module carries out which command on a case. */
async function runCaseCommand(command: CaseCommand, context: CommandContext): Promise<CommandOutcome> {
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
      return changeDraft(context, command);
    case 'LANG':
      return changeLanguage(context, command.language);
    case 'CONFIRM':
      return confirmRecipient(context);
    case 'WHEN':
      return correctInterviewTime(context, command.when);
    case 'REMIND':
      return remind(context, command.when);
    case 'STOP':
      return stopCase(context);
  }
}
