import type { Notice } from '../letters/notices.js';
import type { Case } from '../model.js';
import type { CommandDeps } from '../ports.js';

/** One command being carried out: the case, where it came from, and how to answer the user. */
export interface CommandContext {
  caseRecord: Case;
  /** The case's private address the command came to; every answer carries it as Reply-To. */
  replyAddress: string;
  /** The SES message that carried the command. */
  sesMessageId: string;
  deps: CommandDeps;
  /** Mails the case's user a short notice. */
  tell(notice: Notice): Promise<unknown>;
}
