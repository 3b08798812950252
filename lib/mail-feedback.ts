import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { BowoutFunction } from './bowout-function.js';
import type { CaseTable } from './case-table.js';
import type { MailSending } from './mail-sending.js';

export const FEEDBACK_HANDLER_ENTRY = 'functions/handlers/mail-feedback.ts';

/** EventBridge detail types of the SES events the feedback function handles. */
export const FEEDBACK_DETAIL_TYPES = ['Email Bounced', 'Email Complaint Received'];

export interface MailFeedbackProps {
  readonly sending: MailSending;
  readonly cases: CaseTable;
}

/**
 * Delivery feedback: the configuration set publishes BOUNCE and COMPLAINT events to the account's default EventBridge
 * bus; a rule passes those of this configuration set to the feedback function, which suppresses the
 * addresses in the table.
 *
 * EventBridge rather than SNS, although aws-cdk-lib offers both for SES v2 configuration sets: an SNS
 * topic must be encrypted (cdk-nag SNS2), and SES can only publish to an encrypted topic through a
 * customer managed KMS key whose policy admits SES: one more key to pay for, rotate and keep right. SES
 * publishes to the default bus of its own account without any policy, EventBridge keeps events encrypted
 * at rest with AWS owned keys, the rule filters by detail type and configuration set, and the reminder
 * schedule uses EventBridge already. The function reads an SNS envelope as well, should one be wired.
 */
export class MailFeedback extends Construct {
  readonly handler: BowoutFunction;
  readonly rule: events.Rule;
  readonly destination: ses.ConfigurationSetEventDestination;

  constructor(scope: Construct, id: string, props: MailFeedbackProps) {
    super(scope, id);
    const { configurationSet } = props.sending;

    this.handler = new BowoutFunction(this, 'Handler', {
      entry: FEEDBACK_HANDLER_ENTRY,
      description: 'Bowout mail feedback: permanent bounces and complaints suppress the address',
      // Measured with test/cdk/measure-functions.ts: loading the bundle takes 0.2 s CPU, one bounce
      // 0.04 s cold and 0.01 s warm, peak RSS 64-95 MB. 256 MB leaves room over that; the CPU share
      // that comes with it (about a seventh of a vCPU) still starts the function in under 2 s.
      memorySize: 256,
      // Five times that cold start; a write throttled past it is retried by Lambda.
      timeout: Duration.seconds(10),
    });
    this.handler.addEnvironment('TABLE_NAME', props.cases.table.tableName);
    // Exactly what it does: one UpdateItem per address, on the table itself; no reads, no index.
    props.cases.grantItemActions(this.handler.role, ['dynamodb:UpdateItem']);

    const defaultBus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.destination = configurationSet.addEventDestination('FeedbackToEventBridge', {
      destination: ses.EventDestination.eventBus(defaultBus),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });

    const failures = this.handler.failureQueue;
    this.rule = new events.Rule(this, 'Rule', {
      description: 'Bowout: SES bounces and complaints of the Bowout configuration set',
      eventBus: defaultBus,
      eventPattern: {
        source: ['aws.ses'],
        detailType: FEEDBACK_DETAIL_TYPES,
        // Other senders in the account may publish to the default bus too; only Bowout's mail counts.
        detail: { mail: { tags: { 'ses:configuration-set': [configurationSet.configurationSetName] } } },
      },
      targets: [
        new targets.LambdaFunction(this.handler.function, {
          // EventBridge retries only delivery to Lambda (throttling, service errors); once delivered the
          // function's own asynchronous retries and on-failure queue take over. Either way a lost event
          // ends in the same queue, which has an alarm.
          retryAttempts: 20,
          maxEventAge: Duration.hours(6),
          ...(failures ? { deadLetterQueue: failures } : {}),
        }),
      ],
    });
  }
}
