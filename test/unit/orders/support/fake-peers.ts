// The peers port in memory: a price list with 10 % tax on top, one shipping method, stock per SKU with
// reservations held per order, and a payment gateway told how to answer. Idempotent where the real callees
// are (a reservation per order id, a payment per payment id). Every call is logged. An automatic promotion
// can be set: the quote takes a percentage off the first line when asked for promotions, and its
// reservations count against a limit (409 beyond it), per order, until released.
import type {
  CancelShipmentReply,
  CommitReply,
  InternalProblem,
  InternalResult,
  PaymentReply,
  QuoteReply,
  QuoteRatesReply,
  RateOffer,
  ReplyOf,
  ReserveReply,
  promotionsReserve,
} from '@commerce/contracts';
import { PeerUnavailableError } from '@commerce/lambda-kit/internal-client';
import type { Peers } from '../../../../functions/orders/domain/ports.ts';

type Request<K extends keyof Peers> = Parameters<Peers[K]>[0];
type ReserveRedemptionsReply = ReplyOf<typeof promotionsReserve>;

/** How the gateway answers an authorization. */
export type GatewayBehaviour =
  'approve' | 'decline' | 'requires_action' | 'unreachable' | 'gateway_error' | 'refuse' | 'crash';

export const STANDARD_SHIPPING: RateOffer = {
  methodId: 'standard',
  zoneId: 'eu',
  name: 'Standard',
  carrier: 'sandbox',
  currency: 'EUR',
  price: 490,
  regularPrice: 490,
  free: false,
  minDays: 1,
  maxDays: 3,
};

const TAX_RATE_PPM = 100_000;
const taxOf = (amount: number) => Math.round((amount * TAX_RATE_PPM) / 1_000_000);

function problem(status: number, slug: string, title: string, detail: string, extra = {}): InternalProblem {
  return { status, type: `urn:commerce:problem:${slug}`, title, detail, ...extra };
}

export class FakePeers implements Peers {
  readonly calls: { readonly operation: keyof Peers; readonly request: unknown }[] = [];
  /** Unit price per SKU; a SKU without one cannot be priced (422). */
  readonly prices = new Map<string, number>();
  /** Units available per SKU. */
  readonly stock = new Map<string, number>();
  readonly reservations = new Map<string, ReserveReply['reservation']>();
  readonly payments = new Map<string, PaymentReply['payment']>();
  gateway: GatewayBehaviour = 'approve';
  /** Set to hold an authorization until the test resolves it. */
  holdAuthorization: Promise<void> | undefined;
  /** Called when an authorization arrives (before it is held). */
  onAuthorize: (() => void) | undefined;
  /** The carrier has the parcel: cancelShipment answers 409 shipment-too-late-to-cancel. */
  carrierTooLate = false;
  /** Awaited after a capture took effect and before it answers: another step runs "meanwhile". */
  duringCapture: (() => Promise<void>) | undefined;
  /** Awaited after a refund took effect and before it answers. */
  duringRefund: (() => Promise<void>) | undefined;
  /** An automatic promotion every priced cart gets, reserved per order within `limit`. */
  promotion: { readonly id: string; readonly percent: number; readonly limit: number } | undefined;
  /** The orders holding the promotion (reserved, not released). */
  readonly promotionHolders = new Set<string>();
  readonly #now: () => Date;

  constructor(now: () => Date) {
    this.#now = now;
  }

  callsOf(operation: keyof Peers): unknown[] {
    return this.calls.filter((c) => c.operation === operation).map((c) => c.request);
  }

