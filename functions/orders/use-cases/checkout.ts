// Checkout: places the order for a cart once per Idempotency-Key and once per cart, in five named steps, each
// with what undoes it when a later step fails. The cart is read first (a guest's secret checked) so a caller
// who may not use the cart never touches the key's record.
//   1. claim the key      undone by releasing it (`#releaseKey`) when a step refuses before the order exists
//      and lock the cart  to the key's order id (one checkout per cart: another key gets 409 naming the
//                         order); freed with the key, and stale once that order is cancelled
//   2. price the cart     holds nothing: a refusal (cart not ready, SKU not for sale, no price) frees the key
//   3. reserve the stock  a refused reservation holds nothing: the key is freed at once
//      and promotions    refused (one ran out): the stock goes back, the key is freed (promotion-hold.ts)
//   4. place the order    undone by cancelling the order: order.cancelled makes inventory release the stock
//   5. authorize payment  declined, refused or unreachable: the order is cancelled (payment_failed,
//                         payment_timeout), so the stock is released and payment voids what the gateway held;
//                         authorized: inventory keeps the stock held until the capture (`extend`), and a hold
//                         that is gone cancels the order (reservation_expired) and payment voids
// The outcome is stored with the key in the last write and replayed to every retry with the same body; it
// is a fact, never an HTTP answer (http/checkout-answer.ts maps it). A first attempt that died half way is
// resumed by a retry after its lease: every step is idempotent on the order id chosen with the key (the lock
// is already ours, reserve answers the existing reservation, the order write is conditional, authorize
// answers the stored payment), so no retry can create a second order or charge; and a resumed checkout
// whose stock hold ran out meanwhile refuses (reservation-expired) rather than authorize a payment for it.
import { isInternalError, type PaymentProviderName } from '@commerce/contracts';
import { ConflictError, DomainError, NotFoundError, UnprocessableError } from '@commerce/lambda-kit/errors';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import { checkoutAddresses, type CartRecord } from '../domain/cart.ts';
import {
  acceptedOutcome,
  authorizationVerdict,
  recordAcceptedPayment,
  type CheckoutKey,
  type CheckoutOutcome,
  type CheckoutRecord,
} from '../domain/checkout.ts';
import { IDEMPOTENCY_KEY_TTL_MS, idempotencyDecision, requestFingerprint } from '../domain/idempotency.ts';
import { newOrder } from '../domain/new-order.ts';
import { newOrderId, orderNumber, paymentIdOf, unchanged, type Order } from '../domain/order.ts';
import { cancel } from '../domain/order-cancellation.ts';
import type { CancelReason } from '../domain/order-events.ts';
import type { OrdersRepository, Peers } from '../domain/ports.ts';
import { CartLocks, type OpenedCart } from './cart-locks.ts';
import { orderLinesOf, type PricedCart, type PricedQuote } from './cart-pricing.ts';
import type { CartAccess, Carts } from './carts.ts';
import type { OrderWriter } from './order-writer.ts';
import { askGateway } from './payment-step.ts';
import { holdPromotions } from './promotion-hold.ts';
import { StockHold } from './stock-hold.ts';

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

export type CheckoutPeers = Pick<Peers, 'reserve' | 'release' | 'authorize' | 'extend' | 'reservePromotions'>;

/** The cart with what checkout needs of it before anything is held: the addresses and the email. */
interface CheckedCart {
  readonly record: CartRecord;
  readonly addresses: ReturnType<typeof checkoutAddresses>;
  readonly email: string;
}

/** The cart as checkout freezes it: priced, with a shipping method, the addresses and the email. */
interface ReadyCart extends CheckedCart {
  readonly priced: PricedCart;
  readonly quote: PricedQuote & { readonly shippingMethod: string };
}

/** The checkout's key and claim, and the cart it locks. */
interface Attempt {
  readonly key: CheckoutKey;
  readonly claim: CheckoutRecord;
  readonly cart: OpenedCart;
}

export class Checkout {
  readonly #repository: Pick<OrdersRepository, 'carts' | 'checkouts' | 'orders'>;
  readonly #peers: CheckoutPeers;
  readonly #locks: CartLocks;
  readonly #hold: StockHold;
  readonly #carts: Carts;
  readonly #writer: OrderWriter;
  readonly #options: CheckoutOptions;

