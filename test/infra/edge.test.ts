// The API edge: the partner API with its usage plans, and the WAF web ACL in front of both API stages.
import { DEFAULT_MAX_BODY_BYTES } from '@commerce/lambda-kit/http';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../infra/config/stages.ts';
import { allRoutes } from '../../infra/services/index.ts';
import { findApiBaseUrl } from '../../packages/local-cloud/src/url.ts';
import { refersTo, synth } from './synth.ts';

const prod = synth('prod');
const local = synth('local');

type Resource = { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] };

function restApiId(template: typeof prod.services, name: string): string {
  const ids = Object.keys(template.findResources('AWS::ApiGateway::RestApi', { Properties: { Name: name } }));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}
const publicApi = restApiId(prod.services, 'commerce-prod');
const partnerApi = restApiId(prod.services, 'commerce-prod-partners');

const methodsOf = (apiId: string): Resource[] =>
  (Object.values(prod.services.findResources('AWS::ApiGateway::Method')) as Resource[]).filter((m) =>
    refersTo(m.Properties.RestApiId, apiId),
  );
/** The API a stage or plan names, by Ref in its own stack or through the Api stack's export. */
const apiOf = (value: unknown): string | undefined =>
  [publicApi, partnerApi].find((id) => refersTo(value, id));

describe('partner API', () => {
  const partnerRoutes = allRoutes.filter((r) => r.scopes?.length);

  it('serves exactly the routes that declare scopes, each behind an API key and the Auth service', () => {
    expect(partnerRoutes.length).toBeGreaterThan(0);
    const methods = methodsOf(partnerApi);
    // OperationName is `<service>:<METHOD> <path> [<access>]`.
    const served = methods.map((m) => /:(\S+ \S+) \[/.exec(String(m.Properties.OperationName))?.[1]);
    expect(served.sort()).toEqual(partnerRoutes.map((r) => `${r.method} ${r.path}`).sort());
    for (const method of methods) {
      expect(method.Properties).toMatchObject({ ApiKeyRequired: true, AuthorizationType: 'CUSTOM' });
    }
  });

  it('requires no API key on any public API method', () => {
    const methods = methodsOf(publicApi);
    expect(methods.length).toBeGreaterThan(partnerRoutes.length);
    for (const method of methods) expect(method.Properties.ApiKeyRequired).not.toBe(true);
  });

  it('reads keys from the x-api-key header and is regional, throttled and access-logged like the public API', () => {
    prod.services.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'commerce-prod-partners',
      ApiKeySourceType: 'HEADER',
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    const stages = Object.values(prod.services.findResources('AWS::ApiGateway::Stage')) as Resource[];
    expect(stages.map((s) => apiOf(s.Properties.RestApiId)).sort()).toEqual([publicApi, partnerApi].sort());
    prod.services.hasResourceProperties('AWS::ApiGateway::Stage', {
      RestApiId: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp(partnerApi) }),
      StageName: 'v1',
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
      MethodSettings: [Match.objectLike({ ThrottlingRateLimit: 500, ThrottlingBurstLimit: 1000 })],
    });
  });

  it('has one usage plan per partner tier of the stage, on the partner API stage', () => {
    const tiers = Object.entries(loadStageConfig('prod').partners.tiers);
    const plans = Object.values(prod.services.findResources('AWS::ApiGateway::UsagePlan')) as Resource[];
    expect(plans).toHaveLength(tiers.length);
    for (const [tier, limits] of tiers) {
      prod.services.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
        UsagePlanName: `commerce-prod-partners-${tier}`,
        Throttle: { RateLimit: limits.rateLimit, BurstLimit: limits.burstLimit },
        Quota: { Limit: limits.quota.limit, Period: limits.quota.period },
        ApiStages: [
          {
            ApiId: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp(partnerApi) }),
            Stage: Match.anyValue(),
          },
        ],
      });
    }
    local.services.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: 'commerce-local-partners-trial',
      Quota: { Limit: 20, Period: 'DAY' },
    });
  });

  it('answers a bad API key (403), throttling and an exhausted quota (429) as problem+json on both APIs', () => {
    for (const apiId of [publicApi, partnerApi]) {
      for (const [type, status] of [
        ['INVALID_API_KEY', '403'],
        ['THROTTLED', '429'],
        ['QUOTA_EXCEEDED', '429'],
      ] as const) {
        prod.services.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
          RestApiId: { Ref: apiId },
          ResponseType: type,
          StatusCode: status,
          ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
          ResponseTemplates: {
            'application/json': Match.serializedJson(
              Match.objectLike({
                type: Match.stringLikeRegexp('^urn:commerce:problem:'),
                title: Match.anyValue(),
              }),
            ),
          },
        });
      }
    }
  });

  it('outputs its URL so that the local tooling still finds the public API as the main one', () => {
    const outputs = prod.services.toJSON() as { Outputs: Record<string, { Value: unknown }> };
    expect(outputs.Outputs).toHaveProperty('PartnerUrl');
    // Every output that names an API becomes an execute-api URL of that API, as the deploy would write it.
    const rewritten = Object.fromEntries(
      Object.entries(outputs.Outputs).flatMap(([key, output]) => {
        const value = JSON.stringify(output.Value);
        const api = apiOf(value);
        return api ? [[key, `http://localhost:4566/_aws/execute-api/${api}/v1/`]] : [];
      }),
    );
    expect(rewritten['PartnerUrl']).toContain(partnerApi);
    expect(findApiBaseUrl({ 'Commerce-prod-ApiDeployment': rewritten })).toContain(publicApi);
  });
});

