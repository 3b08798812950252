import {
  DescribeActiveReceiptRuleSetCommand,
  SESClient,
  SESServiceException,
  SetActiveReceiptRuleSetCommand,
} from '@aws-sdk/client-ses';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  type ActivationEvent,
  ActiveRuleSetConflictError,
  onActivationEvent,
  type ReceiptRuleSets,
} from '../../functions/custom-resources/receipt-rule-set-activation.js';
import { SesReceiptRuleSets } from '../../functions/custom-resources/ses-receipt-rule-sets.js';

const BOWOUT_SET = 'Bowout-InboundMail-1A2B3C4D';
const OTHER_SET = 'helpdesk-receiving';

/**
 * One region's receipt rule sets, as SES keeps them: at most one active, activating a set that does not
 * exist fails, and an active set cannot be deleted (which is what CloudFormation does after the custom
 * resource on stack deletion or rollback).
 */
class RegionRuleSets implements ReceiptRuleSets {
  readonly names = new Set<string>();
  active: string | undefined;
  readonly calls: string[] = [];

  constructor(names: string[], active?: string) {
    for (const name of names) this.names.add(name);
    this.active = active;
  }

  async activeName(): Promise<string | undefined> {
    this.calls.push('describe');
    return this.active;
  }

  async activate(name: string): Promise<void> {
    this.calls.push(`activate ${name}`);
    if (!this.names.has(name)) throw new Error(`RuleSetDoesNotExist: ${name}`);
    this.active = name;
  }

  async deactivate(): Promise<void> {
    this.calls.push('deactivate');
    this.active = undefined;
  }

  /** CloudFormation deleting the AWS::SES::ReceiptRuleSet resource. */
  deleteSet(name: string): void {
    if (this.active === name) throw new Error(`Cannot delete active rule set: ${name}`);
    this.names.delete(name);
  }
}

function recordingLog() {
  const lines: { message: string; attributes: Record<string, unknown> }[] = [];
  return {
    lines,
    info: (message: string, attributes: Record<string, unknown>) => lines.push({ message, attributes }),
  };
}

