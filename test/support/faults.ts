import { Readable } from 'node:stream';

/**
 * Fault injection below the AWS SDK's retry layer: a request handler that answers chosen requests with
 * the HTTP error AWS would send (throttling, rejection) and passes every other request to the real
 * handler (the stand-ins). The SDK deserialises these answers into its real exceptions, with
 * `$metadata.httpStatusCode`, and its real retry strategy (maxAttempts, backoff) handles them, which
 * mocking `client.send` could not show.
 */

interface HttpRequestLike {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface Fault {
  status: number;
  /** The error name as AWS sends it (x-amzn-errortype for REST JSON, __type for AWS JSON, <Code> for XML). */
  code: string;
  message?: string;
  /** AWS JSON (DynamoDB), REST JSON (SES v2) or REST XML (S3). */
  protocol: 'awsJson' | 'restJson' | 'restXml';
  /**
   * The request reaches the service (the stand-in acts on it) before the fault answers: a server error
   * after the work was done, which the caller cannot tell from one before it.
   */
  afterDelivery?: boolean;
}

/** A failure below HTTP: the connection was refused, or cut (after the request went out, if `afterDelivery`). */
interface NetworkFault {
  network: 'ECONNREFUSED' | 'ECONNRESET';
  afterDelivery?: boolean;
}

/** What a request is: "DynamoDB_20120810.PutItem" from X-Amz-Target, else "<METHOD> <path>". */
function operationOf(request: HttpRequestLike): string {
  const target = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'x-amz-target')?.[1];
  return target ?? `${request.method} ${request.path}`;
}

function bodyOf(request: HttpRequestLike): string {
  const { body } = request;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return Buffer.from(body).toString('utf8');
  return '';
}

type FaultRule = (request: { operation: string; body: string }) => Fault | NetworkFault | undefined;

interface RequestHandlerLike {
  handle(request: HttpRequestLike, options?: unknown): Promise<{ response: unknown }>;
}

/** Every request the wrapped client made, and which of them were answered with a fault. */
interface Attempt {
  operation: string;
  body: string;
  fault: string | null;
}

/**
 * Wraps a client's request handler. `rules` are consulted in order for each request (each attempt of a
 * retried call is a new request); the first that returns a fault answers it.
 */
export function injectFaults(client: { config: unknown }) {
  const config = client.config as { requestHandler: RequestHandlerLike };
  const real = config.requestHandler;
  const rules: FaultRule[] = [];
  const attempts: Attempt[] = [];
  const faulty = new Proxy(real as object, {
    get(target, property, receiver) {
      if (property !== 'handle') {
        const value = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (request: HttpRequestLike, options?: unknown) => {
        const seen = { operation: operationOf(request), body: bodyOf(request) };
        const fault = rules.map((rule) => rule(seen)).find(Boolean);
        attempts.push({ ...seen, fault: fault ? ('network' in fault ? fault.network : fault.code) : null });
        if (!fault) return real.handle(request, options);
        if (fault.afterDelivery) await real.handle(request, options);
        if ('network' in fault)
          throw Object.assign(new Error(`${fault.network} (injected)`), { code: fault.network });
        const message = fault.message ?? fault.code;
        const payload =
          fault.protocol === 'restXml'
            ? `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${fault.code}</Code><Message>${message}</Message><RequestId>fault-injected</RequestId></Error>`
            : JSON.stringify(
                fault.protocol === 'awsJson'
                  ? { __type: `com.amazonaws.dynamodb.v20120810#${fault.code}`, message }
                  : { message },
              );
        const contentType = {
          awsJson: 'application/x-amz-json-1.0',
          restJson: 'application/json',
          restXml: 'application/xml',
        }[fault.protocol];
        return {
          response: {
            statusCode: fault.status,
            reason: fault.code,
            headers: {
              'content-type': contentType,
              'x-amzn-errortype': fault.code,
              'x-amzn-requestid': 'fault-injected',
              'content-length': String(Buffer.byteLength(payload)),
            },
            body: Readable.from([Buffer.from(payload)]),
          },
        };
      };
    },
  });
  config.requestHandler = faulty as RequestHandlerLike;
  return {
    attempts,
    /** Adds a rule answering matching requests with `fault`, `times` times (Infinity: every time). */
    fail(
      match: (request: { operation: string; body: string }) => boolean,
      fault: Fault | NetworkFault,
      times = Infinity,
    ) {
      let left = times;
      rules.push((request) => {
        if (left <= 0 || !match(request)) return undefined;
        left -= 1;
        return fault;
      });
    },
    clear() {
      rules.length = 0;
      attempts.length = 0;
    },
    restore() {
      config.requestHandler = real;
    },
  };
}

export const DYNAMO_THROTTLING: Fault = {
  status: 400,
  code: 'ThrottlingException',
  message: 'Rate of requests exceeds the allowed throughput.',
  protocol: 'awsJson',
};
export const SES_THROTTLING: Fault = {
  status: 400,
  code: 'TooManyRequestsException',
  message: 'Maximum sending rate exceeded.',
  protocol: 'restJson',
};
/** SES's answer to a fault on its side (HTTP 500), here after it had taken the message. */
export const SES_INTERNAL_AFTER_SENDING: Fault = {
  status: 500,
  code: 'InternalFailure',
  message: 'The request processing has failed because of an unknown error.',
  protocol: 'restJson',
  afterDelivery: true,
};
export const SES_REJECTED: Fault = {
  status: 400,
  code: 'MessageRejected',
  message: 'Email address is not verified.',
  protocol: 'restJson',
};

/** Thrown by a crash wrapper: the process "died" here, and nothing after it runs. */
export class Crash extends Error {
  override name = 'Crash';
}

/**
 * Makes `target`'s methods die at one chosen call: `when(method, args)` decides, `phase` says whether the
 * call happens first ('after') or not at all ('before'). Once dead, every call on every wrapped object
 * of the same `life` throws, as nothing runs in a process that is gone (no release, no completion).
 */
export function mortal<T extends object>(
  target: T,
  life: { dead: boolean },
  when: (method: string, args: unknown[]) => 'after' | 'before' | null,
): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (life.dead) throw new Crash(`dead: ${String(property)} after the crash`);
        const phase = when(String(property), args);
        if (phase === 'before') {
          life.dead = true;
          throw new Crash(`died before ${String(property)}`);
        }
        const result = await value.apply(object, args);
        if (phase === 'after') {
          life.dead = true;
          throw new Crash(`died after ${String(property)}`);
        }
        return result;
      };
    },
  });
}

/** What S3 answers a read it does not allow, and for a missing key when the caller may not list the bucket. */
export const S3_ACCESS_DENIED: Fault = {
  status: 403,
  code: 'AccessDenied',
  message: 'Access Denied',
  protocol: 'restXml',
};
export const S3_INTERNAL_ERROR: Fault = {
  status: 500,
  code: 'InternalError',
  message: 'We encountered an internal error. Please try again.',
  protocol: 'restXml',
};
