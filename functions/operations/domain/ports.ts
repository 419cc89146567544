// What the operations use cases need from the world: the subscriptions' queues and the audit log.
import type { RawDeadLetter } from './failure.ts';

/** A subscription's two queues, as its service's stack outputs them. */
export interface Subscription {
  /** e.g. `OrdersSubscriptionpaymentevents`. */
  readonly name: string;
  /** The owning service (`orders`). */
  readonly service: string;
  readonly queueUrl: string;
  readonly dlqUrl: string;
}

export interface SubscriptionQueues {
  subscriptions(): Promise<Subscription[]>;
  /** Messages waiting; with `inFlight`, also those being processed. */
  depth(queueUrl: string, inFlight?: boolean): Promise<number>;
  /** Up to 10 dead letters, left where they are. */
  peek(dlqUrl: string): Promise<RawDeadLetter[]>;
  /** Moves up to `max` dead letters back to the subscription queue; answers how many. */
  redrive(subscription: Subscription, max: number): Promise<number>;
}

export interface RedriveRecord {
  readonly subscription: string;
  /** The admin's user id (sub). */
  readonly actor: string;
  readonly moved: number;
  readonly waiting: number;
  readonly correlationId: string;
  readonly at: string;
}

export interface RedriveAudit {
  record(entry: RedriveRecord): Promise<void>;
}
