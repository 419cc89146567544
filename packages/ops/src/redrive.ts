// Replays a subscription's dead-letter queue into its queue once the consumer is fixed: receives the DLQ's
// messages in batches, sends each to the subscription queue unchanged (body and attributes) and only then
// deletes it from the DLQ, so a message is never lost (at worst sent twice, which the consumer's
// per-event-id idempotency absorbs). Portable: plain receive/send/delete, which every SQS (and the local
// emulator, which has no StartMessageMoveTask) supports.
import {
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

export class RedriveError extends Error {}

/** A subscription's two queues, as its service's stack outputs them. */
export interface SubscriptionQueues {
  /** e.g. `OrdersSubscription-payment-events`. */
  readonly name: string;
  readonly queueUrl: string;
  readonly dlqUrl: string;
}

/**
 * Finds the subscriptions among the stacks' outputs (`<Service>Subscription-<name>QueueUrl` and
 * `…DlqUrl`) whose name contains `match` (letters and digits only, any case).
 */
export function findSubscriptions(
  outputs: Readonly<Record<string, string>>,
  match: string,
): SubscriptionQueues[] {
  const norm = (s: string) => s.replace(/[^a-z0-9]/gi, '').toLowerCase();
  const wanted = norm(match);
  const found: SubscriptionQueues[] = [];
  for (const [key, queueUrl] of Object.entries(outputs)) {
    const name = /^(.*Subscription.*)QueueUrl$/.exec(key)?.[1];
    if (!name || !norm(name).includes(wanted)) continue;
    const dlqUrl = outputs[`${name}DlqUrl`];
    if (dlqUrl) found.push({ name, queueUrl, dlqUrl });
  }
  return found;
}

/** Moves every message from `dlqUrl` to `queueUrl` (or only counts them with `dryRun`); answers how many. */
export async function redrive(
  sqs: SQSClient,
  queues: Pick<SubscriptionQueues, 'queueUrl' | 'dlqUrl'>,
  options: { readonly dryRun?: boolean; readonly max?: number } = {},
): Promise<number> {
  const max = options.max ?? 10_000;
  let moved = 0;
  while (moved < max) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queues.dlqUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
        // Long enough to send and delete; a message we fail on comes back to the DLQ for the next run.
        VisibilityTimeout: options.dryRun ? 1 : 60,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;
    if (options.dryRun) {
      moved += Messages.length;
      break;
    }
    const sent = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queues.queueUrl,
        Entries: Messages.map((m, i) => ({
          Id: String(i),
          MessageBody: m.Body ?? '',
          ...(m.MessageAttributes ? { MessageAttributes: m.MessageAttributes } : {}),
        })),
      }),
    );
    const ok = new Set((sent.Successful ?? []).map((s) => Number(s.Id)));
    const done = Messages.filter((_, i) => ok.has(i));
    if (done.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queues.dlqUrl,
          Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
        }),
      );
    }
    moved += done.length;
    if ((sent.Failed ?? []).length > 0) {
      throw new RedriveError(
        `${sent.Failed!.length} message(s) could not be sent back; they stay in the DLQ.`,
      );
    }
  }
  return moved;
}
