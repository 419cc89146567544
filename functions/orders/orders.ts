// The orders service: carts (guest by secret, customer by account), checkout as one idempotent saga step
// (re-price → reserve → order → authorize), the order's life after it (payment, shipment and reservation
// events), and the customer and staff operations on orders. Every write is one conditional DynamoDB
// transaction with the events it announces (the outbox).
import type { PaymentProviderName, PaymentReply } from '@commerce/contracts';
import {
  OrderCancelled,
  OrderCreated,
  OrderDelivered,
  OrderFulfilmentStarted,
  OrderPaid,
  OrderRefunded,
  OrderShipped,
  type orderCancelReasonSchema,
} from '@commerce/events';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  UnprocessableError,
  VersionConflictError,
} from '@commerce/lambda-kit/errors';
import { PeerRefusedError, PeerUnavailableError } from '@commerce/lambda-kit/internal-client';
import { outboxItem, type OutboxItem } from '@commerce/lambda-kit/outbox';
import { PROBLEM_CONTENT_TYPE, problem } from '@commerce/lambda-kit';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { randomUUID } from 'node:crypto';
import type * as z from 'zod';
import {
  addLine,
  assertCartVersion,
  canAccessCart,
  checkoutAddresses,
  claimGuestCart,
  mergeGuestCart,
  newCartSecret,
  newCustomerCart,
  newGuestCart,
  removeLine,
  setBillingAddress,
  setLineQuantity,
  setShippingAddress,
  setShippingMethod,
  type Cart,
} from './domain/cart.ts';
import {
  cancel,
  fulfilmentStage,
  markDelivered,
  markPaid,
  markShipped,
  newOrder,
  orderNumber,
  recordAuthorization,
  recordPaymentIntent,
  refund,
  startFulfilment,
  type Order,
  type OrderTransition,
} from './domain/order.ts';
import { idempotencyDecision, requestFingerprint } from './domain/idempotency.ts';
import type { Peers } from './peers.ts';
import { priceCart, type PricedCart } from './pricing.ts';
import type { CheckoutBody } from './schemas.ts';
import type { CartRecord, CheckoutAnswer, CheckoutRecord, OrdersStore, TransactItem } from './store.ts';
import { CHECKOUT_KEY_TTL_SECONDS } from './store.ts';

export type CancelReason = z.infer<typeof orderCancelReasonSchema>;

/** Who is asking for a cart: a guest holding its id and secret, or a signed-in customer. */
export type CartAccess =
  | { readonly kind: 'guest'; readonly cartId: string; readonly secret: string | undefined }
  | { readonly kind: 'customer'; readonly customerId: string; readonly email: string | undefined };

export interface CartChange {
  readonly email?: string | null | undefined;
  readonly shippingAddress?: Cart['shippingAddress'] | undefined;
  readonly billingAddress?: Cart['billingAddress'] | undefined;
  readonly shippingMethod?: string | null | undefined;
  readonly version?: number | undefined;
}

export interface OrdersOptions {
  readonly peers: Peers;
  /** Where taxes are estimated for a cart without an address. */
  readonly homeCountry: string;
  /** The currency of a customer's new cart. */
  readonly defaultCurrency: string;
  /** How long checkout holds stock for an order awaiting payment. */
  readonly holdSeconds: number;
  /** How long a checkout in progress keeps its Idempotency-Key from a retry; past it a retry resumes it. */
  readonly checkoutLeaseMs: number;
  readonly now?: () => Date;
}

/** The order id's random part also names its payment and its shipment, so retries land on the same ones. */
export const newOrderId = (): string => `ord_${randomUUID().replaceAll('-', '')}`;
export const paymentIdOf = (orderId: string): string => `pay_${orderId.slice(4)}`;
const customerCartId = (customerId: string): string => `c-${customerId}`;

export class Orders {
  readonly #store: OrdersStore;
  readonly #options: OrdersOptions;
  readonly #now: () => Date;