  quote(request: Request<'quote'>): Promise<InternalResult<QuoteReply>> {
    return Promise.resolve(this.#quote(request));
  }

  #quote(request: Request<'quote'>): InternalResult<QuoteReply> {
    this.calls.push({ operation: 'quote', request });
    const missing = request.lines.find((l) => !this.prices.has(l.sku));
    if (missing)
      return { error: problem(422, 'price-not-found', 'No price', `No price for ${missing.sku}.`) };
    const lines = request.lines.map((l) => {
      const unit = this.prices.get(l.sku)!;
      const lineSubtotal = unit * l.quantity;
      return {
        sku: l.sku,
        quantity: l.quantity,
        taxClass: 'standard',
        unitOriginal: unit,
        unitEffective: unit,
        priceSource: 'base' as const,
        lineSubtotal,
        discount: 0,
        lineTotal: lineSubtotal,
        taxRatePpm: TAX_RATE_PPM,
        tax: taxOf(lineSubtotal),
      };
    });
    const promotions = this.#promotionsFor(request, lines);
    const subtotal = lines.reduce((sum, l) => sum + l.lineSubtotal, 0);
    const shipping = request.shipping?.amount ?? 0;
    const shippingTax = taxOf(shipping);
    const taxTotal = lines.reduce((sum, l) => sum + l.tax, 0) + shippingTax;
    return {
      currency: request.currency,
      taxMode: 'exclusive',
      lines,
      discounts:
        promotions?.applied[0] === undefined
          ? []
          : [
              {
                code: promotions.applied[0].promotionId,
                lineIndex: 0,
                requested: promotions.applied[0].amount,
                applied: promotions.applied[0].amount,
              },
            ],
      subtotal,
      discountTotal: lines.reduce((sum, l) => sum + l.discount, 0),
      shippingMethod: request.shipping?.method ?? null,
      shipping,
      shippingTax,
      taxLines: [
        { taxClass: 'standard', ratePpm: TAX_RATE_PPM, base: subtotal + shipping, amount: taxTotal },
      ],
      taxTotal,
      grandTotal: lines.reduce((sum, l) => sum + l.lineTotal, 0) + shipping + taxTotal,
      quotedAt: this.#now().toISOString(),
      ...(promotions ? { promotions } : {}),
    };
  }

