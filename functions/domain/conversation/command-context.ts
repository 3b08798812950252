import type { Notice } from '../letters/notices.js';
import type { Case } from '../model.js';
import type { CommandDeps } from '../ports.js';

/** A command from a user at one of their addresses: a case's, or their own (for settings). */
export interface UserCommandContext {
  /** The user, as the address's owner: the case's user, or the user the address is bound to. */
  userEmail: string;
  /** The address the command came to; every answer carries it as Reply-To. */
  replyAddress: string;
  /** The SES message that carried the command. */
  sesMessageId: string;
  deps: CommandDeps;
  /** Mails the user a short notice. */
  tell(notice: Notice): Promise<unknown>;
  /**
   * Mails the answer to a command that changed nothing (a refusal, an argument it could not read, a value
   * set already) within the answer budget (conversation/answer-budget.ts): an automatic responder's text
   * can start with a command's word ("To whom it may concern", "When I am back"), and must not loop.
   */
  tellRefusal(notice: Notice): Promise<unknown>;
}

/** One command being carried out on a case: the case, where it came from, and how to answer the user. */
export interface CommandContext extends UserCommandContext {
  caseRecord: Case;
}
