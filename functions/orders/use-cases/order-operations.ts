// What customers and staff do with orders: read and list them, cancel one before it ships, refund what was
// captured (staff).
import { isInternalError } from '@commerce/contracts';
import { NotFoundError, UnprocessableError, VersionConflictError } from '@commerce/lambda-kit/errors';
import type { StartKey } from '@commerce/lambda-kit/pagination';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { orderPaymentId, type Order } from '../domain/order.ts';
import { cancel } from '../domain/order-cancellation.ts';
import type { CancelReason } from '../domain/order-events.ts';
import { refund, refundIdOf } from '../domain/order-refund.ts';
import type { OrderFilter, OrderPage, OrderRepository, PaymentPeer } from '../domain/ports.ts';
import type { OrderWriter } from './order-writer.ts';

export class OrderOperations {
  readonly #orders: OrderRepository;
  readonly #payment: Pick<PaymentPeer, 'refund'>;
  readonly #writer: OrderWriter;
  readonly #now: () => Date;

  constructor(
    orders: OrderRepository,
    payment: Pick<PaymentPeer, 'refund'>,
    writer: OrderWriter,
    now: () => Date,
  ) {
    this.#orders = orders;
    this.#payment = payment;
    this.#writer = writer;
    this.#now = now;
  }

  // --- reading -----------------------------------------------------------------------------------------

  async getOrder(id: string): Promise<Order> {
    const order = await this.#orders.getOrder(id);
    if (!order) throw new NotFoundError(`No order ${id}.`);
    return order;
  }

  /** A customer's own order; someone else's reads as missing. */
  async getOwnOrder(customerId: string, id: string): Promise<Order> {
    const order = await this.#orders.getOrder(id);
    if (!order || order.customerId !== customerId) throw new NotFoundError(`No order ${id}.`);
    return order;
  }

  /** The order with this number, if it also matches `filter` (none otherwise). */
  async findByNumber(number: string, filter: OrderFilter): Promise<Order[]> {
    const id = await this.#orders.findOrderIdByNumber(number);
    const order = id === undefined ? undefined : await this.getOrder(id);
    const matches =
      order !== undefined &&
      (filter.status === undefined || order.status === filter.status) &&
      (filter.email === undefined || order.email.toLowerCase() === filter.email.toLowerCase());
    return matches ? [order] : [];
  }

  /** Every order, newest first, optionally only those matching `filter`. */
  async listOrders(filter: OrderFilter, limit: number, start: StartKey | undefined): Promise<OrderPage> {
    return this.#orders.listOrders(filter, limit, start);
  }

  /** A customer's orders, newest first. */
  async listCustomerOrders(
    customerId: string,
    limit: number,
    start: StartKey | undefined,
  ): Promise<OrderPage> {
    return this.#orders.listCustomerOrders(customerId, limit, start);
  }

  // --- changing ----------------------------------------------------------------------------------------

  /** Staff cancel an order before it ships (`note` goes into its history). */
  async cancelOrder(
    id: string,
    actor: string,
    note: string | undefined,
    context: EventContext,
  ): Promise<Order> {
    return this.#cancel(await this.getOrder(id), 'staff', actor, note, context);
  }

  /** A customer cancels their own order before it ships. */
  async cancelOwnOrder(
    customerId: string,
    id: string,
    note: string | undefined,
    context: EventContext,
  ): Promise<Order> {
    const order = await this.getOwnOrder(customerId, id);
    return this.#cancel(order, 'customer_request', customerId, note, context);
  }

  /**
   * Gives back `amount` of what was captured: the gateway refunds first (idempotent per refund id, which
   * is tied to the order's version so a double submit refunds once), then the order records it.
   */
  async refundOrder(id: string, amount: number, actor: string, context: EventContext): Promise<Order> {
    const order = await this.getOrder(id);
    // Validates the amount against the order's rules before any money moves.
    refund(order, amount, { at: this.#now(), actor });
    const refunded = await this.#payment.refund({
      paymentId: orderPaymentId(order),
      amount,
      refundId: refundIdOf(order),
      correlationId: context.correlationId,
    });
    if (isInternalError(refunded)) {
      throw new UnprocessableError(
        refunded.error.detail,
        refunded.error.type.replace('urn:commerce:problem:', ''),
      );
    }
    try {
      const transition = refund(order, amount, { at: this.#now(), actor });
      await this.#writer.save(transition, order.version, context);
      return transition.order;
    } catch (error) {
      if (error instanceof VersionConflictError) return this.getOrder(id);
      throw error;
    }
  }

  async #cancel(
    order: Order,
    reason: CancelReason,
    actor: string,
    note: string | undefined,
    context: EventContext,
  ): Promise<Order> {
    const settled = await this.#writer.apply(
      order.id,
      context,
      (o) => cancel(o, reason, { at: this.#now(), actor, ...(note === undefined ? {} : { reason: note }) }),
      { current: order },
    );
    return settled ?? order;
  }
}
