// What a service's one-time EventBridge Scheduler schedules need (catalogue promotions' starts and ends): the
// stage's schedule group, the role Scheduler assumes (it may invoke the one target function and write the
// DLQ, nothing else, and only Scheduler of this account and group may assume it), a DLQ with an alarm for
// fires that could not be delivered or whose function kept failing, and the variables the service's
// functions read (SCHEDULE_GROUP, SCHEDULER_ROLE_ARN, SCHEDULE_TARGET_ARN, SCHEDULE_DLQ_ARN). The functions
// that write schedules are granted that by their service's declared permission, which names the group and
// the role as this construct does.
import { Aws } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { InternalContract } from '@commerce/contracts';
import { Construct } from 'constructs';
import type { StageConfig } from '../config/stage-config.ts';
import { DeadLetterQueue } from './dead-letter-queue.ts';
import { InlineRole } from './inline-role.ts';
import { internalFunctionName, type Service } from './service.ts';

export interface OneTimeSchedulesProps {
  readonly config: StageConfig;
  /** The service whose functions write the schedules and whose internal function they invoke. */
  readonly service: Service;
  /** The internal function the schedules invoke. */
  readonly target: Pick<InternalContract, 'service' | 'name'>;
  /** The group's and the role's names, as the service's declared permission names them. */
  readonly names: { readonly group: string; readonly role: string };
  readonly alarmTopic: ITopic;
  /** What the schedules are for, for descriptions. */
  readonly purpose: string;
}

export class OneTimeSchedules extends Construct {
  readonly group: CfnScheduleGroup;
  readonly role: InlineRole;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: OneTimeSchedulesProps) {
    super(scope, id);
    const { config, service, target, names } = props;
    const fn = service.internalFunctions.get(target.name);
    if (!fn) throw new Error(`${target.service} declares no internal function ${target.name}`);
    // ARNs from the fixed names, not from the resources: every function of the service (the target too)
    // gets them in its environment, which a reference to its own ARN or its invoker's would make circular.
    const targetArn = `arn:${Aws.PARTITION}:lambda:${config.region}:${Aws.ACCOUNT_ID}:function:${internalFunctionName(config.stage, target)}`;
    const roleArn = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${names.role}`;
    const groupArn = `arn:${Aws.PARTITION}:scheduler:${config.region}:${Aws.ACCOUNT_ID}:schedule-group/${names.group}`;

    this.group = new CfnScheduleGroup(this, 'Group', { name: names.group });
    this.deadLetterQueue = new DeadLetterQueue(this, 'Dlq', {
      alarmTopic: props.alarmTopic,
      purpose: `${props.purpose} (fires not delivered, or whose function kept failing)`,
    });
    this.role = new InlineRole(this, 'Role', {
      roleName: names.role,
      // Only Scheduler, for schedules of this account's group (the confused-deputy guard AWS recommends).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID, 'aws:SourceArn': groupArn },
      }),
      description: `Scheduler invokes ${target.service} ${target.name}: ${props.purpose}`,
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [targetArn] }),
    );
    this.deadLetterQueue.queue.grantSendMessages(this.role);
    // Scheduler invokes asynchronously: a fire whose function fails twice more lands in the same DLQ.
    fn.configureAsyncInvoke({
      retryAttempts: 2,
      onFailure: new SqsDestination(this.deadLetterQueue.queue),
    });

    const environment = {
      SCHEDULE_GROUP: names.group,
      SCHEDULER_ROLE_ARN: roleArn,
      SCHEDULE_TARGET_ARN: targetArn,
      SCHEDULE_DLQ_ARN: this.deadLetterQueue.queue.queueArn,
    };
    for (const f of service.functions) {
      for (const [name, value] of Object.entries(environment)) f.addEnvironment(name, value);
    }
  }
}