describe('WAF web ACL', () => {
  const webAcl = (): Resource => {
    const acls = Object.values(prod.services.findResources('AWS::WAFv2::WebACL')) as Resource[];
    expect(acls).toHaveLength(1);
    return acls[0]!;
  };
  const webAclId = (): string => Object.keys(prod.services.findResources('AWS::WAFv2::WebACL'))[0]!;
  const rule = (name: string): Record<string, unknown> => {
    const rules = webAcl().Properties.Rules as Record<string, unknown>[];
    const found = rules.find((r) => r.Name === name);
    expect(found, name).toBeDefined();
    return found!;
  };

  it('is regional, allows by default and runs the AWS managed rule groups', () => {
    expect(webAcl().Properties).toMatchObject({
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true },
    });
    for (const group of [
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesAmazonIpReputationList',
    ]) {
      expect(rule(group)).toMatchObject({
        Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: group } },
        OverrideAction: { None: {} },
      });
    }
  });

  it('limits requests per IP at the rate the stage sets', () => {
    expect(rule('RateLimitPerIp')).toMatchObject({
      Statement: {
        RateBasedStatement: {
          Limit: loadStageConfig('prod').waf!.rateLimitPerIp,
          AggregateKeyType: 'IP',
          EvaluationWindowSec: 300,
        },
      },
      Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
    });
  });

  it('limits bodies to what the HTTP kit accepts, not the common rule set 8 KB', () => {
    expect(rule('AWSManagedRulesCommonRuleSet')).toMatchObject({
      Statement: {
        ManagedRuleGroupStatement: {
          RuleActionOverrides: [{ Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } }],
        },
      },
    });
    expect(rule('BodySizeLimit')).toMatchObject({
      Statement: {
        SizeConstraintStatement: {
          FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
          ComparisonOperator: 'GT',
          Size: DEFAULT_MAX_BODY_BYTES,
        },
      },
      Action: { Block: { CustomResponse: { ResponseCode: 413 } } },
    });
    // WAF must see as much of a body as the limit, or larger bodies would only count as oversize.
    expect(DEFAULT_MAX_BODY_BYTES).toBe(64 * 1024);
    expect(webAcl().Properties.AssociationConfig).toEqual({
      RequestBody: { API_GATEWAY: { DefaultSizeInspectionLimit: 'KB_64' } },
    });
  });

  it('records metrics and samples for every rule', () => {
    for (const r of webAcl().Properties.Rules as Record<string, unknown>[]) {
      expect(r.VisibilityConfig).toMatchObject({
        CloudWatchMetricsEnabled: true,
        SampledRequestsEnabled: true,
      });
    }
  });

  it('is associated with both API stages, after each stage exists', () => {
    const associations = Object.values(
      prod.services.findResources('AWS::WAFv2::WebACLAssociation'),
    ) as Resource[];
    expect(associations).toHaveLength(2);
    const stages = prod.services.findResources('AWS::ApiGateway::Stage');
    for (const apiId of [publicApi, partnerApi]) {
      const association = associations.find((a) => apiOf(a.Properties.ResourceArn) === apiId);
      expect(association, apiId).toBeDefined();
      expect(association!.Properties.WebACLArn).toEqual({ 'Fn::GetAtt': [webAclId(), 'Arn'] });
      const stageId = Object.entries(stages).find(
        ([, s]) => apiOf((s as Resource).Properties.RestApiId) === apiId,
      )![0];
      expect(association!.DependsOn).toContain(stageId);
    }
  });

  it('is absent from the local stage, whose emulator cannot associate it', () => {
    local.services.resourceCountIs('AWS::WAFv2::WebACL', 0);
    local.services.resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
  });
});
