import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import { BowoutFunction } from './bowout-function.js';
import type { CaseTable } from './case-table.js';
import type { MailSending } from './mail-sending.js';
import type { RawMailBucket } from './raw-mail-bucket.js';

export const SWEEP_HANDLER_ENTRY = 'functions/handlers/send-reminders.ts';
/** "A sweep runs every few minutes": every five keeps a nudge within minutes of its time at little cost. */
export const SWEEP_INTERVAL = Duration.minutes(5);

export interface ReminderScheduleProps {
  readonly domain: string;
  readonly senderAddress: string;
  readonly cases: CaseTable;
  readonly sending: MailSending;
  /** Only named in the environment (functions/config.ts requires it); the sweep gets no access to it. */
  readonly rawMail: RawMailBucket;
}

/**
 * Reminders: an EventBridge schedule runs the reminder sweep every five minutes. The sweep finds due nudges
 * through the due-time index, claims each with a conditional write and mails it through SES (with the
 * configuration set, so its bounces are fed back like every other send).
 */
export class ReminderSchedule extends Construct {
  readonly handler: BowoutFunction;
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ReminderScheduleProps) {
    super(scope, id);

    this.handler = new BowoutFunction(this, 'Handler', {
      entry: SWEEP_HANDLER_ENTRY,
      description: 'Bowout reminder sweep: sends the nudges that are due',
      // Measured with test/cdk/measure-functions.ts (production bundle against the stand-ins): loading
      // takes 0.2 s CPU; a sweep with one due nudge 0.06-0.13 s CPU, peak RSS 103 MB; with 200 due
      // nudges (200 cases re-read, 200 reminders mailed) 3.0-4.9 s CPU, peak RSS 148 MB. The work is
      // CPU-bound, so as for the inbound function 1,024 MB costs about what 512 MB would and runs twice
      // as fast: 200 due nudges in well under 10 s.
      memorySize: 1024,
      // Enough for a backlog of a few thousand nudges after an outage, and inside the five-minute interval,
      // so one sweep ends before the next begins (claims keep even overlapping sweeps from sending twice).
      timeout: Duration.minutes(2),
      // No retries of a failed sweep: the next one starts within five minutes and picks up whatever is
      // still due; a retry would only run alongside it. A failed sweep still lands in the failure queue.
      retryAttempts: 0,
    });
    const fn = this.handler;
    fn.addEnvironment('BOWOUT_DOMAIN', props.domain);
    fn.addEnvironment('SENDER_ADDRESS', props.senderAddress);
    fn.addEnvironment('SES_CONFIGURATION_SET', props.sending.configurationSet.configurationSetName);
    props.sending.grantSend(fn.role);
    fn.addEnvironment('TABLE_NAME', props.cases.table.tableName);
    props.cases.grantItemReadWrite(fn.role);
    // readMailConfig() checks it at cold start; no grant goes with it.
    fn.addEnvironment('RAW_MAIL_BUCKET', props.rawMail.bucket.bucketName);

    this.rule = new events.Rule(this, 'Rule', {
      description: 'Bowout: run the reminder sweep',
      schedule: events.Schedule.rate(SWEEP_INTERVAL),
      targets: [
        new targets.LambdaFunction(fn.function, {
          // A sweep that could not even be started is worthless a few minutes later: the next one runs.
          retryAttempts: 2,
          maxEventAge: Duration.minutes(5),
          ...(fn.failureQueue ? { deadLetterQueue: fn.failureQueue } : {}),
        }),
      ],
    });
  }
}
