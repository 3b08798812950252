import { BowoutError } from '../domain/errors.js';

/**
 * The deploy-time step CloudFormation cannot do itself: making Bowout's receipt rule set the region's
 * active one (SES has one active set per account and region), and giving receiving back when the stack
 * goes. Bowout never takes receiving away from another application's set and never switches off a set
 * that is not its own: an account that already receives mail adds Bowout's rule to its set instead
 * (`-c receiptRuleSet=<name>`), and this step is not deployed at all.
 */

/** The region's receipt rule sets, as far as activation is concerned. */
export interface ReceiptRuleSets {
  /** The name of the active set, or undefined when the region has none. */
  activeName(): Promise<string | undefined>;
  activate(name: string): Promise<void>;
  /** Leaves the region with no active set: SES then receives no mail for the account. */
  deactivate(): Promise<void>;
}

/** What the Provider framework passes on from CloudFormation (only the fields used here). */
export interface ActivationEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResourceProperties: Readonly<Record<string, unknown>>;
  OldResourceProperties?: Readonly<Record<string, unknown>>;
}

export interface ActivationResult {
  /** The set's name: a new name on update makes CloudFormation delete the old resource, which is safe. */
  PhysicalResourceId: string;
  Data: { Outcome: ActivationOutcome };
}

export type ActivationOutcome =
  | 'activated'
  | 'already-active'
  | 'deactivated'
  | 'left-alone-not-active'
  | 'left-alone-other-active';

export interface ActivationLog {
  info(message: string, attributes: Record<string, unknown>): void;
}

/** Another set is active: activating Bowout's would stop whatever receives mail through it. */
export class ActiveRuleSetConflictError extends BowoutError {
  override name = 'ActiveRuleSetConflictError';
}

function ruleSetNameOf(properties: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const name = properties?.RuleSetName;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/**
 * Create and update activate the set, unless another application's set is active (the deploy then fails
 * with a message that says what to do). Delete, which also runs when a failed first deploy rolls back,
 * switches receiving off only while Bowout's set is the active one: SES refuses to delete an active set,
 * and any other active set belongs to someone else.
 */
export async function onActivationEvent(
  event: ActivationEvent,
  sets: ReceiptRuleSets,
  log: ActivationLog,
): Promise<ActivationResult> {
  const name = ruleSetNameOf(event.ResourceProperties);
  if (!name) throw new BowoutError('the custom resource has no RuleSetName property');
  const active = await sets.activeName();
  const result = (outcome: ActivationOutcome): ActivationResult => {
    log.info('receipt rule set activation', {
      requestType: event.RequestType,
      ruleSetName: name,
      activeBefore: active ?? null,
      outcome,
    });
    return { PhysicalResourceId: name, Data: { Outcome: outcome } };
  };

  if (event.RequestType === 'Delete') {
    if (active === undefined) return result('left-alone-not-active');
    if (active !== name) return result('left-alone-other-active');
    await sets.deactivate();
    return result('deactivated');
  }

  if (active === name) return result('already-active');
  // On update the set it replaces was Bowout's own, so taking over from it is no conflict.
  const replaced = event.RequestType === 'Update' ? ruleSetNameOf(event.OldResourceProperties) : undefined;
  if (active !== undefined && active !== replaced) {
    throw new ActiveRuleSetConflictError(
      `The receipt rule set "${active}" is already active in this region, and activating Bowout's would stop ` +
        `the mail it receives. Deploy with -c receiptRuleSet=${active} to add Bowout's rule to that set instead, ` +
        'or, if nothing needs that set, deactivate it first (aws ses set-active-receipt-rule-set, with no name).',
    );
  }
  await sets.activate(name);
  return result('activated');
}
