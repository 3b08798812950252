import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsAlarmsProps {
  /** Who is told when an alarm fires; without it the alarms are only visible in the console. */
  readonly alarmEmail?: string;
}

/** The stack's alarms and, when an address is configured, the topic that mails them to an operator. */
export class OperationsAlarms extends Construct {
  readonly topic?: sns.Topic;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps = {}) {
    super(scope, id);
    if (props.alarmEmail === undefined) return;

    this.topic = new sns.Topic(this, 'Topic', { displayName: 'Bowout alarms', enforceSSL: true });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
  }

  /** Fires as soon as a message waits in a dead-letter queue: each one is a mail Bowout failed to handle. */
  alarmOnDeadLetters(id: string, queue: sqs.IQueue, what: string): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: `${what} failed after every retry; the event is in the dead-letter queue.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // An idle queue publishes no data points; that is the good case.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (this.topic) alarm.addAlarmAction(new cloudwatchActions.SnsAction(this.topic));
    return alarm;
  }
}
