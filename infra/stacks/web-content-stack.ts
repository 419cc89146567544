// Commerce-<stage>-WebContent: the apps' built files and their runtime settings (/config.json: the API URL,
// the user pool and the app's client), written at deploy so one build serves every stage. Deployed last,
// when the API's URL exists.
import { Aws, Stack, type StackProps } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import type { IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import fs from 'node:fs';
import path from 'node:path';
import type { StageConfig } from '../config/stage-config.ts';
import type { Identity } from '../constructs/identity.ts';
import { webAppBucketName, type WebApp, type WebAppName } from '../constructs/web-app.ts';
import { acknowledgeFinding } from '../nag-acknowledgements.ts';

export interface WebContentStackProps extends StackProps {
  readonly config: StageConfig;
  readonly identity: Identity;
  /** The public API's base URL, stage included. */
  readonly apiUrl: string;
  readonly apps: readonly {
    readonly app: WebApp;
    readonly name: WebAppName;
    readonly client: IUserPoolClient;
  }[];
  /** The repository root; each app's build is `packages/<app>/dist`. */
  readonly root: string;
}

export class WebContentStack extends Stack {
  constructor(scope: Construct, id: string, props: WebContentStackProps) {
    super(scope, id, props);
    const { config, identity } = props;
    const region = Aws.REGION;
    for (const { app, name, client } of props.apps) {
      const dist = path.join(props.root, 'packages', name, 'dist');
      if (!fs.existsSync(path.join(dist, 'index.html'))) {
        throw new Error(`No build of ${name} in ${dist}: run \`npm run build:apps\` before synthesizing`);
      }
      const prefix = name === 'storefront' ? 'Storefront' : 'AdminConsole';
      const bucket = Bucket.fromBucketName(this, `${prefix}Bucket`, webAppBucketName(config, name));
      // Hashed file names: cached for a year, never changed in place.
      const assets = new BucketDeployment(this, `${prefix}Assets`, {
        destinationBucket: bucket,
        sources: [Source.asset(dist, { exclude: ['index.html', 'config.json', '*.map'] })],
        cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
        prune: false,
        memoryLimit: 512,
      });
      const settings = {
        stage: config.stage,
        apiUrl: props.apiUrl,
        region,
        userPoolId: identity.userPool.userPoolId,
        clientId: client.userPoolClientId,
        issuer: `https://cognito-idp.${region}.amazonaws.com/${identity.userPool.userPoolId}`,
        authUrl: identity.domain.baseUrl(),
        cognitoEndpoint: `https://cognito-idp.${region}.amazonaws.com`,
        requireStaffMfa: config.identity.requireStaffMfa,
      };
      const entry = new BucketDeployment(this, `${prefix}Entry`, {
        destinationBucket: bucket,
        sources: [
          Source.asset(dist, { exclude: ['*', '!index.html'] }),
          Source.jsonData('config.json', settings),
        ],
        cacheControl: [CacheControl.noCache()],
        prune: false,
        distribution: app.distribution,
        distributionPaths: ['/index.html', '/config.json'],
        memoryLimit: 512,
      });
      // The entry point goes up after the files it names.
      entry.node.addDependency(assets);
    }
    this.acknowledgeCopier(
      config.stage,
      props.apps.map((a) => a.name),
    );
  }

  /** cdk-nag findings on CDK's bucket-deployment function (one per stack), each for its reason. */
  private acknowledgeCopier(stage: string, apps: readonly WebAppName[]): void {
    const copier = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!copier) throw new Error('No bucket-deployment function in the WebContent stack');
    acknowledgeFinding(copier, {
      rule: 'L1',
      reason:
        'CDK pins the runtime of its bucket-deployment function; it runs only while a deploy copies files.',
    });
    const role = copier.node.findChild('ServiceRole');
    acknowledgeFinding(role, {
      rule: 'IAM4',
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      reason: 'Logs of the deploy-time copy function: the managed policy grants exactly that.',
    });
    acknowledgeFinding(role.node.findChild('DefaultPolicy'), {
      rule: 'IAM5',
      appliesTo: [
        'Action::s3:Abort*',
        'Action::s3:DeleteObject*',
        'Action::s3:GetBucket*',
        'Action::s3:GetObject*',
        'Action::s3:List*',
        `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${this.region}/*`,
        // webAppBucketName as cdk-nag prints it.
        ...apps.map(
          (app) =>
            `Resource::arn:<AWS::Partition>:s3:::commerce-${stage}-${app}-<AWS::AccountId>-<AWS::Region>/*`,
        ),
        'Resource::*',
      ],
      reason:
        "CDK's grants for copying the build from the asset bucket into the apps' buckets (objects under them " +
        "only); cloudfront:CreateInvalidation takes no resource narrower than '*' for a distribution created elsewhere.",
    });
  }
}
