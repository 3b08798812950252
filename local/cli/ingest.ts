import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { IngestInputError, ingestMail, StackNotRunningError } from '../ingest.js';
import { redactAddresses } from '../log.js';
import { parseVerdictList, VerdictSyntaxError, type Verdicts } from '../ses-event.js';
import { type LocalSettings, readLocalSettings, SettingsError } from '../settings.js';
import { type Command, type CommandIO, firstLine, UsageError } from './command.js';

/**
 * `bowout ingest <file.eml> [--from <addr>] [--to <addr>] [--verdict spf=FAIL,...]`: one saved message into
 * the running stack. Prints one line, `<message id>  ok  <result>` or `<message id>  failed  <error>`.
 * Exit codes: 0 handled, 1 the file, the stack or the handler failed, 2 bad arguments.
 */

const MAX_RESULT = 300;

interface Arguments {
  file: string;
  from?: string;
  to?: string[];
  verdicts?: Partial<Verdicts>;
}

const OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string', multiple: true },
  verdict: { type: 'string' },
} as const;

function parseOptions(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // Node explains at length ("Unknown option '--x'. To specify a positional..."); the first sentence will do.
    throw new UsageError(firstLine((error as Error).message).replace(/\. .*$/, ''));
  }
}

function parseArguments(args: string[]): Arguments {
  const parsed = parseOptions(args);
  const { positionals, values } = parsed;
  if (positionals.length !== 1 || !positionals[0]) {
    throw new UsageError(positionals.length === 0 ? 'no file given' : 'one file at a time');
  }
  let verdicts: Partial<Verdicts> | undefined;
  try {
    verdicts = values.verdict === undefined ? undefined : parseVerdictList(values.verdict);
  } catch (error) {
    if (error instanceof VerdictSyntaxError) throw new UsageError(error.message);
    throw error;
  }
  // `--from '<>'` (or '') asks for the null sender, as in bounces.
  const from = values.from === undefined ? undefined : values.from.replace(/^<(.*)>$/, '$1').trim();
  return {
    file: positionals[0],
    ...(from === undefined ? {} : { from }),
    ...(values.to ? { to: values.to } : {}),
    ...(verdicts ? { verdicts } : {}),
  };
}

async function run(args: string[], io: CommandIO): Promise<number> {
  const { file, ...options } = parseArguments(args);
  let settings: LocalSettings;
  try {
    settings = readLocalSettings(io.env, io.cwd);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }

  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : firstLine((error as Error).message);
    io.err(`bowout ingest: cannot read ${file}: ${reason}`);
    return 1;
  }

  try {
    const outcome = await ingestMail(settings, raw, options);
    if (outcome.ok) {
      let result = JSON.stringify(outcome.result) ?? 'null';
      if (result.length > MAX_RESULT) result = `${result.slice(0, MAX_RESULT)}…`;
      io.out(`${outcome.messageId}  ok  ${result}`);
      return 0;
    }
    // The same redaction as the stack's log: an error message may quote the mail it failed on.
    const message = redactAddresses(outcome.error.errorMessage.replace(/\s+/g, ' ')).slice(0, MAX_RESULT);
    io.out(`${outcome.messageId}  failed  ${outcome.error.errorType}: ${message}`);
    return 1;
  } catch (error) {
    if (error instanceof IngestInputError) throw new UsageError(error.message);
    if (error instanceof StackNotRunningError) {
      io.err(`bowout ingest: ${error.message}`);
      return 1;
    }
    io.err(`bowout ingest: ${firstLine((error as Error).message)}`);
    return 1;
  }
}

export const command: Command = {
  usage:
    'ingest <file.eml> [--from <addr>] [--to <addr>] [--verdict spf=FAIL,dkim=PASS,dmarc=FAIL,spam=PASS,virus=PASS]',
  run,
};