  constructor(store: OrdersStore, options: OrdersOptions) {
    this.#store = store;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  // =========================================================================================================
  // Carts

  async createGuestCart(currency: string): Promise<{ record: CartRecord; secret: string }> {
    const { secret, hash } = newCartSecret();
    const cart = newGuestCart(`g-${randomUUID().replaceAll('-', '')}`, hash, currency, this.#now());
    const record = { cart, email: null };
    await this.#store.saveCart(record, undefined);
    return { record, secret };
  }

  /** The caller's cart; a customer without one gets an empty one (not stored until it changes). */
  async getCart(access: CartAccess): Promise<CartRecord> {
    return (await this.#loadCart(access)).record;
  }

  /** The caller's cart, and whether it is stored (a customer's empty cart is not, until it changes). */
  async #loadCart(access: CartAccess): Promise<{ record: CartRecord; stored: boolean }> {
    if (access.kind === 'customer') {
      const stored = await this.#store.getCart(customerCartId(access.customerId));
      if (stored) return { record: stored, stored: true };
      const cart = newCustomerCart(
        customerCartId(access.customerId),
        access.customerId,
        this.#options.defaultCurrency,
        this.#now(),
      );
      return { record: { cart, email: null }, stored: false };
    }
    const stored = await this.#store.getCart(access.cartId);
    // The same answer for "no such cart" and "not yours": a guest cart's id alone proves nothing.
    if (!stored || !canAccessCart(stored.cart, { secret: access.secret })) {
      throw new NotFoundError('No such cart, or the cart secret does not match.');
    }
    return { record: stored, stored: true };
  }

  async priceCart(record: CartRecord, correlationId: string): Promise<PricedCart> {
    const known = await this.#store.loadForPricing(
      record.cart.lines.map((l) => l.sku),
      record.cart.customerId,
    );
    return priceCart(record.cart, known, this.#options.peers, {
      homeCountry: this.#options.homeCountry,
      correlationId,
    });
  }

  async addLine(access: CartAccess, sku: string, quantity: number): Promise<CartRecord> {
    const known = await this.#store.getSku(sku);
    if (!known || !known.published) {
      throw new UnprocessableError(`${sku} is not for sale.`, 'sku-unavailable');
    }
    return this.#changeCart(access, (cart, now) => addLine(cart, sku, quantity, now));
  }

  async setLineQuantity(access: CartAccess, sku: string, quantity: number): Promise<CartRecord> {
    return this.#changeCart(access, (cart, now) => setLineQuantity(cart, sku, quantity, now));
  }

  async removeLine(access: CartAccess, sku: string): Promise<CartRecord> {
    return this.#changeCart(access, (cart, now) => removeLine(cart, sku, now));
  }

