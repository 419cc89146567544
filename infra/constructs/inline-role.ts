// A role whose every permission is in one inline policy of the role itself, rather than a separate
// AWS::IAM::Policy resource: half the IAM resources per function (a service stack has a function per
// route), and nothing granted can exist without its role, nor the role without what it was granted.
import {
  PolicyDocument,
  Role,
  type AddToPrincipalPolicyResult,
  type IPrincipal,
  type PolicyStatement,
} from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

export interface InlineRoleProps {
  readonly assumedBy: IPrincipal;
  readonly description: string;
}

export class InlineRole extends Role {
  /** Every statement granted to the role: by our constructs, by grants, by event sources. */
  readonly document: PolicyDocument;

  constructor(scope: Construct, id: string, props: InlineRoleProps) {
    const document = new PolicyDocument();
    super(scope, id, {
      assumedBy: props.assumedBy,
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
  }

  /** Grants go into the role's own inline policy; the role is what depends on them. */
  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.document.addStatements(statement);
    return { statementAdded: true, policyDependable: this };
  }
}
