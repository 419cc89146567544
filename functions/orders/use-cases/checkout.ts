// Checkout: places the order for a cart once per Idempotency-Key, in five named steps, each with what undoes
// it when a later step fails:
//   1. claim the key      undone by releasing it (`#releaseKey`) when a step refuses before the order exists
//   2. price the cart     holds nothing: a refusal (cart not ready, SKU not for sale, no price) frees the key
//   3. reserve the stock  a refused reservation holds nothing: the key is freed at once
//   4. place the order    undone by cancelling the order: order.cancelled makes inventory release the stock
//   5. authorize payment  declined, refused or unreachable: the order is cancelled (payment_failed,
//                         payment_timeout), so the stock is released and payment voids what the gateway held
// The outcome is stored with the key in the last write and replayed to every retry with the same body; it
// is a fact, never an HTTP answer (http/checkout-answer.ts maps it). A first attempt that died half way is
// resumed by a retry after its lease: every step is idempotent on the order id chosen with the key (reserve
// answers the existing reservation, the order write is conditional, authorize answers the stored payment),
// so no retry can create a second order or charge.
import { isInternalError, type PaymentProviderName } from '@commerce/contracts';
import { ConflictError, DomainError, UnprocessableError } from '@commerce/lambda-kit/errors';
import { PeerUnavailableError } from '@commerce/lambda-kit/internal-client';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { checkoutAddresses, customerCartId, type CartRecord } from '../domain/cart.ts';
import {
  acceptedOutcome,
  authorizationVerdict,
  recordAcceptedPayment,
  type AuthorizationAnswer,
  type CheckoutKey,
  type CheckoutOutcome,
  type CheckoutRecord,
} from '../domain/checkout.ts';
import { IDEMPOTENCY_KEY_TTL_MS, idempotencyDecision, requestFingerprint } from '../domain/idempotency.ts';
import { newOrder } from '../domain/new-order.ts';
import {
  newOrderId,
  orderNumber,
  orderPaymentId,
  paymentIdOf,
  unchanged,
  type Order,
} from '../domain/order.ts';
import { cancel } from '../domain/order-cancellation.ts';
import type { OrdersRepository, Peers } from '../domain/ports.ts';
import type { PricedCart, PricedQuote } from './cart-pricing.ts';
import type { CartAccess, Carts } from './carts.ts';
import type { OrderWriter } from './order-writer.ts';

/** What the shopper sends to check out (the parsed body; its fingerprint guards the key). */
export interface CheckoutRequest {
  readonly payment: {
    readonly token: string;
    /** Settled before checkout (domain/payment-provider.ts): allowed on this stage, or its default. */
    readonly provider: PaymentProviderName;
    readonly returnUrl?: string | undefined;
  };
  readonly smsUpdates: boolean;
  readonly locale?: string | undefined;
}

export interface CheckoutOptions {
  /** How long checkout holds stock for an order awaiting payment. */
  readonly holdSeconds: number;
  /** How long a checkout in progress keeps its key from a retry; past it a retry resumes it. */
  readonly leaseMs: number;
  readonly now: () => Date;
}

/** The cart as checkout freezes it: priced, with a shipping method, the addresses and the email. */
interface ReadyCart {
  readonly record: CartRecord;
  readonly priced: PricedCart;
  readonly quote: PricedQuote & { readonly shippingMethod: string };
  readonly addresses: ReturnType<typeof checkoutAddresses>;
  readonly email: string;
}

export class Checkout {
  readonly #repository: Pick<OrdersRepository, 'checkouts' | 'orders'>;
  readonly #peers: Pick<Peers, 'reserve' | 'authorize'>;
  readonly #carts: Carts;
  readonly #writer: OrderWriter;
  readonly #options: CheckoutOptions;

  constructor(
    repository: Pick<OrdersRepository, 'checkouts' | 'orders'>,
    peers: Pick<Peers, 'reserve' | 'authorize'>,
    carts: Carts,
    writer: OrderWriter,
    options: CheckoutOptions,
  ) {
    this.#repository = repository;
    this.#peers = peers;
    this.#carts = carts;
    this.#writer = writer;
    this.#options = options;
  }