  async updateCart(access: CartAccess, change: CartChange): Promise<CartRecord> {
    return this.#changeCart(
      access,
      (cart, now) => {
        assertCartVersion(cart, change.version);
        let next = cart;
        if (change.shippingAddress !== undefined)
          next = setShippingAddress(next, change.shippingAddress, now);
        if (change.billingAddress !== undefined) next = setBillingAddress(next, change.billingAddress, now);
        if (change.shippingMethod !== undefined) next = setShippingMethod(next, change.shippingMethod, now);
        return next;
      },
      change.email,
    );
  }

  /**
   * Folds a guest's cart into the signed-in customer's (or hands it over when they have none) and deletes
   * the guest cart, in one transaction.
   */
  async mergeGuestCart(
    customer: Extract<CartAccess, { kind: 'customer' }>,
    guest: { readonly cartId: string; readonly secret: string },
  ): Promise<{ record: CartRecord; capped: readonly string[]; dropped: readonly string[] }> {
    const guestRecord = await this.getCart({ kind: 'guest', ...guest });
    const stored = await this.#store.getCart(customerCartId(customer.customerId));
    const now = this.#now();
    if (!stored) {
      const claimed = claimGuestCart(guestRecord.cart, customer.customerId, now);
      const record = {
        cart: { ...claimed, id: customerCartId(customer.customerId), version: 1 },
        email: null,
      };
      await this.#store.mergeCarts(record, undefined, guestRecord.cart);
      return { record, capped: [], dropped: [] };
    }
    const merged = mergeGuestCart(stored.cart, guestRecord.cart, now);
    const record = { cart: merged.cart, email: stored.email };
    await this.#store.mergeCarts(record, stored.cart.version, guestRecord.cart);
    return { record, capped: merged.capped, dropped: merged.dropped };
  }

  async #changeCart(
    access: CartAccess,
    change: (cart: Cart, now: Date) => Cart,
    email?: string | null,
  ): Promise<CartRecord> {
    const { record: current, stored } = await this.#loadCart(access);
    const cart = change(current.cart, this.#now());
    const nextEmail = email === undefined || access.kind === 'customer' ? current.email : email;
    if (cart === current.cart && nextEmail === current.email) return current;
    const record = {
      cart: cart === current.cart ? { ...cart, version: cart.version + 1 } : cart,
      email: nextEmail,
    };
    await this.#store.saveCart(record, stored ? current.cart.version : undefined);
    return record;
  }

  // =========================================================================================================
  // Checkout

  /**
   * Places the order for the caller's cart, once per Idempotency-Key: a retry with the same key and body
   * gets the first answer again (and never a second order or charge), the same key with another body a
   * 422, and a retry while the first is still running a 409. A first attempt that died half way is resumed
   * by a retry after its lease: every step is idempotent on the order id chosen when the key was claimed.
   */
  async checkout(
    access: CartAccess,
    idempotencyKey: string,
    body: CheckoutBody,
    context: EventContext,
  ): Promise<CheckoutAnswer> {
    const scope = access.kind === 'guest' ? `cart:${access.cartId}` : `customer:${access.customerId}`;
    const fingerprint = requestFingerprint({ cart: access.kind === 'guest' ? access.cartId : 'mine', body });
    const now = this.#now();
    const existing = await this.#store.getCheckout(scope, idempotencyKey);
    const live = existing !== undefined && existing.expiresAtMs > now.getTime();
    // A first attempt that died holding the key (its lease ran out) is resumed, not refused.
    const abandoned =
      live &&
      existing.status === 'in_progress' &&
      existing.leaseUntil <= now.getTime() &&
      existing.fingerprint === fingerprint;
    if (!abandoned) {
      const decision = idempotencyDecision(
        existing && {
          key: idempotencyKey,
          fingerprint: existing.fingerprint,
          status: existing.status,
          ...(existing.answer ? { response: existing.answer } : {}),
          expiresAt: new Date(existing.expiresAtMs).toISOString(),
        },
        fingerprint,
        now,
      );
      if (decision.kind === 'replay') return decision.response;
    }
    const claim: CheckoutRecord = {
      fingerprint,
      status: 'in_progress',
      orderId: live ? existing.orderId : newOrderId(),
      leaseUntil: now.getTime() + this.#options.checkoutLeaseMs,
      expiresAtMs: now.getTime() + CHECKOUT_KEY_TTL_SECONDS * 1000,
    };
    if (!(await this.#store.claimCheckout(scope, idempotencyKey, claim, live ? existing : undefined))) {
      throw new ConflictError(
        'A request with this Idempotency-Key is still being processed; retry shortly.',
        'idempotency-request-in-progress',
      );
    }
    const complete = (answer: CheckoutAnswer): CheckoutRecord => ({ ...claim, status: 'completed', answer });
    // Only a resumed checkout can find its order written already.
    let order = live ? await this.#store.getOrder(claim.orderId) : undefined;
    if (!order) {
      const placed = await this.#placeOrder(access, claim.orderId, body, context).catch(
        async (error: unknown) => {
          // A refusal (cart not ready, SKU not for sale, no price...) changed nothing: free the key at once
          // rather than hold it for the lease, so the shopper can fix the cart and retry with it.
          if (error instanceof DomainError) {
            await this.#store.completeCheckout(scope, idempotencyKey, { ...claim, expiresAtMs: 0 });
          }
          throw error;
        },
      );
      if ('answer' in placed) {
        // Refused before anything happened: the key is free again for a corrected cart.
        await this.#store.completeCheckout(scope, idempotencyKey, {
          ...complete(placed.answer),
          expiresAtMs: 0,
        });
        return placed.answer;
      }
      order = placed.order;
    }
    const cartId = access.kind === 'guest' ? access.cartId : customerCartId(access.customerId);
    return this.#authorize(order, cartId, body, context, (a) =>
      this.#store.completeCheckoutItem(scope, idempotencyKey, complete(a)),
    );
  }

  /** Re-prices the cart, holds the stock and writes the order (pending_payment) with order.created. */
  async #placeOrder(
    access: CartAccess,
    orderId: string,
    body: CheckoutBody,
    context: EventContext,
  ): Promise<{ order: Order } | { answer: CheckoutAnswer }> {
    const record = await this.getCart(access);
    const { cart } = record;
    const { shippingAddress, billingAddress } = checkoutAddresses(cart);
    const email = access.kind === 'customer' ? access.email : (record.email ?? undefined);
    if (email === undefined) {
      throw new UnprocessableError('Add an email address for the order’s messages.', 'email-required');
    }
    // One read of the SKUs (and segments) serves the quote and the order lines' titles.
    const priced = await this.priceCart(record, context.correlationId);
    const issue = priced.issues[0];
    if (issue !== undefined || priced.quote === null || priced.quote.shippingMethod === null) {
      throw new UnprocessableError(
        issue?.detail ?? 'The cart cannot be priced.',
        issue?.code ?? 'cart-not-ready',
      );
    }
    const quote = priced.quote;
    const shippingMethod = quote.shippingMethod;
    if (shippingMethod === null) throw new UnprocessableError('Choose a shipping method.', 'cart-not-ready');

    const reserved = await this.#options.peers.reserve.invoke({
      orderId,
      lines: cart.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      holdForSeconds: this.#options.holdSeconds,
      correlationId: context.correlationId,
    });
    if ('error' in reserved) {
      const { status, type, title, detail, ...extensions } = reserved.error;
      return {
        answer: {
          status,
          contentType: PROBLEM_CONTENT_TYPE,
          body: { type, title, status, detail, ...extensions, correlationId: context.correlationId },
        },
      };
    }

    const now = this.#now();
    const number = orderNumber(await this.#store.nextSequence(now.getUTCFullYear()), now);
    const { order } = newOrder(
      {
        id: orderId,
        number,
        customerId: cart.customerId,
        email,
        currency: quote.currency,
        lines: quote.lines.map((l) => ({
          sku: l.sku,
          title: priced.skus.get(l.sku)?.title ?? l.sku,
          quantity: l.quantity,
          unitPrice: l.unitEffective,
          discount: l.discount,
          tax: l.tax,
        })),
        shippingAddress,
        billingAddress,
        shipping: { amount: quote.shipping, tax: quote.shippingTax },
        paymentProvider: body.payment.provider ?? 'sandbox',
        paymentId: paymentIdOf(orderId),
        taxIncluded: quote.taxMode === 'inclusive',
        shippingMethod,
        totalWeightGrams: Math.max(1, priced.totalWeightGrams),
        contact: {
          smsUpdates: body.smsUpdates,
          ...(shippingAddress.phone === undefined ? {} : { phone: shippingAddress.phone }),
          ...(body.locale === undefined ? {} : { locale: body.locale }),
        },
      },
      { at: now, ...(cart.customerId === null ? {} : { actor: cart.customerId }) },
    );
    if (order.totals.grandTotal !== quote.grandTotal) {
      throw new Error(`Order total ${order.totals.grandTotal} differs from the quote's ${quote.grandTotal}`);
    }
    const created = await this.#store.createOrder(order, [
      outboxItem(OrderCreated, createdData(order), context, now),
    ]);
    return { order: created ? order : ((await this.#store.getOrder(orderId)) ?? order) };
  }

  /** Asks the gateway to hold the order's amount and answers the checkout from what it said. */
  async #authorize(
    order: Order,
    cartId: string,
    body: CheckoutBody,
    context: EventContext,
    completion: (answer: CheckoutAnswer) => TransactItem,
  ): Promise<CheckoutAnswer> {
    const paymentId = order.payment.id ?? paymentIdOf(order.id);
    if (order.status !== 'pending_payment' || order.payment.status === 'authorized') {
      // A resumed checkout whose payment was settled already: answer what the order says now.
      const answer = orderAnswer(order, { status: order.payment.status }, 200);
      await this.#store.saveOrder(order, order.version, [], [completion(answer)]);
      return answer;
    }
    let result: PaymentReply | undefined;
    let failure: { reason: CancelReason; answer: (o: Order) => CheckoutAnswer } | undefined;
    try {
      result = await this.#options.peers.authorize.call({
        paymentId,
        orderId: order.id,
        amount: order.totals.grandTotal,
        currency: order.currency,
        // Checkout took it from the same list (schemas.ts, checkoutBody); the order keeps it as a string.
        provider: order.payment.provider as PaymentProviderName,
        paymentMethodToken: body.payment.token,
        customerEmail: order.email,
        ...(body.payment.returnUrl === undefined ? {} : { returnUrl: body.payment.returnUrl }),
        correlationId: context.correlationId,
      });
    } catch (error) {
      if (
        error instanceof PeerUnavailableError ||
        (error instanceof PeerRefusedError && error.problem.status >= 500)
      ) {
        failure = {
          reason: 'payment_timeout',
          answer: (o) =>
            problemAnswer(503, 'payment-gateway-unavailable', 'Payment gateway unavailable', context, {
              detail: 'The payment could not be completed; the order was cancelled and nothing was charged.',
              orderId: o.id,
            }),
        };
      } else if (error instanceof PeerRefusedError) {
        const refused = error.problem;
        failure = {
          reason: 'payment_failed',
          answer: (o) =>
            problemAnswer(422, refused.type.replace('urn:commerce:problem:', ''), refused.title, context, {
              detail: refused.detail,
              orderId: o.id,
            }),
        };
      } else {
        throw error;
      }
    }
    if (result && result.payment.status === 'failed') {
      const failureCode = result.payment.failureCode ?? 'declined';
      failure = {
        reason: 'payment_failed',
        answer: (o) =>
          problemAnswer(402, 'payment-declined', 'Payment declined', context, {
            detail: 'The payment was declined; the order was cancelled. Try another payment method.',
            orderId: o.id,
            failureCode,
          }),
      };
    }
    if (failure) {
      const { reason, answer } = failure;
      const settled = await this.#apply(
        order.id,
        context,
        (o) =>
          o.status === 'pending_payment'
            ? cancel(o, { at: this.#now(), reason, actor: 'payment' })
            : { order: o, events: [] },
        {
          reason,
          extra: (o) => [completion(answer(o))],
          current: order,
        },
      );
      return answer(settled ?? order);
    }
    const payment = result!;
    const nextAction = payment.nextAction;
    const answerFor = (o: Order) =>
      orderAnswer(
        o,
        { status: payment.payment.status, ...(nextAction ? { nextAction } : {}) },
        nextAction ? 202 : 201,
      );
    const cartDelete = [this.#store.deleteCartItem(cartId)];
    const settled = await this.#apply(
      order.id,
      context,
      (o) =>
        payment.payment.status === 'requires_action' &&
        o.status === 'pending_payment' &&
        payment.payment.providerRef !== undefined
          ? recordPaymentIntent(o, payment.payment.providerRef, { at: this.#now() })
          : payment.payment.status === 'authorized' &&
              o.status === 'pending_payment' &&
              o.payment.status !== 'authorized'
            ? recordAuthorization(
                o,
                {
                  intentId: payment.payment.providerRef ?? paymentId,
                  amount: payment.payment.authorizedAmount,
                },
                { at: this.#now() },
              )
            : { order: o, events: [] },
      { extra: (o) => [completion(answerFor(o)), ...cartDelete], current: order },
    );
    return answerFor(settled ?? order);
  }

  // =========================================================================================================
  // Orders: reading

  async getOrder(id: string): Promise<Order> {
    const order = await this.#store.getOrder(id);
    if (!order) throw new NotFoundError(`No order ${id}.`);
    return order;
  }

  /** A customer's own order; someone else's reads as missing. */
  async getOwnOrder(customerId: string, id: string): Promise<Order> {
    const order = await this.#store.getOrder(id);
    if (!order || order.customerId !== customerId) throw new NotFoundError(`No order ${id}.`);
    return order;
  }

  // =========================================================================================================
  // Orders: steps

  async cancelOrder(
    order: Order,
    reason: CancelReason,
    actor: string,
    context: EventContext,
    note?: string,
  ): Promise<Order> {
    const settled = await this.#apply(
      order.id,
      context,
      (o) => cancel(o, { at: this.#now(), actor, ...(note === undefined ? {} : { reason: note }) }),
      { reason, current: order },
    );
    return settled ?? order;
  }

  /**
   * Gives back `amount` of what was captured: the gateway refunds first (idempotent per refund id, which
   * is tied to the order's version so a double submit refunds once), then the order records it.
   */
  async refundOrder(id: string, amount: number, actor: string, context: EventContext): Promise<Order> {
    const order = await this.getOrder(id);
    // Validates the amount against the order's rules before any money moves.
    refund(order, amount, { at: this.#now(), actor });
    const refundId = `rf_${order.id.slice(4)}_${order.version}`;
    await this.#options.peers.refund
      .call({
        paymentId: order.payment.id ?? paymentIdOf(order.id),
        amount,
        refundId,
        correlationId: context.correlationId,
      })
      .catch((error: unknown) => {
        if (error instanceof PeerRefusedError) {
          throw new UnprocessableError(
            error.problem.detail,
            error.problem.type.replace('urn:commerce:problem:', ''),
          );
        }
        throw error;
      });
    try {
      const transition = refund(order, amount, { at: this.#now(), actor });
      await this.#store.saveOrder(
        transition.order,
        order.version,
        this.#outbox(transition, context, { refundId }),
      );
      return transition.order;
    } catch (error) {
      if (error instanceof VersionConflictError) return this.getOrder(id);
      throw error;
    }
  }

  /**
   * payment.authorized: capture what the order costs (payment.captured then marks it paid). An
   * authorization that arrives for a cancelled order (the gateway answered after checkout gave up on it,
   * or the stock hold ran out) is voided, so no money stays held for an order that will not ship.
   */
  async onPaymentAuthorized(orderId: string, context: EventContext): Promise<void> {
    const order = await this.#store.getOrder(orderId);
    if (order?.status === 'cancelled') {
      await this.#options.peers.void.call({
        paymentId: order.payment.id ?? paymentIdOf(order.id),
        correlationId: context.correlationId,
      });
      return;
    }
    if (!order || order.status !== 'pending_payment') return;
    const captured = await this.#options.peers.capture.call({
      paymentId: order.payment.id ?? paymentIdOf(order.id),
      amount: order.totals.grandTotal,
      correlationId: context.correlationId,
    });
    if (captured.pending) return;
    await this.onPaymentCaptured(
      orderId,
      captured.payment.capturedAmount,
      captured.payment.providerRef,
      context,
    );
  }

  async onPaymentCaptured(
    orderId: string,
    capturedAmount: number,
    providerRef: string | undefined,
    context: EventContext,
  ): Promise<void> {
    await this.#apply(orderId, context, (o) =>
      o.status === 'pending_payment'
        ? markPaid(
            o,
            { capturedAmount, ...(providerRef === undefined ? {} : { intentId: providerRef }) },
            { at: this.#now(), actor: 'payment' },
          )
        : { order: o, events: [] },
    );
  }

  /** payment.failed after checkout (a "requires action" payment that failed): cancel and free the stock. */
  async onPaymentFailed(orderId: string, context: EventContext): Promise<void> {
    await this.#apply(
      orderId,
      context,
      (o) =>
        o.status === 'pending_payment'
          ? cancel(o, { at: this.#now(), actor: 'payment', reason: 'payment_failed' })
          : { order: o, events: [] },
      { reason: 'payment_failed' },
    );
  }

  /** The stock hold ran out before the payment completed. */
  async onReservationExpired(orderId: string, context: EventContext): Promise<void> {
    await this.#apply(
      orderId,
      context,
      (o) =>
        o.status === 'pending_payment' && o.payment.status !== 'authorized'
          ? cancel(o, { at: this.#now(), actor: 'inventory', reason: 'reservation_expired' })
          : { order: o, events: [] },
      { reason: 'reservation_expired' },
    );
  }

  /** shipment.created / in_transit / delivered move the order along its fulfilment line, never back. */
  async onShipment(
    orderId: string,
    step: 'created' | 'in_transit' | 'delivered',
    shipment: { id: string; carrier: string; trackingNumber: string; trackingUrl?: string | undefined },
    context: EventContext,
  ): Promise<void> {
    const target = { created: 'fulfilling', in_transit: 'shipped', delivered: 'delivered' } as const;
    const order = ['paid', 'fulfilling', 'shipped', 'delivered'] as const;
    await this.#apply(
      orderId,
      context,
      (o) => {
        const events: OrderTransition['events'][number][] = [];
        let current = o;
        const ctx = { at: this.#now(), actor: 'shipping' };
        const goal = order.indexOf(target[step]);
        for (;;) {
          const stage = fulfilmentStage(current);
          const at = order.indexOf(stage as (typeof order)[number]);
          if (at < 0 || at >= goal || current.status === 'cancelled' || current.status === 'refunded') break;
          const next =
            order[at + 1] === 'fulfilling'
              ? startFulfilment(current, ctx)
              : order[at + 1] === 'shipped'
                ? markShipped(
                    current,
                    { id: shipment.id, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber },
                    ctx,
                  )
                : markDelivered(current, ctx);
          current = next.order;
          events.push(...next.events);
        }
        return { order: current, events };
      },
      { shipment },
    );
  }

  // =========================================================================================================

  /**
   * Reads the order, applies a step and writes it with the step's events, retrying on a concurrent write.
   * Answers the order after the step (undefined when there is no such order).
   */
  async #apply(
    orderId: string,
    context: EventContext,
    step: (order: Order) => OrderTransition,
    extras: {
      reason?: CancelReason;
      shipment?: { id: string; carrier: string; trackingNumber: string; trackingUrl?: string | undefined };
      extra?: (order: Order) => TransactItem[];
      /** The order as just read or written, to save the first read; re-read after a conflict. */
      current?: Order;
    } = {},
  ): Promise<Order | undefined> {
    for (let attempt = 0; ; attempt++) {
      const order = attempt === 0 && extras.current ? extras.current : await this.#store.getOrder(orderId);
      if (!order) return undefined;
      const transition = step(order);
      const extra = extras.extra?.(transition.order) ?? [];
      if (transition.order === order && extra.length === 0) return order;
      try {
        await this.#store.saveOrder(
          transition.order,
          order.version,
          this.#outbox(transition, context, extras),
          extra,
        );
        return transition.order;
      } catch (error) {
        if (!(error instanceof VersionConflictError) || attempt >= 4) throw error;
      }
    }
  }

  #outbox(
    transition: OrderTransition,
    context: EventContext,
    extras: {
      reason?: CancelReason;
      refundId?: string;
      shipment?: { id: string; carrier: string; trackingNumber: string; trackingUrl?: string | undefined };
    },
  ): OutboxItem[] {
    const order = transition.order;
    const now = this.#now();
    const ref = refData(order);
    const shipment = () => {
      const s = extras.shipment ?? (order.shipment && { ...order.shipment });
      return s
        ? {
            shipmentId: s.id,
            carrier: s.carrier,
            trackingNumber: s.trackingNumber,
            ...('trackingUrl' in s && s.trackingUrl !== undefined ? { trackingUrl: s.trackingUrl } : {}),
          }
        : undefined;
    };
    return transition.events.map((event) => {
      switch (event.type) {
        case 'order.created':
          return outboxItem(OrderCreated, createdData(order), context, now);
        case 'order.paid':
          return outboxItem(
            OrderPaid,
            {
              ...ref,
              paymentId: order.payment.id ?? paymentIdOf(order.id),
              capturedAmount: order.payment.capturedAmount,
              lines: order.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
              shipTo: order.shippingAddress,
              shippingMethod: order.shippingMethod,
              totalWeightGrams: order.totalWeightGrams,
            },
            context,
            now,
          );
        case 'order.fulfilment_started':
          return outboxItem(OrderFulfilmentStarted, { ...ref, shipment: shipment()! }, context, now);
        case 'order.shipped':
          return outboxItem(OrderShipped, { ...ref, shipment: shipment()! }, context, now);
        case 'order.delivered': {
          const s = shipment();
          return outboxItem(OrderDelivered, { ...ref, ...(s ? { shipment: s } : {}) }, context, now);
        }
        case 'order.cancelled':
          return outboxItem(
            OrderCancelled,
            {
              ...ref,
              previousStatus: event.data.previousStatus,
              reason: extras.reason ?? 'staff',
              paymentId: order.payment.id ?? null,
              paymentStatus: order.payment.status,
              refundDue: event.data.refundDue,
              lines: event.data.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
            },
            context,
            now,
          );
        case 'order.refunded':
          return outboxItem(
            OrderRefunded,
            {
              ...ref,
              refundId: extras.refundId ?? `rf_${order.id.slice(4)}_${order.version}`,
              amount: event.data.amount,
              refundedAmount: event.data.refundedAmount,
              capturedAmount: event.data.capturedAmount,
              full: event.data.full,
              goodsShipped: event.data.goodsShipped,
            },
            context,
            now,
          );
      }
    });
  }
}

function refData(order: Order) {
  return {
    orderId: order.id,
    number: order.number,
    customerId: order.customerId,
    currency: order.currency,
    contact: {
      email: order.contact.email,
      name: order.shippingAddress.name,
      smsUpdates: order.contact.smsUpdates,
      ...(order.contact.locale === undefined ? {} : { locale: order.contact.locale }),
      ...(order.contact.phone === undefined ? {} : { phone: order.contact.phone }),
    },
  };
}

function createdData(order: Order) {
  return {
    ...refData(order),
    lines: order.lines.map((l) => ({
      sku: l.sku,
      title: l.title,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      lineTotal: l.lineTotal,
    })),
    totals: order.totals,
    shippingMethod: order.shippingMethod,
    paymentProvider: order.payment.provider,
  };
}

function orderAnswer(order: Order, payment: Record<string, unknown>, status = 201): CheckoutAnswer {
  return { status, contentType: 'application/json', body: { order, payment } };
}

function problemAnswer(
  status: number,
  slug: string,
  title: string,
  context: EventContext,
  members: Record<string, unknown>,
): CheckoutAnswer {
  return {
    status,
    contentType: PROBLEM_CONTENT_TYPE,
    body: { ...problem({ slug, title, status }), ...members, correlationId: context.correlationId },
  };
}
