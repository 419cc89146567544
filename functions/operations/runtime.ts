// Module-scope wiring shared by the operations handlers: validated env, the CloudFormation and SQS clients,
// the audit store and the use cases over them, once per cold start.
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod/mini';
import { Operations } from './operations.ts';
import { SubscriptionQueuesAdapter } from './queues.ts';
import { DynamoRedriveAudit } from './store.ts';

const env = loadEnv(
  z.object({ TABLE_NAME: z.string().check(z.minLength(1)), STACK_PREFIX: z.string().check(z.minLength(1)) }),
);

export const operations = new Operations(
  new SubscriptionQueuesAdapter(new CloudFormationClient({}), new SQSClient({}), env.STACK_PREFIX),
  new DynamoRedriveAudit(createDocumentClient(), env.TABLE_NAME),
);
