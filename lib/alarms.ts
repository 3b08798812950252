import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsAlarmsProps {
  /** Who is told when an alarm fires; without it the alarms are only visible in the console. */
  readonly alarmEmail?: string;
}

/**
 * SES reviews an account whose bounce rate reaches 5 % and may pause its sending at 10 %; for complaints
 * the marks are 0.1 % and 0.5 %. The alarms fire at the review marks, while there is time to act.
 */
export const SES_BOUNCE_RATE_THRESHOLD = 0.05;
export const SES_COMPLAINT_RATE_THRESHOLD = 0.001;

/** The stack's alarms and, when an address is configured, the topic that mails them to an operator. */
export class OperationsAlarms extends Construct {
  readonly topic?: sns.Topic;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps = {}) {
    super(scope, id);
    if (props.alarmEmail === undefined) return;

    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Bowout alarms', enforceSSL: true });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
  }

  /** Fires as soon as a message waits in a dead-letter queue: each one is an event Bowout failed to handle. */
  alarmOnDeadLetters(id: string, queue: sqs.IQueue, what: string): cloudwatch.Alarm {
    return this.notifying(
      new cloudwatch.Alarm(this, id, {
        alarmDescription: `${what} failed after every retry; the event is in the dead-letter queue.`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        // An idle queue publishes no data points; that is the good case.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }

  /**
   * Fires on any failed invocation within five minutes. A failure that a retry then fixes fires it too:
   * each one is a bug or an outage worth a look, and the dead-letter alarm says whether anything was lost.
   */
  alarmOnFunctionErrors(id: string, fn: lambda.IFunction, what: string): cloudwatch.Alarm {
    return this.notifying(
      new cloudwatch.Alarm(this, id, {
        alarmDescription: `${what} failed (Lambda Errors); see the function's log group for the error.`,
        metric: fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
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

  /** Mails the alarm (and its return to OK) to the topic, when there is one. */
  private notifying(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    if (this.topic) {
      alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.topic));
      alarm.addOkAction(new cloudwatchActions.SnsAction(this.topic));
    }
    return alarm;
  }
}
