// What customers and staff do with orders: read and list them, cancel one (customers before fulfilment,
// staff until it ships, stopping the shipment at the carrier first), refund what was captured (staff; above
// the stage's limit an admin), each refund recorded on the order before the gateway is asked.
import { isInternalError } from '@commerce/contracts';
import {
  ConflictError,
  NotFoundError,
  UnauthorizedError,
  UnprocessableError,
} from '@commerce/lambda-kit/errors';
import { PeerRefusedError } from '@commerce/lambda-kit/internal-client';
import type { StartKey } from '@commerce/lambda-kit/pagination';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { customerCartId } from '../domain/cart.ts';
import { orderPaymentId, type Order, type OrderRefund } from '../domain/order.ts';
import {
  assertCustomerMayCancel,
  cancel,
  needsShipmentCancellation,
  PaymentInFlightError,
} from '../domain/order-cancellation.ts';
import type { CancelReason } from '../domain/order-events.ts';
import {
  assertRefundApproval,
  completeRefund,
  failRefund,
  openRefund,
  refundIdOf,
  requestRefund,
} from '../domain/order-refund.ts';
import type {
  CartRepository,
  OrderFilter,
  OrderPage,
  OrderRepository,
  PaymentPeer,
  ShippingPeer,
} from '../domain/ports.ts';
import type { OrderWriter } from './order-writer.ts';

/** How often, and how long apart, a cancellation meeting a capture in flight looks again before a 409. */
const CANCEL_ATTEMPTS = 6;
const CANCEL_WAIT_MS = 500;

export interface OrderOperationsOptions {
  /** Minor units per currency above which a staff refund needs an admin (stage config). */
  readonly refundApprovalAbove: Readonly<Record<string, number>>;
  readonly now: () => Date;
  /** @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Where a closed account's mark is (customer.deleted replaces its cart with it): a closed account's
   * still-valid access token must change nothing, its own orders included.
   */
  readonly carts?: Pick<CartRepository, 'getCart'>;
}

/** Who asks for a refund: their sub, and whether they are an admin (the authorizer's groups). */
export interface RefundRequester {
  readonly sub: string;
  readonly admin: boolean;
}

/** The order changed to fulfilling between the read and the cancellation: stop the shipment first. */
class FulfilmentStartedMeanwhile extends Error {}

