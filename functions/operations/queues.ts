// The subscriptions' queues as the stacks output them (`<Service>Subscription<name>QueueUrl` / `…DlqUrl`,
// infra/constructs/subscription.ts), their depths, their dead letters read without taking them, and the
// redrive (the same one `npm run redrive` runs).
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { DescribeStacksCommand, paginateListStacks } from '@aws-sdk/client-cloudformation';
import { GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { findSubscriptions, redrive } from '@commerce/ops/redrive';
import type { RawDeadLetter } from './domain/failure.ts';
import type { Subscription, SubscriptionQueues } from './domain/ports.ts';

const LIVE_STATUSES = [
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
] as const;

export class SubscriptionQueuesAdapter implements SubscriptionQueues {
  readonly #cloudformation: CloudFormationClient;
  readonly #sqs: SQSClient;
  readonly #stackPrefix: string;

  constructor(cloudformation: CloudFormationClient, sqs: SQSClient, stackPrefix: string) {
    this.#cloudformation = cloudformation;
    this.#sqs = sqs;
    this.#stackPrefix = stackPrefix;
  }

  /** Every subscription of the stage's service stacks (one DescribeStacks per stack, concurrently). */
  async subscriptions(): Promise<Subscription[]> {
    const names: string[] = [];
    const pages = paginateListStacks(
      { client: this.#cloudformation },
      { StackStatusFilter: [...LIVE_STATUSES] },
    );
    for await (const page of pages) {
      for (const s of page.StackSummaries ?? []) {
        if (s.StackName?.startsWith(this.#stackPrefix)) names.push(s.StackName);
      }
    }
    const stacks = await Promise.all(
      names.map((StackName) => this.#cloudformation.send(new DescribeStacksCommand({ StackName }))),
    );
    const outputs: Record<string, string> = {};
    for (const stack of stacks.flatMap((d) => d.Stacks ?? [])) {
      for (const o of stack.Outputs ?? [])
        if (o.OutputKey && o.OutputValue) outputs[o.OutputKey] = o.OutputValue;
    }
    return findSubscriptions(outputs, '')
      .map((s) => ({ ...s, service: (/^([A-Z][a-z]+)Subscription/.exec(s.name)?.[1] ?? '').toLowerCase() }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async depth(queueUrl: string, inFlight = false): Promise<number> {
    const names = inFlight
      ? (['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] as const)
      : (['ApproximateNumberOfMessages'] as const);
    const { Attributes = {} } = await this.#sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: [...names] }),
    );
    return names.reduce((sum, n) => sum + Number(Attributes[n] ?? 0), 0);
  }

  /**
   * Up to 10 dead letters, read with a visibility timeout of 0: they stay where they are, visible to the next
   * reader (a redrive included).
   */
  async peek(dlqUrl: string): Promise<RawDeadLetter[]> {
    const { Messages = [] } = await this.#sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'],
      }),
    );
    return Messages.map((m) => ({
      messageId: m.MessageId ?? '',
      body: m.Body ?? '',
      receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 0),
      sentAtMs: Number(m.Attributes?.SentTimestamp ?? 0),
    }));
  }

  /** Moves up to `max` dead letters back to the subscription queue; each is sent before it is deleted. */
  redrive(subscription: Subscription, max: number): Promise<number> {
    return redrive(this.#sqs, subscription, { max });
  }
}
