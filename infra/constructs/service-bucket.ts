// A service's bucket for files (the media service's uploads and their derivatives), kept with the stage's
// stateful resources: private (every public access blocked), encrypted, TLS only, versioned where the stage
// retains data, S3's object-created events on the default bus (EventBridge), browser uploads from the apps'
// origins (CORS), and a lifecycle that ends what nothing finished: uploads after a day, multipart uploads
// left incomplete after a day, overwritten or deleted versions after 30 days.
//
// Browsers read only `publicPrefix`: through a CloudFront distribution with origin access control whose
// origin path is that prefix (nothing else in the bucket is reachable), long-lived caching (the files are
// immutable, named by their content's hash) and a response-headers policy; or, on the local stage, straight
// from the emulator's bucket (docs/local-cloud.md).
import { CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
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
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  type CfnBucket,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { acknowledgeFinding } from '../nag-acknowledgements.ts';

export interface ServiceBucketProps {
  readonly config: StageConfig;
  readonly service: string;
  readonly bucketName: string;
  /** The key prefix browsers read: `m/`. */
  readonly publicPrefix: string;
  /** The key prefix browsers upload to (presigned): `uploads/`. Objects there expire after a day. */
  readonly uploadPrefix: string | undefined;
  /** The apps' origins, which upload from the browser. */
  readonly corsOrigins: readonly string[];
  /** Where the bucket's access logs and the distribution's logs go; absent on the local stage. */
  readonly logBucket: IBucket | undefined;
}

export class ServiceBucket extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution | undefined;
  /** Where browsers read `publicPrefix`: a file `<publicPrefix>x.webp` is at `<publicBaseUrl>/x.webp`. */
  readonly publicBaseUrl: string;

  constructor(scope: Construct, id: string, props: ServiceBucketProps) {
    super(scope, id);
    const { config, service } = props;
    this.bucket = new Bucket(this, 'Files', {
      bucketName: props.bucketName,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: config.retainData,
      ...(props.logBucket
        ? { serverAccessLogsBucket: props.logBucket, serverAccessLogsPrefix: `s3/${service}/` }
        : {}),
      cors: [
        {
          allowedOrigins: [...props.corsOrigins],
          allowedMethods: [HttpMethods.POST, HttpMethods.PUT],
          allowedHeaders: ['*'],
          // A multipart upload's client needs each part's ETag to complete it.
          exposedHeaders: ['ETag'],
          maxAge: 3600,
        },
      ],
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        ...(props.uploadPrefix ? [{ prefix: props.uploadPrefix, expiration: Duration.days(1) }] : []),
        ...(config.retainData ? [{ noncurrentVersionExpiration: Duration.days(30) }] : []),
      ],
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // Object-created events to EventBridge, set on the resource itself: the L2's `eventBridgeEnabled` adds a
    // custom resource with a Python handler, which the emulator cannot run and which is not needed in AWS.
    (this.bucket.node.defaultChild as CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
    if (!props.logBucket) {
      acknowledgeFinding(this.bucket, {
        rule: 'S1',
        reason: 'The local stage keeps no access logs: the emulator’s bucket is on this machine only.',
      });
    }

    if (config.media.delivery === 'bucket') {
      this.distribution = undefined;
      const template = config.media.bucketUrlTemplate ?? '';
      this.publicBaseUrl = `${template.replace('{bucket}', props.bucketName)}/${props.publicPrefix.replace(/\/$/, '')}`;
    } else {
      this.distribution = this.cdn(props);
      this.publicBaseUrl = `https://${this.distribution.distributionDomainName}`;
    }
    new CfnOutput(this, 'BucketName', {
      value: this.bucket.bucketName,
      description: `The ${service} bucket`,
    });
    new CfnOutput(this, 'PublicBaseUrl', {
      value: this.publicBaseUrl,
      description: `Where browsers read the ${service} files`,
    });
  }

  private cdn(props: ServiceBucketProps): Distribution {
    const { config, service } = props;
    const headers = new ResponseHeadersPolicy(this, 'Headers', {
      comment: `commerce ${config.stage} ${service}: files`,
      securityHeadersBehavior: {
        // Only images are written here; were anything else ever served, it could run nothing.
        contentSecurityPolicy: {
          contentSecurityPolicy: "default-src 'none'; frame-ancestors 'none'",
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
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Cross-Origin-Resource-Policy', value: 'cross-origin', override: true }],
      },
    });
    const distribution = new Distribution(this, 'Distribution', {
      comment: `commerce ${config.stage} ${service} files`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.logBucket
        ? { enableLogging: true, logBucket: props.logBucket, logFilePrefix: `cloudfront/${service}/` }
        : {}),
      defaultBehavior: {
        // Only the public prefix is the origin: uploads and anything else in the bucket cannot be reached.
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket, {
          originPath: `/${props.publicPrefix.replace(/\/$/, '')}`,
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        // AVIF and WebP are compressed already.
        compress: false,
        responseHeadersPolicy: headers,
      },
    });
    acknowledgeFinding(distribution, {
      rule: 'CFR1',
      reason: 'A shop sells wherever it ships; geographic restriction is a business choice, not a default.',
    });
    acknowledgeFinding(distribution, {
      rule: 'CFR2',
      reason:
        'Immutable image files only, read with GET: uploads go to presigned S3 requests the API signs, behind ' +
        'its own web ACL.',
    });
    acknowledgeFinding(distribution, {
      rule: 'CFR4',
      reason:
        'The default *.cloudfront.net certificate allows TLS 1.0 by its own policy; a custom domain with an ACM ' +
        'certificate and TLSv1.2_2021 is the documented step for a shop (docs/media.md).',
    });
    return distribution;
  }
}
