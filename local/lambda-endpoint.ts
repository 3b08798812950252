import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { LAMBDA_RUNTIME } from '../lib/bundling.js';
import { type LocalLambda, PayloadTooLargeError, SYNC_PAYLOAD_LIMIT } from './lambda-runtime.js';
import { listenOn } from './ports.js';
import { httpEndpoint } from './settings.js';

/**
 * The part of the Lambda API that other processes (`ingest`, `remind`) need to reach the running stack's
 * handlers: Invoke (`POST /2015-03-31/functions/<name>/invocations`) and GetFunction, which doubles as
 * "is the stack running?". Same paths, headers and status codes as the real service, so an SDK client
 * pointed here would work too.
 */

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations\/?$/;
const FUNCTION_PATH = /^\/2015-03-31\/functions\/([^/]+)\/?$/;

export interface LambdaEndpoint {
  endpoint: string;
  port: number;
  /** Stops accepting requests; resolves once the requests in progress have been answered. */
  stop(): Promise<void>;
}

type Reply = { status: number; headers?: Record<string, string>; body?: string };

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Errors of the service itself (not of the function), as Lambda reports them. */
function serviceError(status: number, type: string, message: string): Reply {
  return json(status, { Type: 'User', Message: message, message }, { 'x-amzn-ErrorType': type });
}

function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function route(lambda: LocalLambda, request: IncomingMessage): Promise<Reply> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const invoke = INVOKE_PATH.exec(path);
  const get = FUNCTION_PATH.exec(path);
  const name = decodeURIComponent(invoke?.[1] ?? get?.[1] ?? '');
  if (!(invoke && request.method === 'POST') && !(get && request.method === 'GET')) {
    return serviceError(404, 'UnknownOperationException', `no such operation: ${request.method} ${path}`);
  }
  const fn = lambda.find(name);
  if (!fn) return serviceError(404, 'ResourceNotFoundException', `Function not found: ${name}`);
  if (get) {
    const configuration = {
      FunctionName: fn.name,
      FunctionArn: fn.arn,
      Runtime: LAMBDA_RUNTIME,
      State: 'Active',
    };
    return json(200, {
      Configuration: { ...configuration, Timeout: fn.timeoutSeconds, MemorySize: fn.memoryMb },
    });
  }

  const body = await readBody(request, SYNC_PAYLOAD_LIMIT);
  if (body === undefined)
    return serviceError(413, 'RequestTooLargeException', 'Request must be smaller than 6 MB');
  const payload = body.trim() === '' ? '{}' : body;
  const type = request.headers['x-amz-invocation-type'] ?? 'RequestResponse';
  try {
    if (type === 'DryRun') {
      JSON.parse(payload);
      return { status: 204 };
    }
    if (type === 'Event') {
      const requestId = lambda.invokeAsync(fn.name, payload);
      return { status: 202, headers: { 'x-amzn-RequestId': requestId } };
    }
    if (type !== 'RequestResponse') {
      return serviceError(400, 'InvalidParameterValueException', `bad X-Amz-Invocation-Type: ${type}`);
    }
    const outcome = await lambda.invoke(fn.name, payload);
    const headers = { 'x-amzn-RequestId': outcome.requestId, 'X-Amz-Executed-Version': '$LATEST' };
    if (outcome.ok) return json(200, outcome.result ?? null, headers);
    return json(200, outcome.error, { ...headers, 'X-Amz-Function-Error': 'Unhandled' });
  } catch (error) {
    if (error instanceof SyntaxError) {
      return serviceError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
    }
    if (error instanceof PayloadTooLargeError) return serviceError(413, error.name, error.message);
    throw error;
  }
}

export async function startLambdaEndpoint(options: {
  host: string;
  port: number;
  lambda: LocalLambda;
}): Promise<LambdaEndpoint> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    route(options.lambda, request)
      .catch((error: unknown) =>
        serviceError(500, 'ServiceException', (error as Error).message ?? 'internal error'),
      )
      .then((reply) => {
        response.writeHead(reply.status, reply.headers);
        response.end(reply.body);
      });
  });
  const port = await listenOn(server, options.port, options.host);
  return {
    endpoint: httpEndpoint(options.host, port),
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
