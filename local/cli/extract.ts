import { readFile } from 'node:fs/promises';
import { explainInvite } from '../../functions/domain/invite/explain.js';
import { understandInvite } from '../../functions/domain/invite/understand-invite.js';
import { parseMail } from '../../functions/domain/mail/parse-mail.js';
import { type Command, firstLine, UsageError } from './command.js';

/**
 * `bowout extract [--explain] <file.eml>...`: what Bowout understands of each message, one JSON object
 * per line in the order given (the contract in DESIGN.md). With --explain, each JSON line is followed by
 * indented lines saying, for the contact's address and name, the company and the role, which candidates
 * were found where, with what score, and why the winner won. A file that cannot be read gets one line on
 * stderr and makes the exit code 1; the others are still reported.
 */
export const command: Command = {
  usage: 'extract [--explain] <file.eml> [<file.eml> ...]',
  async run(args, io) {
    const explain = args.includes('--explain');
    const files = args.filter((arg) => arg !== '--' && arg !== '--explain');
    if (files.length === 0) throw new UsageError('give at least one .eml file');
    let failed = false;
    for (const file of files) {
      try {
        const mail = await parseMail(await readFile(file));
        const understood = understandInvite(mail, {
          userAddress: mail.from?.address ?? '',
          ownDomain: 'bowout.localhost',
        });
        const { facts } = understood;
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
        if (explain) for (const line of explainInvite(understood)) io.out(`  ${line}`);
      } catch (error) {
        failed = true;
        io.err(`${file}: ${firstLine(error instanceof Error ? error.message : String(error))}`);
      }
    }
    return failed ? 1 : 0;
  },
};
