// The media service's infrastructure: a private, encrypted bucket (versioned where data is retained) that
// announces new objects on EventBridge, whose uploads expire; a CloudFront distribution that reads only the
// served files' prefix through origin access control, with long caching and security headers (none on the
// local stage, which reads the emulator's bucket); the upload consumer on S3's events; and grants that name
// the prefixes each function works on, nothing more.
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synth } from './synth.ts';

const prod = synth('prod');
const local = synth('local');

type Resource = { Properties: Record<string, unknown> };
type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Principal?: unknown };

const mediaBucket = (template: typeof prod.data) =>
  Object.values(
    template.findResources('AWS::S3::Bucket', {
      Properties: {
        BucketName: {
          'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^commerce-(prod|local)-media-$')])],
        },
      },
    }),
  ) as Resource[];

describe('the media bucket', () => {
  it('is private, encrypted, TLS only, versioned in prod, and announces new objects on EventBridge', () => {
    const [bucket] = mediaBucket(prod.data);
    expect(bucket?.Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
    });
    expect(bucket?.Properties.LoggingConfiguration).toMatchObject({ LogFilePrefix: 's3/media/' });
    const rules = (bucket?.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1 }),
        expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
      ]),
    );
    const [localBucket] = mediaBucket(local.data);
    expect(localBucket?.Properties.VersioningConfiguration).toBeUndefined();
  });

  it('is read by its distribution only, through origin access control, and only under m/', () => {
    prod.data.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    prod.data.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Origins: [Match.objectLike({ OriginPath: '/m', OriginAccessControlId: Match.anyValue() })],
        DefaultCacheBehavior: Match.objectLike({
          AllowedMethods: ['GET', 'HEAD'],
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: Match.anyValue(),
        }),
      }),
    });
    const statements = (
      Object.values(prod.data.findResources('AWS::S3::BucketPolicy')) as Resource[]
    ).flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
    const readers = statements.filter(
      (s) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes('cloudfront.amazonaws.com'),
    );
    expect(readers).toHaveLength(1);
    expect(readers[0]?.Action).toBe('s3:GetObject');
    expect(JSON.stringify(readers[0])).toContain('AWS:SourceArn');
    prod.data.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentTypeOptions: { Override: true },
          StrictTransportSecurity: Match.objectLike({ Override: true }),
        }),
      }),
    });
    expect(JSON.stringify(local.data.toJSON())).not.toContain('AWS::CloudFront::');
  });
});

describe('the media functions', () => {
  it('process uploads from S3’s events on the default bus, with the memory image work needs', () => {
    const media = prod.serviceStacks.media!;
    media.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: 'default',
      EventPattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: Match.anyValue() }, object: { key: [{ prefix: 'uploads/' }] } },
      },
    });
    media.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('new objects under uploads/'),
      MemorySize: 2048,
      Timeout: 60,
    });
  });

  it('grant S3 actions on named prefixes of the media bucket only', () => {
    const policies = Object.values(prod.serviceStacks.media!.findResources('AWS::IAM::Role')) as Resource[];
    const s3 = policies.flatMap((role) =>
      ((role.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? [])
        .flatMap((p) => p.PolicyDocument.Statement)
        .filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:'))),
    );
    expect(s3.length).toBeGreaterThan(0);
    for (const statement of s3) {
      for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
      expect(JSON.stringify(statement.Resource)).toMatch(/-media-.*\/(uploads|m)\/\*/);
    }
  });
});
