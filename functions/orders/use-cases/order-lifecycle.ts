// The order's life after checkout, driven by the other services' events: the payment (authorized →
// capture, captured → paid, failed → cancelled), the shipment (fulfilling, shipped, delivered) and the
// stock hold running out. Every reaction is guarded by the order's state, so a duplicated or late event
// changes nothing; the consumers run once per event id besides.
import { paymentCapture, paymentVoid } from '@commerce/contracts';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { orderPaymentId, unchanged, type ShipmentNotice } from '../domain/order.ts';
import { cancel } from '../domain/order-cancellation.ts';
import { advanceFulfilment } from '../domain/order-fulfilment.ts';
import { markPaid } from '../domain/order-payment.ts';
import type { OrderRepository, PaymentPeer } from '../domain/ports.ts';
import type { OrderWriter } from './order-writer.ts';
import { replyOf } from './peer-reply.ts';

const SHIPMENT_TARGET = { created: 'fulfilling', in_transit: 'shipped', delivered: 'delivered' } as const;

export class OrderLifecycle {
  readonly #orders: OrderRepository;
  readonly #payment: Pick<PaymentPeer, 'capture' | 'void'>;
  readonly #writer: OrderWriter;
  readonly #now: () => Date;

  constructor(
    orders: OrderRepository,
    payment: Pick<PaymentPeer, 'capture' | 'void'>,
    writer: OrderWriter,
    now: () => Date,
  ) {
    this.#orders = orders;
    this.#payment = payment;
    this.#writer = writer;
    this.#now = now;
  }

  /**
   * payment.authorized: capture what the order costs (payment.captured then marks it paid). An
   * authorization that arrives for a cancelled order (the gateway answered after checkout gave up on it,
   * or the stock hold ran out) is voided, so no money stays held for an order that will not ship.
   */
  async onPaymentAuthorized(orderId: string, context: EventContext): Promise<void> {
    const order = await this.#orders.getOrder(orderId);
    if (order?.status === 'cancelled') {
      replyOf(
        await this.#payment.void({ paymentId: orderPaymentId(order), correlationId: context.correlationId }),
        paymentVoid,
      );
      return;
    }
    if (!order || order.status !== 'pending_payment') return;
    const captured = replyOf(
      await this.#payment.capture({
        paymentId: orderPaymentId(order),
        amount: order.totals.grandTotal,
        correlationId: context.correlationId,
      }),
      paymentCapture,
    );
    if (captured.pending) return;
    await this.onPaymentCaptured(
      orderId,
      captured.payment.capturedAmount,
      captured.payment.providerRef,
      context,
    );
  }

  /** payment.captured (or the capture's answer): pending_payment → paid, announcing order.paid once. */
  async onPaymentCaptured(
    orderId: string,
    capturedAmount: number,
    providerRef: string | undefined,
    context: EventContext,
  ): Promise<void> {
    await this.#writer.apply(orderId, context, (o) =>
      o.status === 'pending_payment'
        ? markPaid(
            o,
            { capturedAmount, ...(providerRef === undefined ? {} : { intentId: providerRef }) },
            { at: this.#now(), actor: 'payment' },
          )
        : unchanged(o),
    );
  }

  /** payment.failed after checkout (a "requires action" payment that failed): cancel and free the stock. */
  async onPaymentFailed(orderId: string, context: EventContext): Promise<void> {
    await this.#writer.apply(orderId, context, (o) =>
      o.status === 'pending_payment'
        ? cancel(o, 'payment_failed', { at: this.#now(), actor: 'payment', reason: 'payment_failed' })
        : unchanged(o),
    );
  }

  /** inventory.reservation_expired: the stock hold ran out before the payment completed. */
  async onReservationExpired(orderId: string, context: EventContext): Promise<void> {
    await this.#writer.apply(orderId, context, (o) =>
      o.status === 'pending_payment' && o.payment.status !== 'authorized'
        ? cancel(o, 'reservation_expired', {
            at: this.#now(),
            actor: 'inventory',
            reason: 'reservation_expired',
          })
        : unchanged(o),
    );
  }

  /** shipment.created / in_transit / delivered move the order along its fulfilment line, never back. */
  async onShipment(
    orderId: string,
    step: keyof typeof SHIPMENT_TARGET,
    shipment: ShipmentNotice,
    context: EventContext,
  ): Promise<void> {
    await this.#writer.apply(orderId, context, (o) =>
      advanceFulfilment(o, SHIPMENT_TARGET[step], shipment, { at: this.#now(), actor: 'shipping' }),
    );
  }
}
