// The people's apps in AWS: private buckets read only through CloudFront's origin access control, security
// headers with a content security policy, the single-page fallback, runtime settings written at deploy, and
// the API's CORS and Cognito's sign-in callbacks taken from where the apps are served, nothing else.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../../infra/config/stages.ts';
import { synth } from './synth.ts';

const prod = synth('prod');
const local = synth('local');
const hosting = prod.web?.hosting;
const content = prod.web?.content;

type Resource = { Properties: Record<string, unknown> };

describe('hosting (prod)', () => {
  it('exists where apps.hosting is cloudfront, and not in the local stage', () => {
    expect(hosting && content).toBeTruthy();
    expect(local.web).toBeUndefined();
    expect(JSON.stringify(local.services.toJSON())).not.toContain('AWS::CloudFront::');
  });

  it('keeps each app in a private, encrypted bucket that only its distribution reads', () => {
    hosting?.resourcePropertiesCountIs(
      'AWS::S3::Bucket',
      {
        BucketName: {
          'Fn::Join': [
            '',
            Match.arrayWith([Match.stringLikeRegexp('^commerce-prod-(storefront|admin-console)-$')]),
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: Match.objectLike({}),
        LoggingConfiguration: Match.objectLike({}),
      },
      2,
    );
    hosting?.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    const policies = Object.values(hosting?.findResources('AWS::S3::BucketPolicy') ?? {}) as Resource[];
    const reads = policies.flatMap((p) =>
      (
        p.Properties.PolicyDocument as {
          Statement: { Effect: string; Principal?: unknown; Condition?: unknown }[];
        }
      ).Statement.filter((s) => s.Effect === 'Allow'),
    );
    const readers = reads.filter((s) => JSON.stringify(s.Principal).includes('cloudfront.amazonaws.com'));
    expect(readers).toHaveLength(2);
    for (const s of readers) expect(JSON.stringify(s.Condition)).toContain('AWS:SourceArn');
    expect(
      reads.filter((s) => JSON.stringify(s.Principal) === '{"AWS":"*"}' || s.Principal === '*'),
    ).toHaveLength(0);
  });

  it('answers every path with the app (single-page fallback) over HTTPS, with security headers', () => {
    const distributions = Object.values(
      hosting?.findResources('AWS::CloudFront::Distribution') ?? {},
    ) as Resource[];
    expect(distributions).toHaveLength(2);
    for (const d of distributions) {
      expect(d.Properties.DistributionConfig).toMatchObject({
        DefaultRootObject: 'index.html',
        CustomErrorResponses: [
          { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' },
          { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html' },
        ],
        DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' },
        Logging: { Prefix: expect.stringMatching(/^cloudfront\//) as unknown },
      });
    }
    const headers = Object.values(
      hosting?.findResources('AWS::CloudFront::ResponseHeadersPolicy') ?? {},
    ) as Resource[];
    expect(headers).toHaveLength(2);
    for (const h of headers) {
      const security = (
        h.Properties.ResponseHeadersPolicyConfig as {
          SecurityHeadersConfig: Record<string, Record<string, unknown>>;
        }
      ).SecurityHeadersConfig;
      const csp = String(security.ContentSecurityPolicy?.ContentSecurityPolicy);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(security.StrictTransportSecurity).toMatchObject({ Preload: true, IncludeSubdomains: true });
      expect(security.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    }
  });

  it('writes each app its runtime settings at deploy (/config.json) and invalidates the entry points', () => {
    const copies = Object.values(content?.findResources('Custom::CDKBucketDeployment') ?? {}) as Resource[];
    // Per app: the hashed assets, then index.html with config.json.
    expect(copies).toHaveLength(4);
    const entries = copies.filter((c) => c.Properties.DistributionPaths !== undefined);
    expect(entries).toHaveLength(2);
    for (const e of entries) {
      expect(e.Properties.DistributionPaths).toEqual(['/index.html', '/config.json']);
      // The settings are tokens resolved at deploy: the API URL and the app's own client id.
      const markers = JSON.stringify(e.Properties.SourceMarkers);
      expect(markers).toContain('ReleasePublicStage');
      expect(markers).toMatch(/IdentityUserPool(Storefront|AdminConsole)/);
      expect(markers).toContain('IdentityUserPoolDomain');
    }
  });
});

describe('origins', () => {
  const clients = (template: typeof prod.data) =>
    Object.values(template.findResources('AWS::Cognito::UserPoolClient')) as Resource[];
  const named = (template: typeof prod.data, name: string) =>
    clients(template).find((c) => c.Properties.ClientName === name)?.Properties;

  it('sign the apps in with the code flow back to their own origins only', () => {
    const config = loadStageConfig('local');
    const storefront = named(local.data, 'storefront');
    expect(storefront).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      CallbackURLs: config.apps.storefrontOrigins.map((o) => `${o}/auth/callback`),
    });
    expect(named(local.data, 'admin-console')?.CallbackURLs).toEqual(
      config.apps.adminConsoleOrigins.map((o) => `${o}/auth/callback`),
    );
    expect(named(local.data, 'mobile')?.AllowedOAuthFlowsUserPoolClient).not.toBe(true);
    // In prod: the distribution's own name, nothing on localhost.
    const prodCallbacks = JSON.stringify(named(prod.data, 'storefront')?.CallbackURLs);
    expect(prodCallbacks).toContain('DomainName');
    expect(prodCallbacks).not.toContain('localhost');
  });

  it("let browsers call the API from the apps' origins only", () => {
    const config = loadStageConfig('local');
    const preflights = JSON.stringify(local.api.toJSON());
    for (const origin of [...config.apps.storefrontOrigins, ...config.apps.adminConsoleOrigins]) {
      expect(preflights).toContain(origin);
    }
    const prodApi = JSON.stringify(prod.api.toJSON());
    expect(prodApi).not.toContain('localhost');
    expect(prodApi).toContain('Commerce-prod-Web');
  });
});
