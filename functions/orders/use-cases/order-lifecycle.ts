// The order's life after checkout, driven by the other services' events: the payment (authorized →
// capture, captured → paid, failed → cancelled), the shipment (fulfilling, shipped, delivered) and the
// stock hold running out. Every reaction is guarded by the order's state, so a duplicated or late event
// changes nothing; the consumers run once per event id besides.
import {
  isInternalError,
  paymentCapture,
  paymentVoid,
  promotionsRelease,
  shippingCancelShipment,
} from '@commerce/contracts';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { orderPaymentId, unchanged, type ShipmentNotice } from '../domain/order.ts';
import { cancel } from '../domain/order-cancellation.ts';
import { completeRefund } from '../domain/order-refund.ts';
import { advanceFulfilment } from '../domain/order-fulfilment.ts';
import { claimCapture, markPaid, releaseCapture } from '../domain/order-payment.ts';
import type { PaymentPeer, PromotionsPeer, ShippingPeer } from '../domain/ports.ts';
import type { OrderWriter } from './order-writer.ts';
import { replyOf } from './peer-reply.ts';

const SHIPMENT_TARGET = { created: 'fulfilling', in_transit: 'shipped', delivered: 'delivered' } as const;

export class OrderLifecycle {
  readonly #payment: Pick<PaymentPeer, 'capture' | 'void'>;
  readonly #shipping: Pick<ShippingPeer, 'cancelShipment'>;
  readonly #promotions: Pick<PromotionsPeer, 'releasePromotions'>;
  readonly #writer: OrderWriter;
  readonly #now: () => Date;

  constructor(
    peers: Pick<PaymentPeer, 'capture' | 'void'> &
      Pick<ShippingPeer, 'cancelShipment'> &
      Pick<PromotionsPeer, 'releasePromotions'>,
    writer: OrderWriter,
    now: () => Date,
  ) {
    this.#payment = peers;
    this.#shipping = peers;
    this.#promotions = peers;
    this.#writer = writer;
    this.#now = now;
  }

  /**
   * payment.authorized: claim the order for the capture, capture what the order costs and mark it paid
   * (or let payment.captured do it). An authorization that arrives for a cancelled order (the gateway
   * answered after checkout gave up on it, the stock hold ran out, or a cancellation won the claim) is
   * voided, so no money stays held for an order that will not ship. A cancellation that meets the claim
   * waits for the outcome (docs/orders.md, "Capture and cancel").
   */
  async onPaymentAuthorized(orderId: string, context: EventContext): Promise<void> {
    // The claim: a conditional write that either holds the order for this capture or finds it cancelled.
    const order = await this.#writer.apply(orderId, context, (o) => claimCapture(o, { at: this.#now() }));
    if (order?.status === 'cancelled') {
      replyOf(
        await this.#payment.void({ paymentId: orderPaymentId(order), correlationId: context.correlationId }),
        paymentVoid,
      );
      return;
    }
    if (order?.status !== 'pending_payment' || order.paymentOperation?.kind !== 'capture') return;
    const answer = await this.#payment.capture({
      paymentId: orderPaymentId(order),
      amount: order.totals.grandTotal,
      correlationId: context.correlationId,
    });
    if (isInternalError(answer)) {
      // Refused (not "did not answer": that rejects, keeps the claim and is retried through SQS): free the
      // order so that a cancellation can go ahead, then let the message be retried.
      await this.#writer.apply(orderId, context, (o) => releaseCapture(o, { at: this.#now() }));
    }
    const captured = replyOf(answer, paymentCapture);
    // A capture the gateway finishes later keeps the claim until payment.captured marks the order paid.
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

  /**
   * payment.refunded: completes the refund it names (a staff refund whose result write was lost, or one
   * the payment service made for a cancelled order), once; a refund already recorded changes nothing. A
   * refund the gateway reported without our id is recorded under the event's id.
   */
  async onPaymentRefunded(
    orderId: string,
    refund: { readonly refundId: string | undefined; readonly amount: number },
    context: EventContext & { readonly eventId: string },
  ): Promise<void> {
    const refundId = refund.refundId ?? `gw_${context.eventId}`;
    await this.#writer.apply(orderId, context, (o) =>
      completeRefund(o, { refundId, amount: refund.amount }, { at: this.#now(), actor: 'payment' }),
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
    const order = await this.#writer.apply(orderId, context, (o) =>
      o.status === 'pending_payment' && o.payment.status !== 'authorized'
        ? cancel(o, 'reservation_expired', {
            at: this.#now(),
            actor: 'inventory',
            reason: 'reservation_expired',
          })
        : unchanged(o),
    );
    // A hold with no order: its checkout held promotions too, perhaps, and died before placing the order.
    // (An order's promotions are released by its order.cancelled.) Releasing nothing changes nothing.
    if (order === undefined) {
      replyOf(
        await this.#promotions.releasePromotions({ orderId, correlationId: context.correlationId }),
        promotionsRelease,
      );
    }
  }

  /**
   * shipment.created / in_transit / delivered move the order along its fulfilment line, never back. A
   * shipment created for an order cancelled meanwhile is stopped at the carrier.
   */
  async onShipment(
    orderId: string,
    step: keyof typeof SHIPMENT_TARGET,
    shipment: ShipmentNotice,
    context: EventContext,
  ): Promise<void> {
    const order = await this.#writer.apply(orderId, context, (o) =>
      advanceFulfilment(o, SHIPMENT_TARGET[step], shipment, { at: this.#now(), actor: 'shipping' }),
    );
    if (step === 'created' && order?.status === 'cancelled') {
      // The label was bought after the order was cancelled (order.paid and the cancellation crossed, and
      // shipping's order.cancelled consumer found no shipment yet): stop it. Too late throws (the DLQ).
      replyOf(
        await this.#shipping.cancelShipment({
          orderId,
          reason: 'Order cancelled',
          correlationId: context.correlationId,
        }),
        shippingCancelShipment,
      );
    }
  }
}
