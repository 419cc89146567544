// The search service's OpenSearch domain: encrypted at rest and between nodes, https only, answering only
// IAM-signed requests of this account's principals (the search functions' roles are the only ones granted
// es:ESHttp*, by their service declaration), sized by the stage (docs/search.md, "Stages").
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { EbsDeviceVolumeType } from 'aws-cdk-lib/aws-ec2';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnResourcePolicy } from 'aws-cdk-lib/aws-logs';
import type { CfnDomain } from 'aws-cdk-lib/aws-opensearchservice';
import { Domain, EngineVersion, TLSSecurityPolicy } from 'aws-cdk-lib/aws-opensearchservice';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { acknowledgeFinding } from '../nag-acknowledgements.ts';
import { houseLogGroup } from './commerce-function.ts';

/** Fixed, so a role's policy names the domain without a reference to this stack. */
export const searchDomainName = (stage: string): string => `commerce-${stage}`;

export class SearchDomain extends Construct {
  readonly domain: Domain;
  /** `https://<endpoint>` (http where the emulator's local node stands in). */
  readonly url: string;

  constructor(scope: Construct, id: string, props: { readonly config: StageConfig }) {
    super(scope, id);
    const { config } = props;
    const search = config.search;
    const aws = config.search.scheme === 'https';
    const domainName = searchDomainName(config.stage);
    this.domain = new Domain(this, 'Domain', {
      domainName,
      version: EngineVersion.OPENSEARCH_2_19,
      capacity: {
        dataNodes: search.instanceCount,
        dataNodeInstanceType: search.instanceType,
        ...(search.dedicatedMasters ? { masterNodes: 3, masterNodeInstanceType: search.instanceType } : {}),
        multiAzWithStandbyEnabled: false,
      },
      ebs: { volumeSize: search.volumeGiB, volumeType: EbsDeviceVolumeType.GP3 },
      ...(search.zoneAwareness ? { zoneAwareness: { enabled: true, availabilityZoneCount: 2 } } : {}),
      encryptionAtRest: { enabled: true },
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2,
      enableVersionUpgrade: true,
      removalPolicy: config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    // The access policy on the domain resource itself (the L2 `accessPolicies` would add a custom resource):
    // the account's IAM principals, so only identities whose own policy allows es:ESHttp* get in.
    (this.domain.node.defaultChild as CfnDomain).accessPolicies = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root` },
          Action: 'es:ESHttp*',
          Resource: `arn:${Aws.PARTITION}:es:${config.region}:${Aws.ACCOUNT_ID}:domain/${domainName}/*`,
        },
      ],
    };
    this.url = `${search.scheme}://${this.domain.domainEndpoint}`;
    if (aws) this.publishLogs(config);

    acknowledgeFinding(this.domain, {
      rule: 'OS1',
      reason:
        'No VPC: a VPC domain would put every search function in a VPC with NAT for the AWS APIs, against ' +
        'the platform’s cents-at-idle goal. The domain answers only SigV4-signed requests of IAM principals ' +
        'of this account that are granted es:ESHttp* (the search functions), over TLS 1.2.',
    });
    acknowledgeFinding(this.domain, {
      rule: 'OS3',
      reason:
        'Access is by IAM identity (SigV4), not by source IP: Lambda has no fixed addresses outside a VPC.',
    });
    acknowledgeFinding(this.domain, {
      rule: 'OS5',
      reason:
        'The access policy allows only this account’s IAM principals (arn:…:root delegates to IAM); an ' +
        'unsigned request is refused. Fine-grained access control is not needed for one writer service.',
    });
    if (!search.dedicatedMasters) {
      acknowledgeFinding(this.domain, {
        rule: 'OS4',
        reason: `Stage ${config.stage} runs a small domain without dedicated masters; prod has three.`,
      });
    }
    if (!search.zoneAwareness) {
      acknowledgeFinding(this.domain, {
        rule: 'OS7',
        reason: `Stage ${config.stage} runs one data node; prod spreads its nodes over two zones.`,
      });
    }
    if (!aws) {
      acknowledgeFinding(this.domain, {
        rule: 'OS9',
        appliesTo: ['LogExport::SEARCH_SLOW_LOGS', 'LogExport::INDEX_SLOW_LOGS'],
        reason:
          'The local stage’s emulated domain has no log delivery; AWS stages publish slow and app logs.',
      });
    }
  }

  /**
   * Slow search, slow index and error logs to CloudWatch, each in a log group of the stage's retention that
   * only the OpenSearch service may write to (a plain resource policy: the L2 `logging` option would add a
   * custom resource Lambda for it). The emulator has no log delivery for domains.
   */
  private publishLogs(config: StageConfig): void {
    const kinds = {
      SEARCH_SLOW_LOGS: 'SlowSearch',
      INDEX_SLOW_LOGS: 'SlowIndex',
      ES_APPLICATION_LOGS: 'App',
    };
    const groups = Object.fromEntries(
      Object.entries(kinds).map(([kind, id]) => [kind, houseLogGroup(this, `${id}Logs`, config)]),
    );
    const policy = new CfnResourcePolicy(this, 'LogsPolicy', {
      policyName: `commerce-${config.stage}-search-logs`,
      policyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: new ServicePrincipal('es.amazonaws.com').service },
            Action: ['logs:PutLogEvents', 'logs:CreateLogStream'],
            Resource: Object.values(groups).map((g) => `${g.logGroupArn}:*`),
            Condition: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
          },
        ],
      }),
    });
    const cfn = this.domain.node.defaultChild as CfnDomain;
    cfn.logPublishingOptions = Object.fromEntries(
      Object.entries(groups).map(([kind, g]) => [
        kind,
        { enabled: true, cloudWatchLogsLogGroupArn: g.logGroupArn },
      ]),
    );
    this.domain.node.addDependency(policy);
  }
}
