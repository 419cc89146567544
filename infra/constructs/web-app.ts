// One of the people's apps (admin console, storefront) in AWS: a private S3 bucket read only by its CloudFront
// distribution through origin access control, security headers with a content security policy on every
// answer, and the single-page fallback (an unknown path answers index.html, so deep links work).
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  contentSecurityPolicy as appContentSecurityPolicy,
  PERMISSIONS_POLICY,
} from '@commerce/web-kit/security-headers';
import type { StageConfig } from '../config/stage-config.ts';
import { acknowledgeFinding } from '../nag-acknowledgements.ts';

export type WebAppName = 'storefront' | 'admin-console';

export interface WebAppProps {
  readonly config: StageConfig;
  readonly app: WebAppName;
  /** Where the bucket's access logs and the distribution's standard logs go. */
  readonly logBucket: IBucket;
}

/**
 * Where the apps connect in AWS: the API, Cognito's API (sign-up, TOTP), its hosted sign-in pages and the
 * media bucket (presigned uploads from the browser); and where images come from: the media distribution.
 */
export function contentSecurityPolicy(region: string): string {
  return appContentSecurityPolicy(
    [
      `https://*.execute-api.${region}.amazonaws.com`,
      `https://cognito-idp.${region}.amazonaws.com`,
      `https://*.auth.${region}.amazoncognito.com`,
      `https://*.s3.${region}.amazonaws.com`,
    ],
    ['https://*.cloudfront.net'],
  );
}

/** The app's bucket: named, so the WebContent stack writes to it without importing its ARN. */
export function webAppBucketName(config: Pick<StageConfig, 'stage'>, app: WebAppName): string {
  return `commerce-${config.stage}-${app}-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
}

export class WebApp extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    const { config, app } = props;
    this.bucket = new Bucket(this, 'Files', {
      bucketName: webAppBucketName(config, app),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: props.logBucket,
      serverAccessLogsPrefix: `s3/${app}/`,
      // The files are a build output: deploying again restores them.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: !config.retainData,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `commerce ${config.stage} ${app}: security headers`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(config.region),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Permissions-Policy', value: PERMISSIONS_POLICY, override: true }],
      },
    });
    const origin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    // index.html and config.json change with every deploy; the hashed assets never do.
    const uncached = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      responseHeadersPolicy: headers,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `commerce ${config.stage} ${app}`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: `cloudfront/${app}/`,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: headers,
      },
      additionalBehaviors: { '/index.html': uncached, '/config.json': uncached },
      // The single-page fallback: the bucket answers 403 for a key it does not have (the distribution may
      // not list it), so every unknown path gets the app, whose router shows its own "not found".
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
    });
    acknowledgeFinding(this.distribution, {
      rule: 'CFR1',
      reason: 'A shop sells wherever it ships; geographic restriction is a business choice, not a default.',
    });
    acknowledgeFinding(this.distribution, {
      rule: 'CFR2',
      reason:
        'Static files only: every request that changes anything goes to the API, which has its own web ACL.',
    });
    acknowledgeFinding(this.distribution, {
      rule: 'CFR4',
      reason:
        'The default *.cloudfront.net certificate allows TLS 1.0 by its own policy; a custom domain with an ACM ' +
        'certificate and TLSv1.2_2021 is the documented step for a shop (docs/admin-console.md).',
    });
  }

  /** The app's address: `https://<id>.cloudfront.net`. */
  get origin(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