  constructor(
    repository: Pick<OrdersRepository, 'carts' | 'checkouts' | 'orders'>,
    peers: CheckoutPeers,
    carts: Carts,
    writer: OrderWriter,
    options: CheckoutOptions,
  ) {
    this.#repository = repository;
    this.#peers = peers;
    this.#locks = new CartLocks(repository, options.now);
    this.#hold = new StockHold(peers, options.now);
    this.#carts = carts;
    this.#writer = writer;
    this.#options = options;
  }

  /**
   * Places the order for the caller's cart, once per key and once per cart: a retry with the same key and
   * body gets the first outcome again, the same key with another body a 422, a retry while the first still
   * runs a 409, another key for a cart whose checkout holds it a 409 naming that checkout's order.
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
    // The cart first: a guest without its secret gets a 404 and the key's record is never read or written.
    const cart = await this.#carts.openForCheckout(access);
    const fingerprint = requestFingerprint({
      cart: access.kind === 'guest' ? access.cartId : 'mine',
      body: request,
    });
    const claimed = await this.#claimKey(key, fingerprint);
    if ('replay' in claimed) return this.#asItStands(claimed.replay);
    const { claim, resumed } = claimed;
    const attempt: Attempt = { key, claim, cart };

    // Only a resumed checkout can find its order written already (it held the lock to write it).
    let order = resumed ? await this.#repository.orders.getOrder(claim.orderId) : undefined;
    if (order) {
      const gone = await this.#hold.gone(order, context.correlationId);
      if (gone) return this.#cancelAndFinish(order, attempt, 'reservation_expired', gone, context);
    } else {
      const placed = await this.#lockPriceReserveAndPlace(attempt, access, context, request).catch(
        async (error: unknown) => {
          // A refusal changed nothing: free the key and the cart at once rather than hold them for the
          // lease, so the shopper can fix the cart and retry with the key.
          if (error instanceof DomainError) await this.#undo(attempt);
          throw error;
        },
      );
      if ('refused' in placed) {
        await this.#undo(attempt, placed.refused);
        return placed.refused;
      }
      order = placed.order;
    }
    return this.#authorize(order, attempt, request, context);
  }

  /**
   * A replay of a checkout that waited for the shopper's action (3-D Secure) answers the order as it stands
   * once the gateway's webhook moved it on (paid, or cancelled for a failed challenge): the page that waits
   * learns the outcome by repeating its request, as a guest can read the order no other way. One read, and
   * only for such replays.
   */
  async #asItStands(outcome: CheckoutOutcome): Promise<CheckoutOutcome> {
    if (outcome.kind !== 'requires-action') return outcome;
    const order = await this.#repository.orders.getOrder(outcome.order.id);
    if (!order || order.status === outcome.order.status) return outcome;
    return { kind: 'already-settled', order };
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