export class OrderOperations {
  readonly #orders: OrderRepository;
  readonly #peers: Pick<PaymentPeer, 'refund'> & Pick<ShippingPeer, 'cancelShipment'>;
  readonly #writer: OrderWriter;
  readonly #options: OrderOperationsOptions;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(
    orders: OrderRepository,
    peers: Pick<PaymentPeer, 'refund'> & Pick<ShippingPeer, 'cancelShipment'>,
    writer: OrderWriter,
    options: OrderOperationsOptions,
  ) {
    this.#orders = orders;
    this.#peers = peers;
    this.#writer = writer;
    this.#options = options;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
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

  /**
   * Staff cancel an order before it ships (`note` goes into its history). In `fulfilling` the shipment is
   * stopped at the carrier first; when the carrier says it is too late this is a 409
   * `shipment-too-late-to-cancel` and the order stays as it is.
   */
  async cancelOrder(
    id: string,
    actor: string,
    note: string | undefined,
    context: EventContext,
  ): Promise<Order> {
    let order = await this.getOrder(id);
    let shipmentStopped = false;
    for (let attempt = 1; ; attempt++) {
      if (!shipmentStopped && needsShipmentCancellation(order)) {
        await this.#stopShipment(order, actor, note, context);
        shipmentStopped = true;
      }
      const stopped = shipmentStopped;
      try {
        return await this.#cancel(order, 'staff', actor, note, context, (o) => {
          if (!stopped && needsShipmentCancellation(o)) throw new FulfilmentStartedMeanwhile();
        });
      } catch (error) {
        if (!(error instanceof FulfilmentStartedMeanwhile) || attempt >= 2) throw error;
        order = await this.getOrder(id);
      }
    }
  }

  /**
   * A customer cancels their own order before fulfilment starts (pending_payment or paid); later it is a
   * 409 `order-fulfilment-started`.
   */
  async cancelOwnOrder(
    customerId: string,
    id: string,
    note: string | undefined,
    context: EventContext,
  ): Promise<Order> {
    if ((await this.#options.carts?.getCart(customerCartId(customerId))) === 'closed') {
      throw new UnauthorizedError('This account was closed.');
    }
    const order = await this.getOwnOrder(customerId, id);
    return this.#cancel(order, 'customer_request', customerId, note, context, assertCustomerMayCancel);
  }

  /**
   * Gives back `amount` of what was captured, recorded once whatever interleaves: the intent (refund id,
   * amount, `requested`) is written on the order at the version read before any money moves; the gateway
   * refunds under that id (idempotent); the result is recorded (payment.refunded records it too, should
   * this write be lost). The refund id is tied to the order version the request read, so requests that
   * read the same version are one refund; a retry or a concurrent request for the same amount that finds
   * the intent open carries it on instead of starting a second refund; another amount while one is open
   * is a 409 `refund-in-progress`. Above the stage's limit only an admin may refund (403 `refund-needs-admin`).
   */
  async refundOrder(
    id: string,
    amount: number,
    requester: RefundRequester,
    context: EventContext,
  ): Promise<Order> {
    const order = await this.getOrder(id);
    assertRefundApproval(order, amount, requester, this.#options.refundApprovalAbove);
    const ctx = () => ({ at: this.#options.now(), actor: requester.sub });
    // Named after the version this request read, also when the intent's write is retried after a conflict.
    const refundId = refundIdOf(order);
    const recorded = await this.#writer.apply(id, context, (o) => requestRefund(o, amount, ctx(), refundId), {
      current: order,
    });
    const intent = recorded?.refunds?.find((r) => r.id === refundId) ?? (recorded && openRefund(recorded));
    if (intent?.status !== 'requested') return recorded ?? order; // settled already
    return this.#carryOut(id, intent, context, ctx);
  }

  async #carryOut(
    id: string,
    intent: OrderRefund,
    context: EventContext,
    ctx: () => { at: Date; actor: string },
  ): Promise<Order> {
    const order = await this.getOrder(id);
    const answer = await this.#peers.refund({
      paymentId: orderPaymentId(order),
      amount: intent.amount,
      refundId: intent.id,
      correlationId: context.correlationId,
    });
    if (isInternalError(answer)) {
      const type = answer.error.type.replace('urn:commerce:problem:', '');
      await this.#writer.apply(id, context, (o) => failRefund(o, intent.id, type, ctx()));
      throw answer.error.status === 409
        ? new ConflictError(answer.error.detail, type)
        : new UnprocessableError(answer.error.detail, type);
    }
    const after = await this.#writer.apply(id, context, (o) =>
      completeRefund(o, { refundId: intent.id, amount: intent.amount }, ctx()),
    );
    return after ?? order;
  }

  async #stopShipment(
    order: Order,
    actor: string,
    note: string | undefined,
    context: EventContext,
  ): Promise<void> {
    const answer = await this.#peers.cancelShipment({
      orderId: order.id,
      actor,
      ...(note === undefined ? {} : { reason: note }),
      correlationId: context.correlationId,
    });
    if (!isInternalError(answer)) return;
    if (answer.error.status === 409) {
      throw new ConflictError(answer.error.detail, answer.error.type.replace('urn:commerce:problem:', ''));
    }
    throw new PeerRefusedError('shipping', 'cancelShipment', answer.error);
  }

  /**
   * Cancels through the writer; a capture in flight holds the order (409 `payment-capture-in-progress`
   * from the domain), so this looks again a few times, half a second apart, and then acts on the outcome
   * (a paid order is cancelled with its refund due) or lets the 409 through.
   */
  async #cancel(
    order: Order,
    reason: CancelReason,
    actor: string,
    note: string | undefined,
    context: EventContext,
    check: (order: Order) => void,
  ): Promise<Order> {
    for (let attempt = 1; ; attempt++) {
      try {
        const settled = await this.#writer.apply(
          order.id,
          context,
          (o) => {
            check(o);
            return cancel(o, reason, {
              at: this.#options.now(),
              actor,
              ...(note === undefined ? {} : { reason: note }),
            });
          },
          attempt === 1 ? { current: order } : {},
        );
        return settled ?? order;
      } catch (error) {
        if (!(error instanceof PaymentInFlightError) || attempt >= CANCEL_ATTEMPTS) throw error;
        await this.#sleep(CANCEL_WAIT_MS);
      }
    }
  }
}
