// The APIs' deployments and stages, deployed after every service stack has put its routes on the APIs:
// stage throttling, access logs and tracing, the partner tiers' usage plans and the web ACL. Deploys again
// (a new API deployment) only when the routes change; a change to a handler leaves it alone.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { ApiAlarms } from '../constructs/api-alarms.ts';
import { ApiRelease, restApiName, type CommerceApi } from '../constructs/commerce-api.ts';
import { ApiWebAcl } from '../constructs/web-acl.ts';
import { acknowledgeFinding } from '../nag-acknowledgements.ts';

export interface ApiDeploymentStackProps extends StackProps {
  readonly config: StageConfig;
  readonly api: CommerceApi;
  readonly alarmTopic: ITopic;
}

export class ApiDeploymentStack extends Stack {
  readonly release: ApiRelease;

  /** The public API's base URL, stage included. */
  get apiUrl(): string {
    return this.release.publicStage.urlForPath('/');
  }

  constructor(scope: Construct, id: string, props: ApiDeploymentStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.release = new ApiRelease(this, 'Release', { config, api: props.api });
    new ApiAlarms(this, 'PublicApiAlarms', {
      apiName: restApiName(config.stage, 'public'),
      stageName: config.api.stageName,
      label: 'public',
      alarmTopic: props.alarmTopic,
    });
    new ApiAlarms(this, 'PartnerApiAlarms', {
      apiName: restApiName(config.stage, 'partner'),
      stageName: config.api.stageName,
      label: 'partner',
      alarmTopic: props.alarmTopic,
    });

    if (config.waf) {
      const webAcl = new ApiWebAcl(this, 'WebAcl', {
        name: `commerce-${config.stage}-api`,
        rateLimitPerIp: config.waf.rateLimitPerIp,
      });
      webAcl.associate('PublicStage', this.release.publicStage);
      webAcl.associate('PartnerStage', this.release.partnerStage);
    } else {
      for (const stage of [this.release.publicStage, this.release.partnerStage]) {
        acknowledgeFinding(stage, {
          rule: 'APIG3',
          reason: `The ${config.stage} stage has no web ACL (waf: null): its emulator cannot associate one with a stage.`,
        });
      }
    }

    new CfnOutput(this, 'ApiUrl', {
      value: this.apiUrl,
      description: 'Base URL of the public API',
    });
    // Not "…ApiUrl": the local tooling takes the output named ApiUrl as the main API (findApiBaseUrl).
    new CfnOutput(this, 'PartnerUrl', {
      value: this.release.partnerStage.urlForPath('/'),
      description: 'Base URL of the partner API (API key and client-credentials token)',
    });
    new CfnOutput(this, 'ApiStage', { value: config.api.stageName });
  }
}
