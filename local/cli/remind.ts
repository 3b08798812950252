import { parseArgs } from 'node:util';
import { SWEEP_FUNCTION } from '../function-names.js';
import { scheduledEvent } from '../scheduled-event.js';
import { httpEndpoint, readLocalSettings, SettingsError } from '../settings.js';
import { type Command, firstLine, UsageError } from './command.js';

/**
 * `bowout remind --now <ISO instant>`: one reminder sweep of the running local stack, as if it were that
 * time: the scheduled event EventBridge would send, with that `time`, through the stack's Lambda API.
 * Prints one line with what the sweep did. Exit 0 done, 1 the stack or the sweep failed, 2 bad arguments.
 */
export const command: Command = {
  usage: 'remind [--now <ISO instant>]',
  async run(args, io) {
    let values: { now?: string | undefined };
    try {
      ({ values } = parseArgs({
        args,
        options: { now: { type: 'string' } },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      throw new UsageError(firstLine((error as Error).message).replace(/\. .*$/, ''));
    }
    const now = values.now === undefined ? new Date() : new Date(values.now);
    if (
      Number.isNaN(now.getTime()) ||
      (values.now !== undefined && !/^\d{4}-\d{2}-\d{2}T/.test(values.now))
    ) {
      throw new UsageError(
        `--now needs an ISO-8601 instant such as 2026-12-08T09:00:00Z, not "${values.now}"`,
      );
    }
    let endpoint: string;
    try {
      const settings = readLocalSettings(io.env, io.cwd);
      endpoint = httpEndpoint(settings.host, settings.ports.lambda);
    } catch (error) {
      if (error instanceof SettingsError) {
        io.err(`bowout remind: ${error.message}`);
        return 1;
      }
      throw error;
    }
    const event = scheduledEvent(now, 'bowout.remind');
    let response: Response;
    try {
      response = await fetch(`${endpoint}/2015-03-31/functions/${SWEEP_FUNCTION}/invocations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Amz-Invocation-Type': 'RequestResponse' },
        body: JSON.stringify(event),
      });
    } catch {
      io.err(
        `bowout remind: the local stack is not running (nothing answers at ${endpoint}); start it with npm start`,
      );
      return 1;
    }
    const body = await response.text();
    if (response.status !== 200 || response.headers.get('X-Amz-Function-Error')) {
      io.err(`bowout remind: the sweep failed: ${firstLine(body).slice(0, 300)}`);
      return 1;
    }
    io.out(`sweep at ${now.toISOString()}  ok  ${body.slice(0, 300)}`);
    return 0;
  },
};
