import { readFile } from 'node:fs/promises';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import { type Command, firstLine, UsageError } from './command.js';

/**
 * `bowout extract <file.eml>...`: what Bowout understands of each message, one JSON object per line in
 * the order given (the contract in DESIGN.md). A file that cannot be read gets one line on stderr and
 * makes the exit code 1; the others are still reported.
 */
export const command: Command = {
  usage: 'extract <file.eml> [<file.eml> ...]',
  async run(args, io) {
    const files = args.filter((arg) => arg !== '--');
    if (files.length === 0) throw new UsageError('give at least one .eml file');
    let failed = false;
    for (const file of files) {
      try {
        const mail = await parseMail(await readFile(file));
        const { facts } = understandInvite(mail, {
          userAddress: mail.from?.address ?? '',
          ownDomain: 'bowout.localhost',
        });
        io.out(
          JSON.stringify({
            file,
            employer: facts.employer,
            role: facts.role,
            interview: facts.interview,
            missing: facts.missing,
            uncertain: facts.uncertain,
          }),
        );
      } catch (error) {
        failed = true;
        io.err(`${file}: ${firstLine(error instanceof Error ? error.message : String(error))}`);
      }
    }
    return failed ? 1 : 0;
  },
};
