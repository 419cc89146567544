// The operations service: what failed and waits in the subscriptions' dead-letter queues, and the redrive after
// a fix, for the admin console (docs/operations.md). It finds the queues in the service stacks' outputs.
import { defineService } from '@commerce/lambda-kit/service';
import { operationsRoutes } from './routes.ts';

/** The stacks of a stage: `Commerce-<stage>-<Part>` (infra/app-builder.ts). */
export const stackPrefix = (stage: string): string => `Commerce-${stage}-`;

const QUEUES_REASON =
  'Every subscription queue and dead-letter queue of the stage’s stacks, found at run time from their outputs: ' +
  'the queues of services added later included.';

export const operationsService = defineService<{ readonly stage: string }>({
  name: 'operations',
  description: 'Dead-letter queue depths, failed messages and audited redrives, for admins.',
  routes: operationsRoutes,
  environment: ({ stage }) => ({ STACK_PREFIX: stackPrefix(stage) }),
  permissions: {
    // ListStacks has no resource-level permission; DescribeStacks is limited to the stage's stacks.
    readStacks: ({ stage }, aws) => [
      {
        actions: ['cloudformation:ListStacks'],
        resources: ['*'],
        wildcardReason:
          'cloudformation:ListStacks authorizes on "*" only; it reveals stack names, not contents.',
      },
      {
        actions: ['cloudformation:DescribeStacks'],
        prefixReason: 'Reads the outputs of the stage’s own stacks, which name the subscriptions’ queues.',
        resources: [
          `arn:${aws.partition}:cloudformation:${aws.region}:${aws.account}:stack/${stackPrefix(stage)}*/*`,
        ],
      },
    ],
    // CloudFormation names every queue of a stack `<stack name>-<logical id>-<suffix>`.
    inspectQueues: ({ stage }, aws) => [
      {
        actions: ['sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
        prefixReason: QUEUES_REASON,
        resources: [`arn:${aws.partition}:sqs:${aws.region}:${aws.account}:${stackPrefix(stage)}*`],
      },
    ],
    redriveQueues: ({ stage }, aws) => [
      {
        actions: ['sqs:SendMessage', 'sqs:DeleteMessage'],
        prefixReason: QUEUES_REASON,
        resources: [`arn:${aws.partition}:sqs:${aws.region}:${aws.account}:${stackPrefix(stage)}*`],
      },
    ],
  },
});
