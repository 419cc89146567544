// Writes an order step: the order after it and the events it announces go in one transaction, the events
// through the kit's `toOutbox` (the one place the orders service maps domain events to outbox items).
import { toOutbox } from '@commerce/lambda-kit/outbox';
import { retryOnConflict } from '@commerce/lambda-kit/retry';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import type { Order, OrderTransition } from '../domain/order.ts';
import type { AlongsideOrder, OrderRepository } from '../domain/ports.ts';

/** Attempts of a step that keeps meeting a concurrent write before the conflict is let through. */
const MAX_ATTEMPTS = 5;

export interface ApplyOptions {
  /** Writes that go with the order's, given the order after the step (a checkout's key and its cart). */
  readonly alongside?: (order: Order) => AlongsideOrder | undefined;
  /** The order as just read or written, to save the first read; re-read after a conflict. */
  readonly current?: Order;
}

export class OrderWriter {
  readonly #orders: OrderRepository;
  readonly #now: () => Date;

  constructor(orders: OrderRepository, now: () => Date) {
    this.#orders = orders;
    this.#now = now;
  }

  /** Writes a new order with what it announces; false when it exists already (a resumed checkout). */
  async create(transition: OrderTransition, context: EventContext, now: Date): Promise<boolean> {
    return this.#orders.createOrder(transition.order, toOutbox(transition.events, context, now));
  }

  /** Writes the order after a step if the stored one is still `expectedVersion` (else VersionConflictError). */
  async save(
    transition: OrderTransition,
    expectedVersion: number,
    context: EventContext,
    alongside?: AlongsideOrder,
  ): Promise<void> {
    await this.#orders.saveOrder(
      transition.order,
      expectedVersion,
      toOutbox(transition.events, context, this.#now()),
      alongside,
    );
  }

  /**
   * Reads the order, applies a step and writes it with the step's events, retrying on a concurrent write.
   * A step that changes nothing (and has nothing alongside) writes nothing. Answers the order after the step
   * (undefined when there is no such order).
   */
  async apply(
    orderId: string,
    context: EventContext,
    step: (order: Order) => OrderTransition,
    options: ApplyOptions = {},
  ): Promise<Order | undefined> {
    // A concurrent write (or a colliding transaction) makes it read and decide again, after a jittered pause.
    return retryOnConflict(
      async (attempt) => {
        const order =
          attempt === 1 && options.current ? options.current : await this.#orders.getOrder(orderId);
        if (!order) return undefined;
        const transition = step(order);
        const alongside = options.alongside?.(transition.order);
        if (transition.order === order && alongside === undefined) return order;
        await this.save(transition, order.version, context, alongside);
        return transition.order;
      },
      { versionConflicts: true, attempts: MAX_ATTEMPTS },
    );
  }
}
