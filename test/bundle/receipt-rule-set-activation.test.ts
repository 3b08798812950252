import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bundleEntry } from '../../lib/bundling.js';
import { ACTIVATION_HANDLER_ENTRY } from '../../lib/receipt-rule-set-activation.js';
import { lambdaEnvironment, runInLambdaProcess } from './lambda-process.js';

/**
 * The receipt rule set activation as Lambda runs it: the production bundle in a Lambda-like process, its
 * bundled SES v1 client talking the real Query protocol to a small stand-in for SES's receipt rule sets
 * (no emulator has them): one region's sets, at most one active.
 */

const BOWOUT_SET = 'Bowout-InboundMail-1A2B3C4D';
const OTHER_SET = 'helpdesk-receiving';
const NAMESPACE = 'http://ses.amazonaws.com/doc/2010-12-01/';

const region = { names: new Set<string>(), active: undefined as string | undefined, actions: [] as string[] };

function answer(action: string, result: string): string {
  return `<${action}Response xmlns="${NAMESPACE}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata></${action}Response>`;
}

function fail(code: string, message: string): string {
  return `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>`;
}

/** SES's two calls the handler makes, with SES's rule: activating a set that does not exist fails. */
function ses(body: string): { status: number; xml: string } {
  const form = new URLSearchParams(body);
  const action = form.get('Action') ?? '';
  const name = form.get('RuleSetName');
  region.actions.push(name === null ? action : `${action} ${name}`);
  if (action === 'DescribeActiveReceiptRuleSet') {
    const metadata = region.active
      ? `<Metadata><Name>${region.active}</Name><CreatedTimestamp>2026-01-05T10:00:00Z</CreatedTimestamp></Metadata>`
      : '';
    return { status: 200, xml: answer(action, `${metadata}<Rules/>`) };
  }
  if (action === 'SetActiveReceiptRuleSet') {
    if (name !== null && !region.names.has(name))
      return { status: 400, xml: fail('RuleSetDoesNotExist', `Rule set does not exist: ${name}`) };
    region.active = name ?? undefined;
    return { status: 200, xml: answer(action, '') };
  }
  return { status: 400, xml: fail('InvalidAction', `not in this stand-in: ${action}`) };
}

let server: Server;
let bundle: string;
let environment: Record<string, string>;
const work = mkdtempSync(path.join(tmpdir(), 'bowout-activation-'));

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const { status, xml } = ses(body);
      response.writeHead(status, { 'content-type': 'text/xml' }).end(xml);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  bundle = await bundleEntry(ACTIVATION_HANDLER_ENTRY, path.join(work, 'activation'));
  environment = lambdaEnvironment('activation', {
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'stand-in',
    AWS_SECRET_ACCESS_KEY: 'stand-in',
    AWS_ENDPOINT_URL_SES: `http://127.0.0.1:${port}`,
    POWERTOOLS_SERVICE_NAME: 'bowout',
  });
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  rmSync(work, { recursive: true, force: true });
});
beforeEach(() => {
  region.names = new Set([BOWOUT_SET, OTHER_SET]);
  region.active = undefined;
  region.actions = [];
});

/** What the Provider framework sends the handler, for one request type. */
const event = (RequestType: 'Create' | 'Delete') => ({
  RequestType,
  ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:provider-framework',
  ResponseURL: 'https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/stand-in',
  StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/Bowout/stand-in',
  RequestId: `request-${RequestType}`,
  LogicalResourceId: 'InboundMailActivationResource',
  ResourceType: 'Custom::ReceiptRuleSetActivation',
  ...(RequestType === 'Delete' ? { PhysicalResourceId: BOWOUT_SET } : {}),
  ResourceProperties: {
    ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:x',
    RuleSetName: BOWOUT_SET,
  },
});

const invoke = (...events: ReturnType<typeof event>[]) =>
  runInLambdaProcess({ bundle, exportName: 'handler', inputs: events, environment, workDir: work });

describe('the activation bundle against a stand-in for SES receipt rule sets', () => {
  it('activates the set on create and deactivates it on delete while it is still active', async () => {
    expect(await invoke(event('Create'), event('Delete'))).toEqual([
      { PhysicalResourceId: BOWOUT_SET, Data: { Outcome: 'activated' } },
      { PhysicalResourceId: BOWOUT_SET, Data: { Outcome: 'deactivated' } },
    ]);
    expect(region.actions).toEqual([
      'DescribeActiveReceiptRuleSet',
      `SetActiveReceiptRuleSet ${BOWOUT_SET}`,
      'DescribeActiveReceiptRuleSet',
      'SetActiveReceiptRuleSet',
    ]);
    expect(region.active).toBeUndefined();
  }, 60_000);

  it("leaves another application's active set alone on delete", async () => {
    region.active = OTHER_SET;
    expect(await invoke(event('Delete'))).toEqual([
      { PhysicalResourceId: BOWOUT_SET, Data: { Outcome: 'left-alone-other-active' } },
    ]);
    expect(region.active).toBe(OTHER_SET);
  }, 60_000);

  it('fails the create with the message CloudFormation shows when another set is active', async () => {
    region.active = OTHER_SET;
    const failure = await invoke(event('Create')).then(
      () => expect.fail('the create should have failed'),
      (error: { stderr: string }) => error.stderr,
    );
    expect(failure).toContain('ActiveRuleSetConflictError');
    expect(failure).toContain(`Deploy with -c receiptRuleSet=${OTHER_SET}`);
    expect(region.active).toBe(OTHER_SET);
    expect(region.actions).toEqual(['DescribeActiveReceiptRuleSet']);
  }, 60_000);
});
