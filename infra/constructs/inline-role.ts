// A role whose every permission is in one inline policy of the role itself, rather than a separate
// AWS::IAM::Policy resource: half the IAM resources per function (a service stack has a function per
// route), and nothing granted can exist without its role, nor the role without what it was granted.
import { Aspects, Stack } from 'aws-cdk-lib';
import {
  Effect,
  PolicyDocument,
  Role,
  type AddToPrincipalPolicyResult,
  type IPrincipal,
  type PolicyStatement,
} from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledgeFinding } from '../nag-acknowledgements.ts';

export interface InlineRoleProps {
  readonly assumedBy: IPrincipal;
  readonly description: string;
  /** A fixed name, for a role a declared permission names (iam:PassRole). @default generated */
  readonly roleName?: string;
}

export class InlineRole extends Role {
  /** Every statement granted to the role: by our constructs, by grants, by event sources. */
  readonly document: PolicyDocument;
  private readonly statements: PolicyStatement[] = [];
  /** The actions that may name Resource "*", each with the reason. */
  private readonly wildcards = new Map<string, string>();
  /** Resources named by a prefix (`…:Commerce-prod-*`), as cdk-nag prints them, each with the reason. */
  private readonly prefixes = new Map<string, string>();

  constructor(scope: Construct, id: string, props: InlineRoleProps) {
    const document = new PolicyDocument();
    super(scope, id, {
      assumedBy: props.assumedBy,
      ...(props.roleName === undefined ? {} : { roleName: props.roleName }),
      // IAM takes Latin-1 only in descriptions.
      description: props.description.replace(/[^\t\n\r\x20-\x7e\xa1-\xff]/g, '-').slice(0, 1000),
      // Rendered at synthesis, so statements granted after construction are included.
      inlinePolicies: { permissions: document },
    });
    this.document = document;
    // A role without statements would render an empty document, which IAM refuses.
    this.node.addValidation({
      validate: () => (this.document.isEmpty ? ['The role has no permissions'] : []),
    });
    // At synthesis, when every grant is in: acknowledge its "*" only if each action on it has a reason.
    let visited = false;
    Aspects.of(this).add({
      visit: (node) => {
        if (node !== this || visited) return;
        visited = true;
        this.acknowledgeWildcards();
        for (const [resource, reason] of this.prefixes) {
          acknowledgeFinding(this, { rule: 'IAM5', appliesTo: [`Resource::${resource}`], reason });
        }
      },
    });
  }

  /** Grants go into the role's own inline policy; the role is what depends on them. */
  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.document.addStatements(statement);
    this.statements.push(statement);
    return { statementAdded: true, policyDependable: this };
  }

  /**
   * Says why these actions are allowed on Resource "*" (they take no resource ARN). The role's cdk-nag
   * finding `AwsSolutions-IAM5[Resource::*]` is acknowledged with these reasons only while every action it
   * allows on "*" has one: any other action on "*" leaves the finding standing.
   */
  allowWildcard(actions: readonly string[], reason: string): void {
    for (const action of actions) this.wildcards.set(action, reason);
  }

  /**
   * Says why the role names `resource` by a prefix ending in `*` (every queue of a stage's stacks): the
   * finding `AwsSolutions-IAM5[Resource::<resource>]` is acknowledged with this reason, for that ARN only.
   */
  allowPrefix(resource: string, reason: string): void {
    this.prefixes.set(nagName(Stack.of(this).resolve(resource)), reason);
  }

  /** The actions the role allows on Resource "*". */
  get wildcardActions(): string[] {
    return this.statements
      .filter((s) => s.effect === Effect.ALLOW && s.resources.includes('*'))
      .flatMap((s) => s.actions);
  }

  private acknowledgeWildcards(): void {
    const actions = this.wildcardActions;
    if (actions.length === 0 || !actions.every((a) => this.wildcards.has(a))) return;
    const reasons = [...new Set(actions.map((a) => this.wildcards.get(a)))];
    acknowledgeFinding(this, { rule: 'IAM5', appliesTo: ['Resource::*'], reason: reasons.join(' ') });
  }
}

/** A resolved ARN as cdk-nag names it in findings: `{"Ref": "AWS::Partition"}` becomes `<AWS::Partition>`. */
function nagName(resolved: unknown): string {
  if (typeof resolved === 'string') return resolved;
  const value = resolved as { Ref?: string; 'Fn::Join'?: [string, unknown[]] };
  if (value.Ref !== undefined) return `<${value.Ref}>`;
  const join = value['Fn::Join'];
  if (join) return join[1].map(nagName).join(join[0]);
  throw new Error(`Cannot name ${JSON.stringify(resolved)} as cdk-nag does`);
}
