import {
  DescribeActiveReceiptRuleSetCommand,
  type SESClient,
  SetActiveReceiptRuleSetCommand,
} from '@aws-sdk/client-ses';
import type { ReceiptRuleSets } from './receipt-rule-set-activation.js';

/** Receipt rule sets through the SES v1 API: SES v2 has no receipt rules. */
export class SesReceiptRuleSets implements ReceiptRuleSets {
  constructor(private readonly ses: SESClient) {}

  async activeName(): Promise<string | undefined> {
    const { Metadata } = await this.ses.send(new DescribeActiveReceiptRuleSetCommand({}));
    return Metadata?.Name || undefined;
  }

  async activate(name: string): Promise<void> {
    await this.ses.send(new SetActiveReceiptRuleSetCommand({ RuleSetName: name }));
  }

  async deactivate(): Promise<void> {
    // Without a name SES makes no set active.
    await this.ses.send(new SetActiveReceiptRuleSetCommand({}));
  }
}
