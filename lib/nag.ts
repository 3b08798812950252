import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * A resolved CloudFormation value as cdk-nag writes it in a finding: `{Ref: X}` as `<X>`,
 * `{Fn::GetAtt: [X, Arn]}` as `<X.Arn>`, joins joined.
 */
function asNagWrites(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [[key, argument] = []] = Object.entries(value);
    if (key === 'Ref') return `<${String(argument)}>`;
    if (key === 'Fn::GetAtt' && Array.isArray(argument)) return `<${argument.join('.')}>`;
    if (key === 'Fn::Join' && Array.isArray(argument)) {
      const [separator, parts] = argument as [string, unknown[]];
      return parts.map(asNagWrites).join(separator);
    }
  }
  return JSON.stringify(value);
}

/**
 * Acknowledges one cdk-nag AwsSolutions-IAM5 finding for a wildcard resource, e.g. `<bucket ARN>/inbound/*`.
 * The finding's text is derived from the resource the policy names (logical ids, and the region or account
 * when the stack has them) rather than copied from a synth log, so the acknowledgement follows the resource.
 */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  const resolved: unknown = Stack.of(scope).resolve(resource);
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${asNagWrites(resolved)}]`, reason });
}
