// Commerce-<stage>-Web: where the admin console and the storefront are served (stages with `apps.hosting:
// cloudfront`). Deployed before the Data stack, whose sign-in callbacks and the API's CORS name these
// distributions; the files and runtime settings follow in Commerce-<stage>-WebContent.
import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { WebApp } from '../constructs/web-app.ts';
import { acknowledgeFinding } from '../nag-acknowledgements.ts';

export interface WebStackProps extends StackProps {
  readonly config: StageConfig;
}

export class WebStack extends Stack {
  readonly storefront: WebApp;
  readonly adminConsole: WebApp;
  /** Access logs of the apps' buckets and distributions (and of the service buckets, in the Data stack). */
  readonly logBucket: Bucket;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config } = props;
    // CloudFront's standard logs are written with ACLs, hence object-writer ownership on this bucket only.
    const logBucket = (this.logBucket = new Bucket(this, 'AccessLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(config.logRetentionDays) }],
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: !config.retainData,
    }));
    acknowledgeFinding(logBucket, {
      rule: 'S1',
      reason: 'The access-log bucket itself: logging it would log into itself.',
    });
    this.storefront = new WebApp(this, 'Storefront', { config, app: 'storefront', logBucket });
    this.adminConsole = new WebApp(this, 'AdminConsole', { config, app: 'admin-console', logBucket });
  }
}
