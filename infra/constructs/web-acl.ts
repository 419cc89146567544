// The WAF web ACL in front of the API stages: AWS managed rules (IP reputation, common rule set, known bad
// inputs), a per-IP rate limit and a body size limit equal to the HTTP kit's, each with metrics and samples.
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/**
 * The largest request body the API accepts, in bytes. Equal to the kit's DEFAULT_MAX_BODY_BYTES
 * (packages/lambda-kit/src/http.ts), which test/infra/edge.test.ts checks.
 */
export const API_MAX_BODY_BYTES = 64 * 1024;

/** How much of a body WAF inspects for API Gateway; 16 KB is the default, 64 KB the most it can. */
const INSPECTION_LIMITS = [
  { kb: 16, limit: 'KB_16' },
  { kb: 32, limit: 'KB_32' },
  { kb: 48, limit: 'KB_48' },
  { kb: 64, limit: 'KB_64' },
] as const;

export interface ApiWebAclProps {
  /** The web ACL's name, e.g. `commerce-prod-api`. */
  readonly name: string;
  /** Requests one client IP may send in any 5-minute window; above it, 429 until the rate drops. */
  readonly rateLimitPerIp: number;
  /**
   * Bodies larger than this are blocked with 413; at most 64 KB, the most WAF can inspect.
   * @default API_MAX_BODY_BYTES
   */
  readonly maxBodyBytes?: number;
}

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  sampledRequestsEnabled: true,
  metricName,
});

/** A problem+json body WAF answers with (it has no request id to offer; the API's own errors do). */
const problem = (
  slug: string,
  title: string,
  status: number,
  detail: string,
): CfnWebACL.CustomResponseBodyProperty => ({
  contentType: 'APPLICATION_JSON',
  content: JSON.stringify({ type: `urn:commerce:problem:${slug}`, title, status, detail }),
});

function managedRuleGroup(
  priority: number,
  name: string,
  ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[],
): CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    statement: {
      managedRuleGroupStatement: {
        vendorName: 'AWS',
        name,
        ...(ruleActionOverrides ? { ruleActionOverrides } : {}),
      },
    },
    overrideAction: { none: {} },
    visibilityConfig: visibility(name),
  };
}

/**
 * A regional web ACL for API Gateway stages. Body size: the common rule set's SizeRestrictions_BODY blocks
 * bodies over 8 KB, while the API accepts up to 64 KB (product descriptions, bulk requests). Rather than
 * two limits that disagree, that rule only counts, and our own rule blocks bodies over the API's limit.
 * For it to see them, WAF inspects up to that limit of every body (default 16 KB; raising it costs extra
 * per request, see docs/operations.md) and treats a larger body as a match (oversize handling MATCH).
 */
export class ApiWebAcl extends Construct {
  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: ApiWebAclProps) {
    super(scope, id);
    const maxBodyBytes = props.maxBodyBytes ?? API_MAX_BODY_BYTES;
    const inspection = INSPECTION_LIMITS.find((l) => l.kb * 1024 >= maxBodyBytes);
    if (!inspection) throw new Error(`maxBodyBytes ${maxBodyBytes} exceeds the 64 KB WAF can inspect`);

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name: props.name,
      scope: 'REGIONAL',
      description: 'Commerce API: managed rules, per-IP rate limit, body size limit',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(props.name),
      associationConfig: { requestBody: { API_GATEWAY: { defaultSizeInspectionLimit: inspection.limit } } },
      customResponseBodies: {
        'too-many-requests': problem(
          'too-many-requests',
          'Too many requests',
          429,
          'This address sent too many requests; retry in a few minutes.',
        ),
        'payload-too-large': problem(
          'payload-too-large',
          'Payload too large',
          413,
          `The body must not exceed ${maxBodyBytes} bytes.`,
        ),
      },
      rules: [
        managedRuleGroup(0, 'AWSManagedRulesAmazonIpReputationList'),
        {
          name: 'RateLimitPerIp',
          priority: 1,
          statement: {
            rateBasedStatement: {
              limit: props.rateLimitPerIp,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
            },
          },
          action: {
            block: { customResponse: { responseCode: 429, customResponseBodyKey: 'too-many-requests' } },
          },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
        {
          name: 'BodySizeLimit',
          priority: 2,
          statement: {
            sizeConstraintStatement: {
              fieldToMatch: { body: { oversizeHandling: 'MATCH' } },
              comparisonOperator: 'GT',
              size: maxBodyBytes,
              textTransformations: [{ priority: 0, type: 'NONE' }],
            },
          },
          action: {
            block: { customResponse: { responseCode: 413, customResponseBodyKey: 'payload-too-large' } },
          },
          visibilityConfig: visibility('BodySizeLimit'),
        },
        // Everything else of the common rule set blocks; its 8 KB body limit only counts (see above).
        managedRuleGroup(3, 'AWSManagedRulesCommonRuleSet', [
          { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
        ]),
        managedRuleGroup(4, 'AWSManagedRulesKnownBadInputsRuleSet'),
      ],
    });
  }

  /** Puts the web ACL in front of an API stage. */
  associate(id: string, stage: Stage): CfnWebACLAssociation {
    const association = new CfnWebACLAssociation(this, id, {
      resourceArn: stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    // The stage ARN is built from the API id and the stage name, so it does not wait for the stage by itself.
    association.node.addDependency(stage);
    return association;
  }
}