  /**
   * Places the order for the caller's cart, once per key: a retry with the same key and body gets the first
   * outcome again, the same key with another body a 422, a retry while the first still runs a 409.
   */
  async checkout(
    access: CartAccess,
    idempotencyKey: string,
    request: CheckoutRequest,
    context: EventContext,
  ): Promise<CheckoutOutcome> {
    const key: CheckoutKey = {
      scope: access.kind === 'guest' ? `cart:${access.cartId}` : `customer:${access.customerId}`,
      idempotencyKey,
    };
    const fingerprint = requestFingerprint({
      cart: access.kind === 'guest' ? access.cartId : 'mine',
      body: request,
    });
    const claimed = await this.#claimKey(key, fingerprint);
    if ('replay' in claimed) return claimed.replay;
    const { claim, resumed } = claimed;

    // Only a resumed checkout can find its order written already.
    let order = resumed ? await this.#repository.orders.getOrder(claim.orderId) : undefined;
    if (!order) {
      const placed = await this.#priceReserveAndPlace(access, claim.orderId, request, context).catch(
        async (error: unknown) => {
          // A refusal changed nothing: free the key at once rather than hold it for the lease, so the shopper
          // can fix the cart and retry with it.
          if (error instanceof DomainError) await this.#releaseKey(key, claim);
          throw error;
        },
      );
      if ('refused' in placed) {
        await this.#releaseKey(key, claim, placed.refused);
        return placed.refused;
      }
      order = placed.order;
    }
    const cartId = access.kind === 'guest' ? access.cartId : customerCartId(access.customerId);
    return this.#authorize(order, { key, claim, cartId }, request, context);
  }

  // --- 1. claim the key --------------------------------------------------------------------------------

  /**
   * Claims the key for this request (a new order id), or takes over an abandoned claim (its order id), or
   * answers the outcome an earlier request with the key reached. 422 for another body, 409 while it runs.
   */
  async #claimKey(
    key: CheckoutKey,
    fingerprint: string,
  ): Promise<{ replay: CheckoutOutcome } | { claim: CheckoutRecord; resumed: boolean }> {
    const now = this.#options.now();
    const existing = await this.#repository.checkouts.getCheckout(key);
    const decision = idempotencyDecision(existing, fingerprint, now);
    if (decision.kind === 'replay') return { replay: decision.outcome };
    const previous = decision.kind === 'resume' ? decision.record : undefined;
    const claim: CheckoutRecord = {
      fingerprint,
      status: 'in_progress',
      orderId: previous?.orderId ?? newOrderId(),
      leaseUntil: now.getTime() + this.#options.leaseMs,
      expiresAt: now.getTime() + IDEMPOTENCY_KEY_TTL_MS,
    };
    if (!(await this.#repository.checkouts.claimCheckout(key, claim, previous))) {
      throw new ConflictError(
        'A request with this Idempotency-Key is still being processed; retry shortly.',
        'idempotency-request-in-progress',
      );
    }
    return { claim, resumed: previous !== undefined };
  }

  /** Undoes the claim: the key's record expires now (with the outcome when there is one to record). */
  async #releaseKey(key: CheckoutKey, claim: CheckoutRecord, outcome?: CheckoutOutcome): Promise<void> {
    const record: CheckoutRecord = outcome ? { ...claim, status: 'completed', outcome } : claim;
    await this.#repository.checkouts.saveCheckout(key, { ...record, expiresAt: 0 });
  }

  /** Steps 2 to 4: a refused reservation ends here with its outcome, anything else with the order. */
  async #priceReserveAndPlace(
    access: CartAccess,
    orderId: string,
    request: CheckoutRequest,
    context: EventContext,
  ): Promise<{ order: Order } | { refused: CheckoutOutcome }> {
    const ready = await this.#price(access, context);
    const refused = await this.#reserve(orderId, ready, context);
    if (refused) return { refused };
    return { order: await this.#place(orderId, ready, request, context) };
  }

  // --- 2. price the cart -------------------------------------------------------------------------------

  /** The cart re-priced now; 422 when it is not ready (compensation: the caller frees the key). */
  async #price(access: CartAccess, context: EventContext): Promise<ReadyCart> {
    const record = await this.#carts.load(access);
    const addresses = checkoutAddresses(record.cart);
    // A customer's email is the account's, and the authorizer hands it on only once it is verified.
    const email = access.kind === 'customer' ? access.email : (record.email ?? undefined);
    if (email === undefined && access.kind === 'customer') {
      throw new UnprocessableError(
        'Verify your account’s email address before checkout: the order’s messages go there.',
        'email-not-verified',
      );
    }
    if (email === undefined) {
      throw new UnprocessableError('Add an email address for the order’s messages.', 'email-required');
    }
    // One read of the SKUs (and segments) serves the quote and the order lines' titles.
    const priced = await this.#carts.price(record, context.correlationId);
    const issue = priced.issues[0];
    if (issue !== undefined || priced.quote === null || priced.quote.shippingMethod === null) {
      throw new UnprocessableError(
        issue?.detail ?? 'The cart cannot be priced.',
        issue?.code ?? 'cart-not-ready',
      );
    }
    const { quote } = priced;
    const shippingMethod = quote.shippingMethod;
    if (shippingMethod === null) throw new UnprocessableError('Choose a shipping method.', 'cart-not-ready');
    return { record, priced, quote: { ...quote, shippingMethod }, addresses, email };
  }

  // --- 3. reserve the stock ----------------------------------------------------------------------------

  /**
   * Holds every line for the order (all or none, idempotent on the order id). A refusal is the outcome
   * (compensation: nothing is held, the caller frees the key); a hold not followed by an order ends when it
   * expires.
   */
  async #reserve(
    orderId: string,
    { record }: ReadyCart,
    context: EventContext,
  ): Promise<CheckoutOutcome | undefined> {
    const reserved = await this.#peers.reserve({
      orderId,
      lines: record.cart.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      holdForSeconds: this.#options.holdSeconds,
      correlationId: context.correlationId,
    });
    if (!isInternalError(reserved)) return undefined;
    return { kind: 'reservation-refused', refusal: reserved.error, correlationId: context.correlationId };
  }

  // --- 4. place the order ------------------------------------------------------------------------------

  /**
   * Writes the order (pending_payment) with its number and order.created. Compensation: cancelling it
   * (step 5's failures), which releases the stock through order.cancelled.
   */
  async #place(
    orderId: string,
    { record, priced, quote, addresses, email }: ReadyCart,
    request: CheckoutRequest,
    context: EventContext,
  ): Promise<Order> {
    const { cart } = record;
    const { shippingAddress, billingAddress } = addresses;
    const now = this.#options.now();
    const number = orderNumber(await this.#repository.orders.nextSequence(now.getUTCFullYear()), now);
    const transition = newOrder(
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
        paymentProvider: request.payment.provider,
        paymentId: paymentIdOf(orderId),
        taxIncluded: quote.taxMode === 'inclusive',
        shippingMethod: quote.shippingMethod,
        totalWeightGrams: Math.max(1, priced.totalWeightGrams),
        contact: {
          smsUpdates: request.smsUpdates,
          ...(shippingAddress.phone === undefined ? {} : { phone: shippingAddress.phone }),
          ...(request.locale === undefined ? {} : { locale: request.locale }),
        },
      },
      { at: now, ...(cart.customerId === null ? {} : { actor: cart.customerId }) },
    );
    const { order } = transition;
    if (order.totals.grandTotal !== quote.grandTotal) {
      throw new Error(`Order total ${order.totals.grandTotal} differs from the quote's ${quote.grandTotal}`);
    }
    const created = await this.#writer.create(transition, context, now);
    return created ? order : ((await this.#repository.orders.getOrder(orderId)) ?? order);
  }

  // --- 5. authorize the payment ------------------------------------------------------------------------

  /**
   * Asks the gateway to hold the order's amount and settles the checkout on what it said, in one write: the
   * order (its payment recorded, or cancelled), the key finished with the outcome, and on success the cart
   * deleted. Compensation for a decline, a refusal or an unreachable gateway: the order is cancelled.
   */
  async #authorize(
    order: Order,
    { key, claim, cartId }: { key: CheckoutKey; claim: CheckoutRecord; cartId: string },
    request: CheckoutRequest,
    context: EventContext,
  ): Promise<CheckoutOutcome> {
    const finish = (outcome: CheckoutOutcome) => ({
      key,
      record: { ...claim, status: 'completed' as const, outcome },
    });
    if (order.status !== 'pending_payment' || order.payment.status === 'authorized') {
      // A resumed checkout whose payment was settled already: answer what the order says now.
      const outcome: CheckoutOutcome = { kind: 'already-settled', order };
      await this.#writer.save(unchanged(order), order.version, context, { checkout: finish(outcome) });
      return outcome;
    }
    const verdict = authorizationVerdict(
      await this.#askGateway(order, request, context),
      order.id,
      context.correlationId,
    );
    if ('cancel' in verdict) {
      const { cancel: reason, outcome } = verdict;
      await this.#writer.apply(
        order.id,
        context,
        (o) =>
          o.status === 'pending_payment'
            ? cancel(o, reason, { at: this.#options.now(), reason, actor: 'payment' })
            : unchanged(o),
        { alongside: () => ({ checkout: finish(outcome) }), current: order },
      );
      return outcome;
    }
    const { accepted } = verdict;
    const settled = await this.#writer.apply(
      order.id,
      context,
      (o) => recordAcceptedPayment(o, accepted, { at: this.#options.now() }),
      {
        alongside: (o) => ({ checkout: finish(acceptedOutcome(o, accepted)), deleteCart: cartId }),
        current: order,
      },
    );
    return acceptedOutcome(settled ?? order, accepted);
  }

  /** Asks payment to hold the order's amount (idempotent per payment id); no answer is an answer too. */
  async #askGateway(
    order: Order,
    request: CheckoutRequest,
    context: EventContext,
  ): Promise<AuthorizationAnswer> {
    try {
      return await this.#peers.authorize({
        paymentId: orderPaymentId(order),
        orderId: order.id,
        amount: order.totals.grandTotal,
        currency: order.currency,
        // Checkout took it from the same list (schemas.ts, checkoutBody); the order keeps it as a string.
        provider: order.payment.provider as PaymentProviderName,
        paymentMethodToken: request.payment.token,
        customerEmail: order.email,
        ...(request.payment.returnUrl === undefined ? {} : { returnUrl: request.payment.returnUrl }),
        correlationId: context.correlationId,
      });
    } catch (error) {
      if (error instanceof PeerUnavailableError) return { unavailable: true };
      throw error;
    }
  }
}
