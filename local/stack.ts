import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, SESEvent } from 'aws-lambda';
import { lockDataDir } from './data-lock.js';
import { SWEEP_FUNCTION } from './function-names.js';
import { INBOUND_FUNCTION, inboundReceiver, resumeSpooled } from './inbound.js';
import { type LambdaEndpoint, startLambdaEndpoint } from './lambda-endpoint.js';
import { type LocalFunction, LocalLambda } from './lambda-runtime.js';
import { describeError, type Log, terminalLog } from './log.js';
import { installOutbox } from './outbox.js';
import { assertPortsFree, explainListenError } from './ports.js';
import { scheduledEvent } from './scheduled-event.js';
import { httpEndpoint, type LocalSettings, type PortName } from './settings.js';
import { type SmtpInbound, startSmtpInbound } from './smtp-inbound.js';
import { InboundSpool } from './spool.js';
import {
  ensureBucket,
  ensureTable,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localS3Client,
  type StandIn,
  startDynamo,
  startS3,
  startSes,
} from './standins.js';

/**
 * The whole local stack in one process: the AWS stand-ins, the real handlers wired to them exactly as
 * Lambda would run them, inbound SMTP in front (standing in for SES receiving) and the Lambda Invoke API
 * behind (for `ingest` and `remind` in other processes). `npm start` and the integration tests both use it.
 */

export type InboundHandler = (event: SESEvent, context: Context) => Promise<unknown>;

/**
 * The handlers the stack runs, each `functions/handlers/<name>.ts` exporting `handler`. Adding a function
 * (send-reminders, mail-feedback) is one entry here.
 */
const FUNCTIONS = {
  // Timeout and memory as lib/bowout-function.ts gives every function by default.
  inbound: { name: INBOUND_FUNCTION, module: '../functions/handlers/inbound-mail.js', timeoutSeconds: 30 },
  feedback: { name: 'mail-feedback', module: '../functions/handlers/mail-feedback.js', timeoutSeconds: 10 },
  sweep: { name: SWEEP_FUNCTION, module: '../functions/handlers/send-reminders.js', timeoutSeconds: 60 },
} as const;

type FunctionKey = keyof typeof FUNCTIONS;
/** A handler for any event: every handler is assignable to a function of `never`. */
type AnyHandler = (event: never, context: Context) => Promise<unknown>;

export interface LocalStackOptions {
  settings: LocalSettings;
  /** Handlers to run instead of the real ones, for tests of the stack itself. */
  handlers?: { inbound?: InboundHandler } & Partial<Record<FunctionKey, AnyHandler>>;
  log?: Log;
  /** Delays before the retries of a failed asynchronous invocation (two retries, as Lambda does). */
  retryDelaysMs?: readonly number[];
  /** SMTP size limit; SES's 40 MB unless a test wants to reach it cheaply. */
  maxMessageBytes?: number;
  /**
   * How often the reminder sweep runs on its own, as EventBridge runs it every five minutes in
   * production. 0 turns the timer off (tests run sweeps explicitly). Default one minute.
   */
  sweepEveryMs?: number;
}

export interface LocalStack {
  /** The settings with the ports actually in use (port 0 means "any free port"). */
  settings: LocalSettings;
  ports: LocalSettings['ports'];
  endpoints: { smtp: string; ses: string; s3: string; dynamodb: string; lambda: string };
  dataDir: string;
  outboxDir: string;
  lambda: LocalLambda;
  /** Stops taking mail and requests, waits for running handlers (and their retries), then stops the rest. */
  stop(): Promise<void>;
}

/** The environment each handler finds at cold start, as the CDK stack gives it to the Lambda functions. */
export function handlerEnvironment(
  settings: Pick<LocalSettings, 'domain' | 'tableName' | 'bucket' | 'rawMailPrefix'>,
  endpoints: Pick<LocalStack['endpoints'], 's3' | 'dynamodb' | 'ses'>,
): Record<string, string> {
  return {
    BOWOUT_DOMAIN: settings.domain,
    SENDER_ADDRESS: `send@${settings.domain}`,
    TABLE_NAME: settings.tableName,
    RAW_MAIL_BUCKET: settings.bucket,
    RAW_MAIL_PREFIX: settings.rawMailPrefix,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // lib/bowout-function.ts sets it on every function (SERVICE_NAME); not imported, to keep the CDK out.
    POWERTOOLS_SERVICE_NAME: 'bowout',
  };
}

