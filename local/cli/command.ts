/**
 * The shape of a `bowout` subcommand: bin/bowout.ts maps names to modules exporting `command`, so each
 * command loads only what it needs and adding one is one line there.
 */
export interface CommandIO {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Writes one line to standard output. */
  out(line: string): void;
  /** Writes one line to standard error. */
  err(line: string): void;
}

export interface Command {
  /** One line: the command's synopsis, without the leading `bowout`. */
  usage: string;
  /** Runs to completion and returns the exit code. */
  run(args: string[], io: CommandIO): Promise<number>;
}

/** Bad arguments: bin/bowout.ts prints the message as one line on stderr and exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The first line of a message, for errors from libraries that explain at length. */
export function firstLine(text: string): string {
  return text.split('\n', 1)[0]?.trim() ?? '';
}
