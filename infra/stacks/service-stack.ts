// One service's stateless resources, deployed on their own: its functions, its routes on the APIs, its
// subscriptions and alarms. A change to one service deploys this stack alone.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { ServiceDefinition } from '@commerce/lambda-kit/service';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import type { ApiEndpoint } from '../constructs/commerce-api.ts';
import { Service } from '../constructs/service.ts';

export interface ServiceStackProps extends StackProps {
  readonly config: StageConfig;
  readonly definition: ServiceDefinition<StageConfig>;
  readonly table: ITable;
  readonly bus: IEventBus;
  readonly apis: readonly ApiEndpoint[];
  readonly alarmTopic: ITopic;
  readonly cursorSecret: ISecret;
  readonly userPool: IUserPool;
  /** Origins browsers may call the API from (the apps'). */
  readonly corsOrigins: readonly string[];
  /** Settings only the deployment knows (another stack's resources), for every function of the service. */
  readonly environment?: Readonly<Record<string, string>>;
}

/** `orders` → `Orders`. */
export const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export class ServiceStack extends Stack {
  readonly service: Service;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const name = capitalize(props.definition.name);
    this.service = new Service(this, name, props);

    for (const sub of this.service.subscriptions) {
      new CfnOutput(this, `${name}${sub.node.id}QueueUrl`, {
        value: sub.queue.queueUrl,
        description: `Queue of ${name} ${sub.node.id} (npm run redrive moves its DLQ back here)`,
      });
      new CfnOutput(this, `${name}${sub.node.id}DlqUrl`, {
        value: sub.deadLetterQueue.queue.queueUrl,
        description: `DLQ of ${name} ${sub.node.id}`,
      });
    }
    for (const [internal, fn] of this.service.internalFunctions) {
      new CfnOutput(this, `${name}${capitalize(internal)}FunctionName`, {
        value: fn.functionName,
        description: `${name} internal function ${internal} (Lambda Invoke under IAM)`,
      });
    }
  }
}
