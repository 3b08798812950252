import type { Command, CommandIO } from '../local/cli/command.js';
import { UsageError } from '../local/cli/command.js';

/**
 * The command line: `bowout <command> [arguments]`. One entry per command; each lives in its own module,
 * loaded only when it runs.
 */
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  start: () => import('../local/cli/start.js'),
  ingest: () => import('../local/cli/ingest.js'),
  extract: () => import('../local/cli/extract.js'),
  remind: () => import('../local/cli/remind.js'),
};

// The SDK's multi-line "Node 20 support ends" warning would bury every command's one line of output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: bowout <${Object.keys(COMMANDS).join('|')}> [arguments]`;

const io: CommandIO = {
  env: process.env,
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Exits once both streams have flushed, whatever sockets or timers a library left open. */
function exit(code: number): void {
  let pending = 2;
  const done = () => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const load = name === undefined || !Object.hasOwn(COMMANDS, name) ? undefined : COMMANDS[name];
  if (!load) {
    io.err(name === undefined ? USAGE : `bowout: unknown command "${name}"; ${USAGE}`);
    return 2;
  }
  const { command } = await load();
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`bowout ${name}: ${error.message}; usage: bowout ${command.usage}`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(exit, (error: unknown) => {
  io.err(`bowout: ${error instanceof Error ? error.message.split('\n', 1)[0] : String(error)}`);
  exit(1);
});
