import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag AwsSolutions-IAM5 finding for a resource pattern below a resource's ARN, e.g.
 * `<bucket ARN>/inbound/*`. The finding names the resource by logical id, which is resolved here rather
 * than copied from a synth log, so the acknowledgement follows the resource if its id changes.
 */
export function acknowledgeArnWildcard(
  scope: IConstruct,
  resource: CfnElement,
  suffix: string,
  reason: string,
): void {
  const logicalId: unknown = Stack.of(resource).resolve(resource.logicalId);
  Validations.of(scope).acknowledge({
    id: `AwsSolutions-IAM5[Resource::<${String(logicalId)}.Arn>${suffix}]`,
    reason,
  });
}
