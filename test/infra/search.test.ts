// The search service's OpenSearch domain and who may reach it: encryption, https, the account-only access
// policy, the size per stage, and the search functions' grants (shoppers' functions only _search the alias).
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synth } from './synth.ts';

const prod = synth('prod');
const local = synth('local');

type Resource = { Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown };

describe('the search domain', () => {
  it('is encrypted at rest and between nodes, https only, and admits only IAM principals of the account', () => {
    prod.data.hasResourceProperties('AWS::OpenSearchService::Domain', {
      DomainName: 'commerce-prod',
      EngineVersion: 'OpenSearch_2.19',
      EncryptionAtRestOptions: { Enabled: true },
      NodeToNodeEncryptionOptions: { Enabled: true },
      DomainEndpointOptions: Match.objectLike({
        EnforceHTTPS: true,
        TLSSecurityPolicy: 'Policy-Min-TLS-1-2-2019-07',
      }),
      AccessPolicies: {
        Version: '2012-10-17',
        Statement: [
          Match.objectLike({
            Effect: 'Allow',
            Principal: { AWS: Match.objectLike({ 'Fn::Join': Match.anyValue() }) },
            Action: 'es:ESHttp*',
          }),
        ],
      },
    });
    const domain = Object.values(prod.data.findResources('AWS::OpenSearchService::Domain'))[0] as Resource;
    expect(JSON.stringify(domain.Properties.AccessPolicies)).toContain(':root');
    expect(JSON.stringify(domain.Properties.AccessPolicies)).not.toContain('"*"');
  });

  it('is sized by the stage: prod spreads two nodes over two zones with three masters; local runs one', () => {
    prod.data.hasResourceProperties('AWS::OpenSearchService::Domain', {
      ClusterConfig: Match.objectLike({
        InstanceCount: 2,
        DedicatedMasterEnabled: true,
        DedicatedMasterCount: 3,
        ZoneAwarenessEnabled: true,
      }),
      LogPublishingOptions: Match.objectLike({ SEARCH_SLOW_LOGS: Match.objectLike({ Enabled: true }) }),
    });
    local.data.hasResourceProperties('AWS::OpenSearchService::Domain', {
      DomainName: 'commerce-local',
      ClusterConfig: Match.objectLike({ InstanceCount: 1 }),
    });
  });

  it('lets shoppers’ functions only search the read alias, and only the indexer and worker write', () => {
    // Every grant is in the functions' roles (InlineRole), or in a separate policy.
    const template = prod.serviceStacks.search!;
    const roles = Object.values(template.findResources('AWS::IAM::Role') as Record<string, Resource>);
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>);
    const statements = [
      ...roles.flatMap((r) =>
        ((r.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap(
          (p) => p.PolicyDocument.Statement,
        ),
      ),
      ...policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement),
    ];
    const es = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('es:')));
    expect(es.length).toBeGreaterThan(0);
    for (const s of es) {
      const resource = JSON.stringify(s.Resource);
      expect(resource).toContain('domain/commerce-prod/');
      const actions = [s.Action].flat();
      if (actions.includes('es:ESHttpPut')) expect(resource).toContain('domain/commerce-prod/*');
      else expect(resource).toContain('commerce-products/_search');
    }
    // No other service's function may reach the domain.
    for (const [name, other] of Object.entries(prod.serviceStacks)) {
      if (name === 'search') continue;
      const grants = JSON.stringify([
        other.findResources('AWS::IAM::Role'),
        other.findResources('AWS::IAM::Policy'),
      ]);
      expect(grants, name).not.toContain('es:ESHttp');
    }
  });

  it('hands the functions the domain endpoint (https in AWS, the local node over http locally)', () => {
    const envOf = (t: typeof prod) =>
      Object.values(t.serviceStacks.search!.findResources('AWS::Lambda::Function')).map(
        (f) => ((f as Resource).Properties.Environment as { Variables: Record<string, unknown> }).Variables,
      );
    for (const variables of envOf(prod)) {
      if (variables.SEARCH_ENDPOINT === undefined) continue;
      expect(JSON.stringify(variables.SEARCH_ENDPOINT)).toContain('https://');
    }
    expect(envOf(local).some((v) => JSON.stringify(v.SEARCH_ENDPOINT ?? '').includes('http://'))).toBe(true);
  });
});
