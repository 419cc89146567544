// The operations use cases: what waits in the dead-letter queues, the failed messages themselves, and the
// audited redrive of one subscription.
import { NotFoundError } from '@commerce/lambda-kit';
import { describeFailure, newestFailures, type FailedMessage } from './domain/failure.ts';
import type { RedriveAudit, SubscriptionQueues } from './domain/ports.ts';

/** Per call, so a redrive finishes well inside the API's timeout; the answer says what is left. */
export const REDRIVE_BATCH = 500;

export class Operations {
  readonly #queues: SubscriptionQueues;
  readonly #audit: RedriveAudit;

  constructor(queues: SubscriptionQueues, audit: RedriveAudit) {
    this.#queues = queues;
    this.#audit = audit;
  }

  async queues() {
    const subscriptions = await this.#queues.subscriptions();
    const items = await Promise.all(
      subscriptions.map(async (s) => {
        const [waiting, inQueue] = await Promise.all([
          this.#queues.depth(s.dlqUrl),
          this.#queues.depth(s.queueUrl, true),
        ]);
        return { name: s.name, service: s.service, waiting, inQueue };
      }),
    );
    return { items };
  }

  async failures(limit: number): Promise<{ items: FailedMessage[] }> {
    const subscriptions = await this.#queues.subscriptions();
    const found = await Promise.all(
      subscriptions.map(async (s) =>
        (await this.#queues.peek(s.dlqUrl)).map((m) => describeFailure(s.name, m)),
      ),
    );
    return { items: newestFailures(found.flat(), limit) };
  }

  async redrive(name: string, actor: string, correlationId: string) {
    const subscription = (await this.#queues.subscriptions()).find((s) => s.name === name);
    if (!subscription) throw new NotFoundError(`No subscription ${name}`);
    const moved = await this.#queues.redrive(subscription, REDRIVE_BATCH);
    const waiting = await this.#queues.depth(subscription.dlqUrl);
    await this.#audit.record({
      subscription: name,
      actor,
      moved,
      waiting,
      correlationId,
      at: new Date().toISOString(),
    });
    return { name, moved, waiting };
  }
}