/**
 * The SDK clients in functions/adapters/aws-clients.ts are built once per process and resolve their
 * endpoints on first use, so one process can serve one set of stand-in endpoints only. A restart in the
 * same process (tests do it) must reuse the ports; anything else is refused rather than silently broken.
 */
let boundEndpoints: string | undefined;

function applyEnvironment(environment: Record<string, string>): void {
  const endpoints = ['S3', 'DYNAMODB', 'SESV2']
    .map((service) => environment[`AWS_ENDPOINT_URL_${service}`])
    .join(' ');
  if (boundEndpoints !== undefined && boundEndpoints !== endpoints) {
    throw new Error(
      'the shared AWS clients of this process point at an earlier stack: restart on the same ports',
    );
  }
  boundEndpoints = endpoints;
  // A session token from the user's shell would be sent along with the local credentials.
  delete process.env.AWS_SESSION_TOKEN;
  Object.assign(process.env, environment);
}

async function loadHandler(modulePath: string): Promise<AnyHandler> {
  let loaded: { handler?: unknown };
  try {
    // A path held in a variable: the module may not exist yet while the handlers are being written.
    loaded = (await import(modulePath)) as { handler?: unknown };
  } catch (error) {
    throw new Error(
      `could not load ${modulePath.replace(/^\.\.\//, '').replace(/\.js$/, '.ts')}: ${describeError(error)}`,
    );
  }
  if (typeof loaded.handler !== 'function')
    throw new Error(`${modulePath} exports no function named handler`);
  return loaded.handler as AnyHandler;
}

