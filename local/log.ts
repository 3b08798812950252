/**
 * Logging for a human at the terminal: one short line per event, prefixed with the time. Logs carry ids
 * and outcomes, never addresses, subjects or bodies (DESIGN.md, security rules), so anything that might
 * quote mail, such as an error message, goes through `describeError` first.
 */
export type Log = (line: string) => void;

export function terminalLog(write: (text: string) => void = (text) => process.stdout.write(text)): Log {
  return (line) => write(`${new Date().toTimeString().slice(0, 8)}  ${line}\n`);
}

export const silentLog: Log = () => undefined;

const ADDRESS = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g;
const MAX_MESSAGE = 200;

/** Replaces anything shaped like a mail address, since error messages may quote the mail they failed on. */
export function redactAddresses(text: string): string {
  return text.replace(ADDRESS, '<address>');
}

/** `TypeError: message (at file:line)` on one line, addresses redacted, bounded in length. */
export function describeError(error: unknown): string {
  const name = error instanceof Error ? error.name : 'Error';
  const raw = error instanceof Error ? error.message : String(error);
  let message = redactAddresses(raw.replace(/\s+/g, ' ').trim());
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}…`;
  // The first frame says where it broke, which is what a developer trying the stack wants to see.
  const frame =
    error instanceof Error ? /\n\s+at (?:.*\()?(.*?)\)?$/m.exec(error.stack ?? '')?.[1] : undefined;
  return `${name}: ${message}${frame ? ` (at ${frame})` : ''}`;
}
