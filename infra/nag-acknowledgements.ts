// cdk-nag findings we accept: each acknowledgement names the rule, the resource it is on and, for the
// granular rules (IAM4, IAM5: one finding per wildcard or managed policy), the exact finding it covers,
// with the specific reason. Never a stack or the app: a new finding anywhere must show up. Everything else
// must be fixed.
import { Stack, Stage, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The rules whose findings are per wildcard or policy (`AwsSolutions-IAM5[Resource::*]`). */
const GRANULAR_RULES = new Set(['IAM4', 'IAM5', 'OS9']);

export interface NagFinding {
  /** The AwsSolutions rule, without the pack's prefix: `IAM5`, `APIG4`. */
  readonly rule: string;
  /** For IAM4/IAM5: the exact findings covered, as cdk-nag words them: `Resource::*`, `Policy::arn:…`. */
  readonly appliesTo?: readonly string[];
  readonly reason: string;
}

/** The Validations id of each finding acknowledged: `AwsSolutions::AwsSolutions-IAM5[Resource::*]`. */
export function findingIds(finding: Pick<NagFinding, 'rule' | 'appliesTo'>): string[] {
  const rule = `AwsSolutions::AwsSolutions-${finding.rule}`;
  const appliesTo = finding.appliesTo ?? [];
  if (GRANULAR_RULES.has(finding.rule) && appliesTo.length === 0) {
    throw new Error(`AwsSolutions-${finding.rule} is acknowledged per finding: name them in appliesTo`);
  }
  if (!GRANULAR_RULES.has(finding.rule) && appliesTo.length > 0) {
    throw new Error(`AwsSolutions-${finding.rule} has no per-finding ids; drop appliesTo`);
  }
  return appliesTo.length === 0 ? [rule] : appliesTo.map((a) => `${rule}[${a}]`);
}

/**
 * Acknowledges a cdk-nag finding on one resource (the construct that holds it, or the resource itself),
 * never on a stack, stage or app.
 */
export function acknowledgeFinding(resource: IConstruct, finding: NagFinding): void {
  if (Stack.isStack(resource) || Stage.isStage(resource) || resource.node.scope === undefined) {
    throw new Error(
      `AwsSolutions-${finding.rule} is acknowledged on ${resource.node.path || 'the app'}: acknowledge it on the resource`,
    );
  }
  Validations.of(resource).acknowledge(...findingIds(finding).map((id) => ({ id, reason: finding.reason })));
}