/** Runs a server's start, turning a taken port into PortInUseError. */
export async function listening<T>(
  service: PortName,
  host: string,
  port: number,
  start: () => Promise<T>,
): Promise<T> {
  try {
    return await start();
  } catch (error) {
    throw explainListenError(error, service, host, port);
  }
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const { settings } = options;
  const { host } = settings;
  const log = options.log ?? terminalLog();
  const dataDir = settings.dataDir;
  const outboxDir = join(dataDir, 'outbox');
  // The stand-in helpers build SDK clients too; without this each start prints a multi-line Node 20 warning.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  // Run on failure or stop, last started first.
  const stoppers: (() => Promise<void> | void)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.splice(0).reverse()) {
      await Promise.resolve()
        .then(stop)
        .catch((error: unknown) => log(`stop: ${describeError(error)}`));
    }
  };

  try {
    stoppers.push(await lockDataDir(dataDir));
    await assertPortsFree(host, settings.ports);
    const { ports } = settings;
    const standIns: StandIn[] = [];
    const started = await Promise.allSettled([
      listening('dynamodb', host, ports.dynamodb, () =>
        startDynamo({ host, port: ports.dynamodb, directory: join(dataDir, 'dynamodb') }),
      ),
      listening('s3', host, ports.s3, () =>
        startS3({ host, port: ports.s3, directory: join(dataDir, 's3') }),
      ),
      listening('ses', host, ports.ses, () => startSes({ host, port: ports.ses })),
    ]);
    for (const result of started) {
      if (result.status === 'fulfilled') {
        standIns.push(result.value);
        stoppers.push(() => result.value.stop());
      }
    }
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const [dynamo, s3, ses] = standIns as [StandIn, StandIn, StandIn];
    await Promise.all([
      ensureTable(dynamo.endpoint, settings.tableName),
      ensureBucket(s3.endpoint, settings.bucket),
    ]);

    // The environment must be in place before the first import of the shared clients or of a handler.
    applyEnvironment(
      handlerEnvironment(settings, { s3: s3.endpoint, dynamodb: dynamo.endpoint, ses: ses.endpoint }),
    );

    // Loading the handlers (the SDK, the domain, its parsers) takes seconds; it runs while the rest starts.
    // The functions are registered at once and their invocations wait for the load, like a cold start.
    let uninstallOutbox: (() => void) | undefined;
    const overrides: Partial<Record<FunctionKey, AnyHandler>> = options.handlers ?? {};
    const loading = (async () => {
      const { sesClient } = await import('../functions/adapters/aws-clients.js');
      // Before any handler can run, so that nothing is ever sent past the outbox.
      uninstallOutbox = installOutbox(sesClient, outboxDir, log);
      const handlers = new Map<FunctionKey, AnyHandler>();
      for (const [key, fn] of Object.entries(FUNCTIONS) as [FunctionKey, (typeof FUNCTIONS)[FunctionKey]][]) {
        handlers.set(key, overrides[key] ?? (await loadHandler(fn.module)));
      }
      return handlers;
    })();
    loading.catch(() => undefined); // reported by the await at the end of the start
    stoppers.push(async () => {
      await loading.catch(() => undefined);
      uninstallOutbox?.();
    });

    const lambda = new LocalLambda({
      log,
      ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    });
    for (const [key, fn] of Object.entries(FUNCTIONS) as [FunctionKey, (typeof FUNCTIONS)[FunctionKey]][]) {
      lambda.register({
        name: fn.name,
        timeoutSeconds: fn.timeoutSeconds,
        handler: async (event, context) => {
          const handler = (await loading).get(key) as LocalFunction['handler'];
          return handler(event, context);
        },
      });
    }

    const endpoint: LambdaEndpoint = await listening('lambda', host, ports.lambda, () =>
      startLambdaEndpoint({ host, port: ports.lambda, lambda }),
    );
    // Stopped in two halves: no new requests first, then (once handlers finished) the answers go out.
    let endpointStopped: Promise<void> | undefined;
    stoppers.push(() => endpointStopped);
    stoppers.push(() => lambda.idle());
    stoppers.push(() => {
      endpointStopped = endpoint.stop();
    });

    const s3Client = localS3Client(s3.endpoint);
    stoppers.push(() => s3Client.destroy());
    const spoolDir = join(dataDir, 'spool');
    await mkdir(spoolDir, { recursive: true });
    const inbound = {
      s3: s3Client,
      location: { bucket: settings.bucket, prefix: settings.rawMailPrefix },
      domain: settings.domain,
      lambda,
      spool: new InboundSpool(spoolDir),
      log,
    };
    // Mail accepted before the last stop (or crash) but never processed goes first, as SES would retry it.
    await resumeSpooled(inbound);
    const smtp: SmtpInbound = await listening('smtp', host, ports.smtp, () =>
      startSmtpInbound({
        host,
        port: ports.smtp,
        domain: settings.domain,
        log,
        ...(options.maxMessageBytes ? { maxMessageBytes: options.maxMessageBytes } : {}),
        receive: inboundReceiver(inbound),
      }),
    );
    stoppers.push(() => smtp.stop());

    const actualPorts = {
      smtp: smtp.port,
      ses: ses.port,
      s3: s3.port,
      dynamodb: dynamo.port,
      lambda: endpoint.port,
    };
    let stopping: Promise<void> | undefined;
    const stack: LocalStack = {
      settings: { ...settings, ports: actualPorts },
      ports: actualPorts,
      endpoints: {
        smtp: `${host.includes(':') ? `[${host}]` : host}:${smtp.port}`,
        ses: ses.endpoint,
        s3: s3.endpoint,
        dynamodb: dynamo.endpoint,
        lambda: httpEndpoint(host, endpoint.port),
      },
      dataDir,
      outboxDir,
      lambda,
      stop: () => {
        stopping ??= stopAll();
        return stopping;
      },
    };
    await loading;
    const sweepEveryMs = options.sweepEveryMs ?? 60_000;
    if (sweepEveryMs > 0) {
      const timer = setInterval(() => {
        lambda.invokeAsync(SWEEP_FUNCTION, JSON.stringify(scheduledEvent(new Date())));
      }, sweepEveryMs);
      timer.unref();
      stoppers.push(() => clearInterval(timer)); // run first: stoppers run in reverse
    }
    return stack;
  } catch (error) {
    await stopAll();
    throw error;
  }
}