  /** The promotion off the first line (its discount written into `lines`), when the quote asks for it. */
  #promotionsFor(
    request: Request<'quote'>,
    lines: { discount: number; lineTotal: number; lineSubtotal: number; tax: number }[],
  ) {
    if (!request.promotions) return undefined;
    const applies = this.promotion && this.promotionHolders.size < this.promotion.limit;
    const none = { applied: [], verdicts: [], lineDiscounts: lines.map(() => 0), shippingDiscount: 0 };
    if (!this.promotion || !applies) {
      return {
        ...none,
        ...(this.promotion
          ? {
              verdicts: [
                {
                  applied: false as const,
                  promotionId: this.promotion.id,
                  name: 'Fake promotion',
                  reason: { code: 'limit-reached', limit: 'redemptions' },
                },
              ],
            }
          : {}),
        unknownCodes: (request.promotions.codes ?? []).map((c) => c.toUpperCase()),
      };
    }
    const first = lines[0]!;
    const amount = Math.round((first.lineSubtotal * this.promotion.percent) / 100);
    Object.assign(first, {
      discount: amount,
      lineTotal: first.lineSubtotal - amount,
      tax: taxOf(first.lineSubtotal - amount),
    });
    const applied = {
      promotionId: this.promotion.id,
      name: 'Fake promotion',
      class: 'item' as const,
      amount,
      lines: lines.map((_, i) => (i === 0 ? amount : 0)),
      shipping: 0,
    };
    return {
      ...none,
      applied: [applied],
      verdicts: [{ applied: true as const, ...applied }],
      lineDiscounts: applied.lines,
      unknownCodes: (request.promotions.codes ?? []).map((c) => c.toUpperCase()),
    };
  }

  reservePromotions(request: Request<'reservePromotions'>): Promise<InternalResult<ReserveRedemptionsReply>> {
    this.calls.push({ operation: 'reservePromotions', request });
    const limit = this.promotion?.limit ?? 0;
    if (!this.promotionHolders.has(request.orderId) && this.promotionHolders.size >= limit) {
      return Promise.resolve({
        error: problem(409, 'promotion-limit-reached', 'Promotion limit reached', 'It ran out.', {
          promotionId: this.promotion?.id,
          limit: 'redemptions',
        }),
      });
    }
    this.promotionHolders.add(request.orderId);
    return Promise.resolve({
      redemptions: request.redemptions.map((r) => ({
        ...r,
        orderId: request.orderId,
        status: 'reserved' as const,
      })),
    });
  }

  releasePromotions(request: Request<'releasePromotions'>): Promise<InternalResult<{ released: number }>> {
    this.calls.push({ operation: 'releasePromotions', request });
    const released = this.promotionHolders.delete(request.orderId) ? 1 : 0;
    return Promise.resolve({ released });
  }

  release(request: Request<'release'>): Promise<InternalResult<CommitReply>> {
    this.calls.push({ operation: 'release', request });
    const held = this.reservations.get(request.orderId);
    if (!held) {
      return Promise.resolve({
        error: problem(404, 'not-found', 'Not found', `No reservation ${request.orderId}.`),
      });
    }
    if (held.status === 'held') {
      for (const l of held.lines) this.stock.set(l.sku, (this.stock.get(l.sku) ?? 0) + l.quantity);
    }
    const released = { ...held, status: 'released' as const, version: held.version + 1 };
    this.reservations.set(request.orderId, released);
    return Promise.resolve({ reservation: released });
  }

  quoteRates(request: Request<'quoteRates'>): Promise<InternalResult<QuoteRatesReply>> {
    return Promise.resolve(this.#quoteRates(request));
  }

  #quoteRates(request: Request<'quoteRates'>): InternalResult<QuoteRatesReply> {
    this.calls.push({ operation: 'quoteRates', request });
    return { offers: [STANDARD_SHIPPING] };
  }

  reserve(request: Request<'reserve'>): Promise<InternalResult<ReserveReply>> {
    return Promise.resolve(this.#reserve(request));
  }

  #reserve(request: Request<'reserve'>): InternalResult<ReserveReply> {
    this.calls.push({ operation: 'reserve', request });
    const existing = this.reservations.get(request.orderId);
    if (existing) return { reservation: existing, created: false };
    const shortages = request.lines
      .map((l) => ({ sku: l.sku, requested: l.quantity, available: this.stock.get(l.sku) ?? 0 }))
      .filter((s) => s.available < s.requested);
    if (shortages.length > 0) {
      return {
        error: problem(409, 'insufficient-stock', 'Insufficient stock', 'Not enough stock.', { shortages }),
      };
    }
    for (const l of request.lines) this.stock.set(l.sku, this.stock.get(l.sku)! - l.quantity);
    const now = this.#now();
    const reservation: ReserveReply['reservation'] = {
      id: request.orderId,
      lines: request.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, warehouseId: 'wh-1' })),
      status: 'held',
      expiresAt: new Date(now.getTime() + (request.holdForSeconds ?? 1800) * 1000).toISOString(),
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    this.reservations.set(request.orderId, reservation);
    return { reservation, created: true };
  }

  extend(request: Request<'extend'>): Promise<InternalResult<CommitReply>> {
    this.calls.push({ operation: 'extend', request });
    const held = this.reservations.get(request.orderId);
    if (!held) {
      return Promise.resolve({
        error: problem(404, 'not-found', 'Not found', `No reservation ${request.orderId}.`),
      });
    }
    if (held.status !== 'held' && held.status !== 'committed') {
      return Promise.resolve({
        error: problem(
          422,
          'illegal-transition',
          'Unprocessable',
          `Reservation ${held.id} is ${held.status}.`,
        ),
      });
    }
    const extended =
      held.status === 'held'
        ? {
            ...held,
            expiresAt: new Date(this.#now().getTime() + 7 * 86_400_000).toISOString(),
            version: held.version + 1,
          }
        : held;
    this.reservations.set(request.orderId, extended);
    return Promise.resolve({ reservation: extended });
  }

  async authorize(request: Request<'authorize'>): Promise<InternalResult<PaymentReply>> {
    this.calls.push({ operation: 'authorize', request });
    this.onAuthorize?.();
    if (this.holdAuthorization) await this.holdAuthorization;
    const stored = this.payments.get(request.paymentId);
    if (stored) return { payment: stored };
    switch (this.gateway) {
      case 'unreachable':
        throw new PeerUnavailableError('payment', 'authorize', 'Task timed out after 10.00 seconds');
      case 'crash':
        throw new Error('The orders function stopped here (timeout, out of memory, redeploy).');
      case 'gateway_error':
        return {
          error: problem(503, 'payment-gateway-unavailable', 'Gateway unavailable', 'The gateway timed out.'),
        };
      case 'refuse':
        return {
          error: problem(409, 'payment-idempotency-conflict', 'Conflict', 'Another payment has this id.'),
        };
    }
    const now = this.#now().toISOString();
    const status = { approve: 'authorized', decline: 'failed', requires_action: 'requires_action' } as const;
    const payment: PaymentReply['payment'] = {
      id: request.paymentId,
      orderId: request.orderId,
      provider: request.provider ?? 'sandbox',
      providerRef: `sbx_pi_${request.paymentId}`,
      amount: request.amount,
      currency: request.currency,
      status: status[this.gateway],
      authorizedAmount: this.gateway === 'approve' ? request.amount : 0,
      capturedAmount: 0,
      refundedAmount: 0,
      refunds: [],
      gatewayRefundedAmount: 0,
      ...(this.gateway === 'decline' ? { failureCode: 'card_declined' } : {}),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    this.payments.set(request.paymentId, payment);
    return this.gateway === 'requires_action'
      ? { payment, nextAction: { type: 'redirect', url: 'https://gateway.example/3ds' } }
      : { payment };
  }

  async capture(request: Request<'capture'>): Promise<InternalResult<PaymentReply>> {
    const answer = this.#capture(request);
    await this.duringCapture?.();
    return answer;
  }

  #capture(request: Request<'capture'>): InternalResult<PaymentReply> {
    this.calls.push({ operation: 'capture', request });
    const payment = this.payments.get(request.paymentId);
    if (!payment)
      return { error: problem(404, 'not-found', 'Not found', `No payment ${request.paymentId}.`) };
    const captured = {
      ...payment,
      status: 'captured' as const,
      capturedAmount: request.amount ?? payment.authorizedAmount,
    };
    this.payments.set(request.paymentId, captured);
    return { payment: captured };
  }

  void(request: Request<'void'>): Promise<InternalResult<PaymentReply>> {
    return Promise.resolve(this.#void(request));
  }

  #void(request: Request<'void'>): InternalResult<PaymentReply> {
    this.calls.push({ operation: 'void', request });
    const payment = this.payments.get(request.paymentId);
    if (!payment)
      return { error: problem(404, 'not-found', 'Not found', `No payment ${request.paymentId}.`) };
    const voided = { ...payment, status: 'voided' as const };
    this.payments.set(request.paymentId, voided);
    return { payment: voided };
  }

  async refund(request: Request<'refund'>): Promise<InternalResult<PaymentReply>> {
    const answer = this.#refund(request);
    await this.duringRefund?.();
    return answer;
  }

  cancelShipment(request: Request<'cancelShipment'>): Promise<InternalResult<CancelShipmentReply>> {
    this.calls.push({ operation: 'cancelShipment', request });
    return Promise.resolve(
      this.carrierTooLate
        ? {
            error: problem(
              409,
              'shipment-too-late-to-cancel',
              'Conflict',
              'The parcel is already in_transit; it cannot be cancelled.',
            ),
          }
        : { outcome: 'cancelled' as const },
    );
  }

  #refund(request: Request<'refund'>): InternalResult<PaymentReply> {
    this.calls.push({ operation: 'refund', request });
    const payment = this.payments.get(request.paymentId);
    if (!payment)
      return { error: problem(404, 'not-found', 'Not found', `No payment ${request.paymentId}.`) };
    if (payment.refunds.some((r) => r.id === request.refundId)) return { payment };
    if (payment.refundedAmount + request.amount > payment.capturedAmount) {
      return {
        error: problem(422, 'refund-exceeds-captured', 'Unprocessable', 'More than was captured.'),
      };
    }
    const refunded = {
      ...payment,
      refundedAmount: payment.refundedAmount + request.amount,
      refunds: [
        ...payment.refunds,
        { id: request.refundId, amount: request.amount, at: this.#now().toISOString() },
      ],
    };
    this.payments.set(request.paymentId, refunded);
    return { payment: refunded };
  }
}
