import type { Context } from 'aws-lambda';
import type { startStandIns } from './standins.js';

export type InboundHandler = (event: unknown, context: Context) => Promise<{ outcomes: string[] }>;

/** The Lambda context the inbound function gets, as much of it as the handler and its logger read. */
export const inboundContext = {
  functionName: 'inbound-mail',
  awsRequestId: 'test-request',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:inbound-mail',
  memoryLimitInMB: '1024',
  functionVersion: '$LATEST',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

/**
 * The inbound handler as Lambda loads it, with exactly the environment the CDK stack gives the function,
 * pointed at the stand-ins. Its configuration is read at import, so this is called once per test file.
 */
export async function loadInboundHandler(
  standIns: Awaited<ReturnType<typeof startStandIns>>,
  logLevel = 'WARN',
): Promise<InboundHandler> {
  Object.assign(process.env, { ...standIns.handlerEnvironment(), POWERTOOLS_LOG_LEVEL: logLevel });
  const module = (await import('../../functions/handlers/inbound-mail.js')) as unknown as {
    handler: InboundHandler;
  };
  return module.handler;
}
