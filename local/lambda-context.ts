import { randomBytes } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** The fields of a Lambda function that its invocation context reports. */
export interface FunctionConfiguration {
  name: string;
  arn: string;
  timeoutSeconds: number;
  memoryMb: number;
}

function deprecated(name: string): () => never {
  return () => {
    throw new Error(
      `context.${name}() is the pre-async Lambda API; return or throw from the handler instead`,
    );
  };
}

/**
 * A context as the Node.js runtime builds it. The deadline is only reported, not enforced: ending a
 * handler halfway (as Lambda does) cannot be done safely inside the one process that runs the stack.
 */
export function lambdaContext(fn: FunctionConfiguration, awsRequestId: string, startedAt: number): Context {
  const deadline = startedAt + fn.timeoutSeconds * 1000;
  const day = new Date(startedAt).toISOString().slice(0, 10).replaceAll('-', '/');
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: fn.arn,
    memoryLimitInMB: String(fn.memoryMb),
    awsRequestId,
    logGroupName: `/aws/lambda/${fn.name}`,
    logStreamName: `${day}/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: deprecated('done'),
    fail: deprecated('fail'),
    succeed: deprecated('succeed'),
  };
}