const create = (name = BOWOUT_SET): ActivationEvent => ({
  RequestType: 'Create',
  ResourceProperties: { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:x', RuleSetName: name },
});
const update = (name: string, oldName: string): ActivationEvent => ({
  RequestType: 'Update',
  ResourceProperties: { RuleSetName: name },
  OldResourceProperties: { RuleSetName: oldName },
});
const remove = (name = BOWOUT_SET): ActivationEvent => ({
  RequestType: 'Delete',
  ResourceProperties: { RuleSetName: name },
});

describe('activating the receipt rule set on create', () => {
  it('makes Bowout the active set in a region that receives no mail yet, named by the set', async () => {
    const region = new RegionRuleSets([BOWOUT_SET]);
    const log = recordingLog();
    expect(await onActivationEvent(create(), region, log)).toEqual({
      PhysicalResourceId: BOWOUT_SET,
      Data: { Outcome: 'activated' },
    });
    expect(region.active).toBe(BOWOUT_SET);
    expect(log.lines).toEqual([
      {
        message: 'receipt rule set activation',
        attributes: {
          requestType: 'Create',
          ruleSetName: BOWOUT_SET,
          activeBefore: null,
          outcome: 'activated',
        },
      },
    ]);
  });

  it('does nothing when the set is already active (a repeated request)', async () => {
    const region = new RegionRuleSets([BOWOUT_SET], BOWOUT_SET);
    expect((await onActivationEvent(create(), region, recordingLog())).Data.Outcome).toBe('already-active');
    expect(region.calls).toEqual(['describe']);
  });

  it("refuses to take receiving away from another application's active set, and says what to do", async () => {
    const region = new RegionRuleSets([BOWOUT_SET, OTHER_SET], OTHER_SET);
    const refusal = onActivationEvent(create(), region, recordingLog());
    await expect(refusal).rejects.toBeInstanceOf(ActiveRuleSetConflictError);
    await expect(refusal).rejects.toThrow(
      `The receipt rule set "${OTHER_SET}" is already active in this region, and activating Bowout's would stop the mail it receives. Deploy with -c receiptRuleSet=${OTHER_SET}`,
    );
    expect(region.active).toBe(OTHER_SET);
    expect(region.calls).toEqual(['describe']);
  });

  it('fails without a rule set name instead of activating nothing', async () => {
    const region = new RegionRuleSets([BOWOUT_SET]);
    await expect(
      onActivationEvent({ RequestType: 'Create', ResourceProperties: {} }, region, recordingLog()),
    ).rejects.toThrow(/no RuleSetName/);
    expect(region.calls).toEqual([]);
  });
});

describe('an update that renames the set', () => {
  it("moves receiving from Bowout's old set to its new one", async () => {
    const region = new RegionRuleSets(['Bowout-old', BOWOUT_SET], 'Bowout-old');
    const result = await onActivationEvent(update(BOWOUT_SET, 'Bowout-old'), region, recordingLog());
    expect(result).toEqual({ PhysicalResourceId: BOWOUT_SET, Data: { Outcome: 'activated' } });
    expect(region.active).toBe(BOWOUT_SET);
    // CloudFormation then deletes the resource of the old name: it is not active, so nothing changes.
    expect((await onActivationEvent(remove('Bowout-old'), region, recordingLog())).Data.Outcome).toBe(
      'left-alone-other-active',
    );
    expect(region.active).toBe(BOWOUT_SET);
  });

  it("still refuses when another application's set has become active", async () => {
    const region = new RegionRuleSets(['Bowout-old', BOWOUT_SET, OTHER_SET], OTHER_SET);
    await expect(
      onActivationEvent(update(BOWOUT_SET, 'Bowout-old'), region, recordingLog()),
    ).rejects.toBeInstanceOf(ActiveRuleSetConflictError);
    expect(region.active).toBe(OTHER_SET);
  });
});

describe('deleting the stack', () => {
  it("switches receiving off while Bowout's set is active, so that CloudFormation can delete the set", async () => {
    const region = new RegionRuleSets([BOWOUT_SET], BOWOUT_SET);
    expect((await onActivationEvent(remove(), region, recordingLog())).Data.Outcome).toBe('deactivated');
    expect(region.active).toBeUndefined();
    region.deleteSet(BOWOUT_SET);
    expect(region.names.has(BOWOUT_SET)).toBe(false);
  });

  it("leaves another application's set active when it was activated since Bowout's", async () => {
    const region = new RegionRuleSets([BOWOUT_SET, OTHER_SET], OTHER_SET);
    expect((await onActivationEvent(remove(), region, recordingLog())).Data.Outcome).toBe(
      'left-alone-other-active',
    );
    expect(region.active).toBe(OTHER_SET);
    expect(region.calls).toEqual(['describe']);
    region.deleteSet(BOWOUT_SET);
  });

  it('changes nothing when no set is active', async () => {
    const region = new RegionRuleSets([BOWOUT_SET]);
    expect((await onActivationEvent(remove(), region, recordingLog())).Data.Outcome).toBe(
      'left-alone-not-active',
    );
    expect(region.calls).toEqual(['describe']);
  });
});

describe('the rollback of a failed first deploy', () => {
  it('hands receiving back when the set had been activated before another resource failed', async () => {
    const region = new RegionRuleSets([BOWOUT_SET]);
    await onActivationEvent(create(), region, recordingLog());
    await onActivationEvent(remove(), region, recordingLog());
    expect(region.active).toBeUndefined();
    region.deleteSet(BOWOUT_SET);
  });

  it("keeps the other application's set active when the activation itself was refused", async () => {
    const region = new RegionRuleSets([BOWOUT_SET, OTHER_SET], OTHER_SET);
    await expect(onActivationEvent(create(), region, recordingLog())).rejects.toThrow();
    // CloudFormation sends a delete for the failed resource as it rolls back.
    await onActivationEvent(remove(), region, recordingLog());
    expect(region.active).toBe(OTHER_SET);
    region.deleteSet(BOWOUT_SET);
  });
});

describe('SES receipt rule sets through the SES v1 API', () => {
  const ses = mockClient(SESClient);
  afterEach(() => ses.reset());

  it('reads the active set name, or undefined when SES returns no metadata', async () => {
    const sets = new SesReceiptRuleSets(new SESClient({ region: 'eu-west-1' }));
    ses
      .on(DescribeActiveReceiptRuleSetCommand)
      .resolvesOnce({ Metadata: { Name: OTHER_SET }, Rules: [] })
      .resolvesOnce({});
    expect(await sets.activeName()).toBe(OTHER_SET);
    expect(await sets.activeName()).toBeUndefined();
  });

  it('activates by name, and deactivates by sending no name at all', async () => {
    const sets = new SesReceiptRuleSets(new SESClient({ region: 'eu-west-1' }));
    ses.on(SetActiveReceiptRuleSetCommand).resolves({});
    await sets.activate(BOWOUT_SET);
    await sets.deactivate();
    expect(ses.commandCalls(SetActiveReceiptRuleSetCommand).map((call) => call.args[0].input)).toEqual([
      { RuleSetName: BOWOUT_SET },
      {},
    ]);
  });

  it('lets an SES error through, so CloudFormation reports it', async () => {
    const sets = new SesReceiptRuleSets(new SESClient({ region: 'eu-west-1' }));
    ses.on(SetActiveReceiptRuleSetCommand).rejects(
      new SESServiceException({
        name: 'RuleSetDoesNotExistException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
        message: `Rule set does not exist: ${BOWOUT_SET}`,
      }),
    );
    await expect(sets.activate(BOWOUT_SET)).rejects.toThrow(/Rule set does not exist/);
  });

  it('runs behind the Lambda handler the Provider framework calls', async () => {
    for (const [name, value] of Object.entries({
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    }))
      vi.stubEnv(name, value);
    onTestFinished(() => {
      vi.unstubAllEnvs();
    });
    ses.on(DescribeActiveReceiptRuleSetCommand).resolves({});
    ses.on(SetActiveReceiptRuleSetCommand).resolves({});
    const { handler } = await import('../../functions/custom-resources/activate-receipt-rule-set.js');
    const event = {
      ...create(),
      ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:framework',
      ResponseURL: 'https://cloudformation-custom-resource-response.example/',
      StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/Bowout/x',
      RequestId: 'request-1',
      LogicalResourceId: 'InboundMailActivation',
      ResourceType: 'Custom::ReceiptRuleSetActivation',
    };
    const context = { functionName: 'activation', awsRequestId: 'test' } as unknown as Context;
    expect(await handler(event as never, context)).toEqual({
      PhysicalResourceId: BOWOUT_SET,
      Data: { Outcome: 'activated' },
    });
    expect(ses.commandCalls(SetActiveReceiptRuleSetCommand).map((call) => call.args[0].input)).toEqual([
      { RuleSetName: BOWOUT_SET },
    ]);
  });
});
