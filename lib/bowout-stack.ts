import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { OperationsAlarms } from './alarms.js';
import { CaseTable } from './case-table.js';
import type { BowoutConfig } from './config.js';
import { InboundMail } from './inbound-mail.js';
import { MailSending } from './mail-sending.js';
import { RawMailBucket } from './raw-mail-bucket.js';

export interface BowoutStackProps extends StackProps {
  readonly config: BowoutConfig;
}

/** Bowout on AWS: one construct per concern, wired together here and nowhere else. */
export class BowoutStack extends Stack {
  readonly rawMail: RawMailBucket;
  readonly cases: CaseTable;
  readonly sending: MailSending;
  readonly inbound: InboundMail;
  readonly alarms: OperationsAlarms;

  constructor(scope: Construct, id: string, props: BowoutStackProps) {
    super(scope, id, {
      description: `Bowout mail service for ${props.config.domain}`,
      ...props,
    });
    const { config } = props;

    this.alarms = new OperationsAlarms(this, 'Alarms', {
      ...(config.alarmEmail === undefined ? {} : { alarmEmail: config.alarmEmail }),
    });
    this.rawMail = new RawMailBucket(this, 'RawMail', { retentionDays: config.rawMailRetentionDays });
    this.cases = new CaseTable(this, 'Cases', { deletionProtection: config.tableDeletionProtection });
    this.sending = new MailSending(this, 'Sending', { domain: config.domain });
    this.inbound = new InboundMail(this, 'InboundMail', {
      domain: config.domain,
      senderAddress: config.senderAddress,
      rawMail: this.rawMail,
      cases: this.cases,
      sending: this.sending,
      activateRuleSet: config.activateReceiptRuleSet,
    });

    const failures = this.inbound.handler.failureQueue;
    if (failures)
      this.alarms.alarmOnDeadLetters('InboundMailFailed', failures, 'Handling an inbound message');
  }
}