  /**
   * Undoes the claim and the lock: the key's record expires now (with the outcome when there is one to
   * record), and the cart's lock goes if it is this checkout's.
   */
  async #undo({ key, claim, cart }: Attempt, outcome?: CheckoutOutcome): Promise<void> {
    const record: CheckoutRecord = outcome ? { ...claim, status: 'completed', outcome } : claim;
    await this.#repository.checkouts.saveCheckout(key, { ...record, expiresAt: 0 });
    if (outcome?.kind !== 'cart-locked') await this.#locks.unlock(cart.cartId, claim.orderId);
  }

  /** Steps 1 (the lock) to 4: a refusal ends here with its outcome, anything else with the order. */
  async #lockPriceReserveAndPlace(
    attempt: Attempt,
    access: CartAccess,
    context: EventContext,
    request: CheckoutRequest,
  ): Promise<{ order: Order } | { refused: CheckoutOutcome }> {
    const { cart, claim } = attempt;
    // What needs no peer is checked before the cart is locked (a closed cart is answered by the lock).
    const checked = cart.record && !cart.checkedOutBy ? this.#check(access, cart.record) : undefined;
    const locked = await this.#locks.lock(cart, claim, context.correlationId);
    if (locked) return { refused: locked };
    if (!checked) throw new NotFoundError('No such cart, or the cart secret does not match.');
    const ready = await this.#price(checked, claim.orderId, context);
    const refused =
      (await this.#reserve(claim.orderId, ready, context)) ??
      (await holdPromotions(this.#peers, claim.orderId, ready, context.correlationId));
    if (refused) return { refused };
    return { order: await this.#place(claim.orderId, ready, request, context) };
  }

  // --- 2. price the cart -------------------------------------------------------------------------------

  /** The addresses and the email; 422 when the cart lacks them (compensation: the caller frees the key). */
  #check(access: CartAccess, record: CartRecord): CheckedCart {
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
    return { record, addresses, email };
  }

  /** The cart re-priced now; 422 when it is not ready (compensation: the caller frees the key). */
  async #price(
    { record, addresses, email }: CheckedCart,
    orderId: string,
    context: EventContext,
  ): Promise<ReadyCart> {
    // One read of the SKUs serves the quote and the titles; with the order id, its own redemptions are no bar.
    const priced = await this.#carts.price(record, context.correlationId, orderId);
    const issue = priced.issues[0];
    const { quote } = priced;
    const shippingMethod = quote?.shippingMethod;
    if (issue !== undefined || !quote || !shippingMethod) {
      throw new UnprocessableError(
        issue?.detail ?? 'The cart cannot be priced.',
        issue?.code ?? 'cart-not-ready',
      );
    }
    return { record, priced, quote: { ...quote, shippingMethod }, addresses, email };
  }

  // --- 3. reserve the stock ----------------------------------------------------------------------------

  /**
   * Holds every line for the order (all or none, idempotent on the order id). A refusal is the outcome (nothing
   * is held, the caller frees the key); a hold not followed by an order ends when it expires.
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
        lines: orderLinesOf(priced, quote),
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
   * closed. An authorized payment first has inventory keep the stock held until the capture. Compensation
   * for a decline, a refusal, an unreachable gateway or a hold that is gone: the order is cancelled.
   */
  async #authorize(
    order: Order,
    attempt: Attempt,
    request: CheckoutRequest,
    context: EventContext,
  ): Promise<CheckoutOutcome> {
    if (order.status !== 'pending_payment' || order.payment.status === 'authorized') {
      // A resumed checkout whose payment was settled already: answer what the order says now.
      const outcome: CheckoutOutcome = { kind: 'already-settled', order };
      await this.#writer.save(unchanged(order), order.version, context, {
        checkout: this.#finished(attempt, outcome),
      });
      return outcome;
    }
    const verdict = authorizationVerdict(
      await askGateway(this.#peers, order, request, context),
      order.id,
      context.correlationId,
    );
    if ('cancel' in verdict) {
      return this.#cancelAndFinish(order, attempt, verdict.cancel, verdict.outcome, context);
    }
    const { accepted } = verdict;
    if (
      accepted.payment.status === 'authorized' &&
      !(await this.#hold.keep(order.id, context.correlationId))
    ) {
      // The units may be sold to someone else: no order on them. Payment voids on order.cancelled.
      const outcome = {
        kind: 'reservation-expired',
        orderId: order.id,
        correlationId: context.correlationId,
      };
      return this.#cancelAndFinish(
        order,
        attempt,
        'reservation_expired',
        outcome as CheckoutOutcome,
        context,
      );
    }
    const { cart, claim } = attempt;
    const settled = await this.#writer.apply(
      order.id,
      context,
      (o) => recordAcceptedPayment(o, accepted, { at: this.#options.now() }),
      {
        alongside: (o) => ({
          checkout: this.#finished(attempt, acceptedOutcome(o, accepted)),
          closeCart: { cartId: cart.cartId, orderId: claim.orderId, secretHash: cart.secretHash },
        }),
        current: order,
      },
    );
    return acceptedOutcome(settled ?? order, accepted);
  }

  /** The key's record finished with the outcome (written with the order). */
  #finished({ key, claim }: Attempt, outcome: CheckoutOutcome) {
    return { key, record: { ...claim, status: 'completed' as const, outcome } };
  }

  /**
   * Cancels the order (still pending payment) and finishes the key with the outcome, in one write; then frees
   * the cart's lock (a cancelled order's lock is stale anyway).
   */
  async #cancelAndFinish(
    order: Order,
    attempt: Attempt,
    reason: CancelReason,
    outcome: CheckoutOutcome,
    context: EventContext,
  ): Promise<CheckoutOutcome> {
    await this.#writer.apply(
      order.id,
      context,
      (o) =>
        o.status === 'pending_payment'
          ? cancel(o, reason, {
              at: this.#options.now(),
              reason,
              actor: reason === 'reservation_expired' ? 'inventory' : 'payment',
            })
          : unchanged(o),
      { alongside: () => ({ checkout: this.#finished(attempt, outcome) }), current: order },
    );
    await this.#locks.unlock(attempt.cart.cartId, order.id);
    return outcome;
  }
}
