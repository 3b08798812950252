import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsAlarmsProps {
  /** Subscribed to the alarm topic; without it the topic is there for any subscription added later. */
  readonly alarmEmail?: string;
}

/** Errors of a function that are part of its normal work, subtracted before the errors alarm looks. */
export interface ExpectedErrors {
  /** How many invocations failed on purpose (a count per period, summed). */
  readonly metric: cloudwatch.IMetric;
  /** What they are, for the alarm description. */
  readonly what: string;
}

/**
 * SES reviews an account whose bounce rate reaches 5 % and may pause its sending at 10 %; for complaints
 * the marks are 0.1 % and 0.5 %. The alarms fire at the review marks, while there is time to act.
 */
export const SES_BOUNCE_RATE_THRESHOLD = 0.05;
export const SES_COMPLAINT_RATE_THRESHOLD = 0.001;

/** Function and queue alarms count over five minutes: soon enough to act, coarse enough to stay cheap. */
const PERIOD = Duration.minutes(5);

/**
 * The stack's alarms and the topic they notify, when they fire and when they clear. The topic exists with
 * or without an alarm address, so chat, paging or a mailbox can be subscribed to it at any time.
 *
 * Every alarm counts new events per period (errors, throttles, events sent to a failure queue), never a
 * standing level such as a queue's depth: a level stays in ALARM while a failed event waits out its
 * fourteen days, and an alarm that never leaves ALARM never notifies again.
 */
export class OperationsAlarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps = {}) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Bowout alarms', enforceSSL: true });
    if (props.alarmEmail !== undefined) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    }
    new CfnOutput(this, 'AlarmTopic', {
      description:
        'Subscribe to this SNS topic to be told of alarms (aws sns subscribe --topic-arn <arn> --protocol email --notification-endpoint <address>)',
      value: this.topic.topicArn,
    });
  }

  /**
   * Fires in every five minutes in which an event was sent to the failure queue: each is an event Bowout
   * failed to handle after every retry. NumberOfMessagesSent counts messages sent with the SendMessage API,
   * which is how both Lambda's on-failure destination and EventBridge's dead-letter queue deliver them.
   */
  alarmOnDeadLetters(id: string, queue: sqs.IQueue, what: string): cloudwatch.Alarm {
    return this.onAnyInPeriod(
      id,
      `${what} failed after every retry; the event was sent to the function's failure queue (the QueueName dimension), where it stays 14 days for a look and a replay.`,
      queue.metricNumberOfMessagesSent({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
    );
  }

  /**
   * Fires on any failed invocation within five minutes, other than the expected ones. A failure that a
   * retry then fixes fires it too: each one is a bug or an outage worth a look, and the failure-queue alarm
   * says whether anything was lost.
   */
  alarmOnFunctionErrors(
    id: string,
    fn: lambda.IFunction,
    what: string,
    expected?: ExpectedErrors,
  ): cloudwatch.Alarm {
    const errors = fn.metricErrors({ period: PERIOD, statistic: cloudwatch.Stats.SUM });
    // Both counts are per invocation and land in the same period (the expected error is logged the moment
    // before the invocation fails); FILL makes a period without any expected error count as zero.
    const metric = expected
      ? new cloudwatch.MathExpression({
          expression: 'errors - FILL(expected, 0)',
          usingMetrics: { errors, expected: expected.metric },
          period: PERIOD,
          label: 'Unexpected errors',
        })
      : errors;
    return this.onAnyInPeriod(
      id,
      `${what} failed (Lambda Errors${expected ? `, not counting ${expected.what}` : ''}); see the function's log group for the error.`,
      metric,
    );
  }

  /**
   * Fires when Lambda refused to run the function for lack of concurrency (new accounts may have as few as
   * ten concurrent executions). Asynchronous events are retried for up to six hours, so nothing is lost
   * yet, but mail is late and a lasting shortage ends in the failure queue.
   */
  alarmOnThrottles(id: string, fn: lambda.IFunction, what: string): cloudwatch.Alarm {
    return this.onAnyInPeriod(
      id,
      `${what} was throttled (Lambda Throttles): the account's concurrency is used up; raise the quota or find what else uses it.`,
      fn.metricThrottles({ period: PERIOD, statistic: cloudwatch.Stats.SUM }),
    );
  }

  /**
   * The account's SES reputation metrics (namespace AWS/SES, no dimensions), which SES itself judges the
   * account by: a rate over recent sending that SES publishes periodically, not per message.
   */
  alarmOnSesReputation(): { bounceRate: cloudwatch.Alarm; complaintRate: cloudwatch.Alarm } {
    const rate = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName,
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.hours(1),
      });
    const alarm = (id: string, metricName: string, threshold: number, what: string) =>
      this.notifying(
        new cloudwatch.Alarm(this, id, {
          alarmDescription: `SES ${what} rate reached ${threshold * 100} % (${metricName}), where SES puts the account under review. The feedback function's logs count what was suppressed.`,
          metric: rate(metricName),
          threshold,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          // SES publishes nothing until the account has sent enough mail for a rate.
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    return {
      bounceRate: alarm('SesBounceRate', 'Reputation.BounceRate', SES_BOUNCE_RATE_THRESHOLD, 'bounce'),
      complaintRate: alarm(
        'SesComplaintRate',
        'Reputation.ComplaintRate',
        SES_COMPLAINT_RATE_THRESHOLD,
        'complaint',
      ),
    };
  }

  /**
   * Fires in a period with at least one event counted by `metric`, and clears in the next one without. A
   * period without data points (nothing happened, so nothing was published) is the good case.
   */
  private onAnyInPeriod(id: string, alarmDescription: string, metric: cloudwatch.IMetric): cloudwatch.Alarm {
    return this.notifying(
      new cloudwatch.Alarm(this, id, {
        alarmDescription,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /** Sends the alarm, and its return to OK, to the topic. */
  private notifying(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    const action = new cloudwatchActions.SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }
}
