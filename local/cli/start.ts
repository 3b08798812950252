import type { ConsoleServer } from '../console/server.js';
import { DataDirInUseError } from '../data-lock.js';
import { describeError, terminalLog } from '../log.js';
import { assertPortsFree, PortInUseError } from '../ports.js';
import { type LocalSettings, readLocalSettings, SettingsError } from '../settings.js';
import { type LocalStack, listening, startLocalStack } from '../stack.js';
import { type Command, type CommandIO, UsageError } from './command.js';

/**
 * `bowout start` (`npm start`): runs the local stack until Ctrl-C or SIGTERM, then stops it cleanly.
 * Prints a banner, then exactly one line containing "ready" once SMTP accepts mail (scripts wait for it).
 */

function banner(stack: LocalStack, console: ConsoleServer): string[] {
  const { settings, endpoints } = stack;
  return [
    'Bowout local stack',
    `  Console              ${console.url}   (open it to try Bowout)`,
    `  Forward invites to   cancel@${settings.domain}`,
    `  SMTP inbound         ${endpoints.smtp}`,
    `  Web page (sent mail) ${endpoints.ses}/`,
    `  Outbox (.eml files)  ${stack.outboxDir}`,
    `  Data                 ${stack.dataDir}`,
    `  Lambda API           ${endpoints.lambda}   (for bowout ingest)`,
  ];
}

/** Watches for SIGINT and SIGTERM from now on; a second one exits at once, for a stop that hangs. */
function watchSignals(io: CommandIO): { received: () => boolean; stopRequested: Promise<void> } {
  let received = false;
  const stopRequested = new Promise<void>((resolve) => {
    const onSignal = () => {
      if (received) {
        io.err('stopping forcibly');
        process.exit(1);
      }
      received = true;
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return { received: () => received, stopRequested };
}

async function run(args: string[], io: CommandIO): Promise<number> {
  if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}"`);
  let settings: LocalSettings;
  try {
    settings = readLocalSettings(io.env, io.cwd);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }

  // Watched from before start-up, so Ctrl-C during start-up still stops everything that did start.
  const signals = watchSignals(io);
  const log = terminalLog((text) => process.stdout.write(text));
  let stack: LocalStack | undefined;
  let console: ConsoleServer;
  try {
    // The console's port is checked first, so a taken one fails before the slow start of the stack.
    await assertPortsFree(settings.host, { web: settings.webPort });
    stack = await startLocalStack({ settings, log });
    const started = stack;
    // Loaded once the stack runs, like each command's module: the port check above comes first.
    const { startConsole } = await import('../console/server.js');
    console = await listening('web', settings.host, settings.webPort, () =>
      startConsole({ stack: started, port: settings.webPort, log }),
    );
  } catch (error) {
    await stack?.stop();
    const plain = error instanceof PortInUseError || error instanceof DataDirInUseError;
    io.err(plain ? (error as Error).message : `could not start: ${describeError(error)}`);
    return 1;
  }
  // Only once the handlers are loaded too: while Node evaluates their modules it cannot take a signal in
  // time, and tsx kills a child that does not react to SIGTERM within milliseconds (exit 143, not 0).
  if (!signals.received()) {
    for (const line of banner(stack, console)) io.out(line);
    io.out(`ready: accepting mail on ${stack.endpoints.smtp} (Ctrl-C to stop)`);
  }

  await signals.stopRequested;
  log('stopping: waiting for running handlers');
  await console.stop();
  await stack.stop();
  log('stopped');
  return 0;
}

export const command: Command = {
  usage: 'start   (ports, folders and domain from BOWOUT_* environment variables)',
  run,
};
