/** A command read from the user's reply. Unknown text is 'UNCLEAR' and gets a short help answer. */
export type Command = { kind: 'SEND' } | { kind: 'CANCEL' } | { kind: 'HELP' } | { kind: 'UNCLEAR' };

// Where the quoted history starts: "On … wrote:", Outlook's separators and header blocks.
const QUOTE_START = [
  /^On .{0,200}wrote:\s*$/i,
  /^Am .{0,200}schrieb.*:\s*$/i,
  /^Le .{0,200}a écrit\s*:\s*$/i,
  /^El .{0,200}escribió:\s*$/i,
  /^-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine)/i,
  /^_{5,}\s*$/,
  /^From:\s.+/i,
  /^-- ?$/,
];

/** The lines the user wrote themselves: everything before the quoted history or signature. */
export function ownLines(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n').slice(0, 500)) {
    const line = raw.trim();
    if (QUOTE_START.some((pattern) => pattern.test(line))) break;
    if (line.startsWith('>')) continue;
    lines.push(line);
  }
  return lines.filter((line) => line !== '');
}

const SEND = /^(send|yes,?\s*send|send it|please send|ok,?\s*send|yes)[\s.!]*$/i;
const CANCEL = /^(cancel|discard|don'?t send|do not send)[\s.!]*$/i;
const HELP = /^(help|\?)[\s.!]*$/i;

/** Reads the command from the first line the user wrote. */
export function parseCommand(text: string): Command {
  const first = ownLines(text)[0] ?? '';
  if (SEND.test(first)) return { kind: 'SEND' };
  if (CANCEL.test(first)) return { kind: 'CANCEL' };
  if (HELP.test(first)) return { kind: 'HELP' };
  return { kind: 'UNCLEAR' };
}
