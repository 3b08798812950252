import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { type ExpectedErrors, OperationsAlarms } from './alarms.js';
import type { BowoutFunction } from './bowout-function.js';
import { CaseTable } from './case-table.js';
import type { BowoutConfig } from './config.js';
import { InboundMail } from './inbound-mail.js';
import { MailFeedback } from './mail-feedback.js';
import { MailSending } from './mail-sending.js';
import { RawMailBucket } from './raw-mail-bucket.js';
import { ReminderSchedule } from './reminder-schedule.js';

export interface BowoutStackProps extends StackProps {
  readonly config: BowoutConfig;
}

/** Bowout on AWS: one construct per concern, wired together here and nowhere else. */
export class BowoutStack extends Stack {
  readonly rawMail: RawMailBucket;
  readonly cases: CaseTable;
  readonly sending: MailSending;
  readonly inbound: InboundMail;
  readonly feedback: MailFeedback;
  readonly reminders: ReminderSchedule;
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
    this.sending = new MailSending(this, 'Sending', {
      domain: config.domain,
      senderAddress: config.senderAddress,
      existingIdentity: config.existingIdentity,
    });
    this.inbound = new InboundMail(this, 'InboundMail', {
      domain: config.domain,
      senderAddress: config.senderAddress,
      rawMail: this.rawMail,
      cases: this.cases,
      sending: this.sending,
      ...(config.receiptRuleSet === undefined ? {} : { existingRuleSetName: config.receiptRuleSet }),
    });
    this.feedback = new MailFeedback(this, 'Feedback', { sending: this.sending, cases: this.cases });
    this.reminders = new ReminderSchedule(this, 'Reminders', {
      domain: config.domain,
      senderAddress: config.senderAddress,
      cases: this.cases,
      sending: this.sending,
      rawMail: this.rawMail,
    });

    this.watch('InboundMail', this.inbound.handler, 'Handling an inbound message', {
      metric: this.inbound.busyRetries,
      what: 'duplicate deliveries sent back to retry while another invocation holds the message',
    });
    this.watch('Feedback', this.feedback.handler, 'Recording a bounce or complaint');
    this.watch('Reminders', this.reminders.handler, 'A reminder sweep');
    this.alarms.alarmOnSesReputation();
  }

  /**
   * Every function that handles events gets the same alarms: unexpected errors, throttles, and events sent
   * to its failure queue. (The deploy-time activation function reports to CloudFormation instead.)
   */
  private watch(id: string, handler: BowoutFunction, what: string, expected?: ExpectedErrors): void {
    this.alarms.alarmOnFunctionErrors(`${id}Errors`, handler.function, what, expected);
    this.alarms.alarmOnThrottles(`${id}Throttles`, handler.function, what);
    if (handler.failureQueue) this.alarms.alarmOnDeadLetters(`${id}Failed`, handler.failureQueue, what);
  }
}
