// The orders service's ports: the repository (its table: carts, what it knows of SKUs and customers'
// segments, Idempotency-Keys, orders) and the peers (the other services' internal functions). The use cases
// see only these; runtime.ts wires the DynamoDB store (store.ts) and the typed clients (peers.ts), unit
// tests in-memory stand-ins.
import type {
  InternalContract,
  InternalResult,
  ReplyOf,
  RequestOf,
  inventoryExtend,
  inventoryRelease,
  inventoryReserve,
  paymentAuthorize,
  paymentCapture,
  paymentRefund,
  paymentVoid,
  pricingQuote,
  promotionsRelease,
  promotionsReserve,
  shippingCancelShipment,
  shippingQuoteRates,
} from '@commerce/contracts';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { StartKey, StoredPage } from '@commerce/lambda-kit/pagination';
import type { Cart, CartCheckoutLock, CartCheckoutView, CartRecord } from './cart.ts';
import type { CheckoutKey, CheckoutRecord } from './checkout.ts';
import type { Order, OrderStatus } from './order.ts';
import type { SkuRecord } from './sku.ts';

// ---------------------------------------------------------------------------------------------------------
// The repository. A write refused because the stored item moved on throws VersionConflictError.

export interface CartRepository {
  /** The cart; `closed` for the cart of a customer who closed their account (customer.deleted). */
  getCart(id: string): Promise<CartRecord | 'closed' | undefined>;
  /**
   * Replaces a customer's cart by the mark that the account is closed, so that the account's access
   * tokens, still valid for a few minutes, can create or change no cart and check nothing out.
   */
  closeCart(id: string): Promise<void>;
  /** Writes the cart if the stored one is still at `expectedVersion` (undefined: it must not exist). */
  saveCart(record: CartRecord, expectedVersion: number | undefined): Promise<void>;
  /** Saves the customer's cart and deletes the guest's (still at its version), in one transaction. */
  mergeCarts(target: CartRecord, targetVersion: number | undefined, guest: Cart): Promise<void>;
  /** The cart's item as checkout sees it (a consistent read), closed carts included; undefined: none. */
  /** The cart as checkout reads it; 'closed' for the mark of a closed account (customer.deleted). */
  getCartForCheckout(id: string): Promise<CartCheckoutView | 'closed' | undefined>;
  /**
   * Locks the cart to a checkout if it is open and its lock is free, already this order's, or the stale
   * lock of `replacing` (as read). False when the cart is gone or closed or someone else locked it first.
   * Saving the cart keeps its lock.
   */
  lockCart(id: string, lock: CartCheckoutLock, replacing: string | undefined): Promise<boolean>;
  /** Frees the cart's lock if it is still this order's (nothing happens otherwise). */
  unlockCart(id: string, orderId: string): Promise<void>;
}

/** What pricing a cart needs from the table: its SKUs and, for a customer, their price segments. */
export interface PricingFacts {
  readonly skus: ReadonlyMap<string, SkuRecord>;
  readonly segments: readonly string[];
}

/** What orders knows of products (product.* events) and customers (customer.* events). */
export interface ReferenceDataRepository {
  getSku(sku: string): Promise<SkuRecord | undefined>;
  /** The SKUs and the customer's segments in one read. */
  loadForPricing(skus: readonly string[], customerId: string | null): Promise<PricingFacts>;
  /** Records a product's SKUs unless a newer version of the product is recorded already. */
  saveSkus(records: readonly SkuRecord[]): Promise<void>;
  /** Records a customer's segments unless a newer version is recorded already. */
  saveSegments(customerId: string, segments: readonly string[], version: number): Promise<void>;
  deleteSegments(customerId: string): Promise<void>;
}

export interface CheckoutRepository {
  /** The key's record as last written (a consistent read). */
  getCheckout(key: CheckoutKey): Promise<CheckoutRecord | undefined>;
  /**
   * Claims a key for a first request (none stored, or the stored one expired), or takes over an abandoned
   * claim, `previous` as read (still in progress with the same lease). False when someone else claimed or
   * completed it in between.
   */
  claimCheckout(
    key: CheckoutKey,
    record: CheckoutRecord,
    previous: CheckoutRecord | undefined,
  ): Promise<boolean>;
  /** Writes the key's record as it is (frees the key when the record has expired). */
  saveCheckout(key: CheckoutKey, record: CheckoutRecord): Promise<void>;
}

/** Writes that go in the same transaction as an order's (a successful checkout's last write). */
export interface AlongsideOrder {
  /** The checkout's key, finished with its outcome. */
  readonly checkout?: { readonly key: CheckoutKey; readonly record: CheckoutRecord };
  /**
   * The cart the order was placed from, closed: its content goes, a marker naming the order stays (a day)
   * so another checkout of it is answered with that order.
   */
  readonly closeCart?: {
    readonly cartId: string;
    readonly orderId: string;
    readonly secretHash: string | null;
  };
}

export interface OrderFilter {
  readonly status?: OrderStatus | undefined;
  /** Matched case-insensitively. */
  readonly email?: string | undefined;
}

export type OrderPage = StoredPage<Order>;

export interface OrderRepository {
  /** The next order-number sequence for `year` (one atomic counter per year). */
  nextSequence(year: number): Promise<number>;
  /** The order as last written (a consistent read). */
  getOrder(id: string): Promise<Order | undefined>;
  findOrderIdByNumber(number: string): Promise<string | undefined>;
  /** Creates the order, its number and its events in one transaction; false when the order exists already. */
  createOrder(order: Order, events: readonly OutboxItem[]): Promise<boolean>;
  /** Writes the order if the stored one is at `expectedVersion`, with its events and `alongside`, at once. */
  saveOrder(
    order: Order,
    expectedVersion: number,
    events: readonly OutboxItem[],
    alongside?: AlongsideOrder,
  ): Promise<void>;
  /** A customer's orders, newest first. */
  listCustomerOrders(customerId: string, limit: number, start: StartKey | undefined): Promise<OrderPage>;
  /** Every order, newest first, optionally only those matching `filter`. */
  listOrders(filter: OrderFilter, limit: number, start: StartKey | undefined): Promise<OrderPage>;
}

/** The orders table, by concern. */
export interface OrdersRepository {
  readonly carts: CartRepository;
  readonly referenceData: ReferenceDataRepository;
  readonly checkouts: CheckoutRepository;
  readonly orders: OrderRepository;
}

// ---------------------------------------------------------------------------------------------------------
// The peers. Each call answers the callee's reply or its refusal as `{ error }` (the contract's problem:
// status, type, title, detail and its extensions), so a refusal is an answer the use case decides on. A
// callee that did not answer (an error, throttling, a timeout: its effect is unknown) rejects the call with
// PeerUnavailableError (@commerce/lambda-kit/internal-client), never with `{ error }`.

type Answer<C extends InternalContract> = Promise<InternalResult<ReplyOf<C>>>;

export interface PricingPeer {
  /** The basket's prices, discounts, tax, shipping and totals. Refuses 422 what it cannot price. */
  quote(request: RequestOf<typeof pricingQuote>): Answer<typeof pricingQuote>;
}

export interface ShippingPeer {
  /** The methods that ship a cart to its destination, cheapest first. */
  quoteRates(request: RequestOf<typeof shippingQuoteRates>): Answer<typeof shippingQuoteRates>;
  /** Stops the order's shipment at its carrier; idempotent. 409 shipment-too-late-to-cancel. */
  cancelShipment(request: RequestOf<typeof shippingCancelShipment>): Answer<typeof shippingCancelShipment>;
}

export interface InventoryPeer {
  /** Holds stock for every line of an order or for none; idempotent per order id. 409 insufficient-stock. */
  reserve(request: RequestOf<typeof inventoryReserve>): Answer<typeof inventoryReserve>;
  /** Keeps an order's units held until its authorized payment is captured. 422 when no longer held. */
  extend(request: RequestOf<typeof inventoryExtend>): Answer<typeof inventoryExtend>;
  /** Gives an order's held units back at once (a checkout that will place no order). */
  release(request: RequestOf<typeof inventoryRelease>): Answer<typeof inventoryRelease>;
}

export interface PromotionsPeer {
  /**
   * Reserves every promotion an order uses, all or none, each within its limits (conditional writes);
   * idempotent per order. 409 promotion-limit-reached names the promotion and the limit.
   */
  reservePromotions(request: RequestOf<typeof promotionsReserve>): Answer<typeof promotionsReserve>;
  /** Gives back what an order reserved when no order will be placed; releasing again changes nothing. */
  releasePromotions(request: RequestOf<typeof promotionsRelease>): Answer<typeof promotionsRelease>;
}

export interface PaymentPeer {
  /** Holds the order's amount; idempotent per payment id. A decline is a reply (status failed). */
  authorize(request: RequestOf<typeof paymentAuthorize>): Answer<typeof paymentAuthorize>;
  /** Takes what was authorized; capturing again answers the stored capture. */
  capture(request: RequestOf<typeof paymentCapture>): Answer<typeof paymentCapture>;
  /** Lets an authorization go; voiding again answers the voided payment. */
  void(request: RequestOf<typeof paymentVoid>): Answer<typeof paymentVoid>;
  /** Gives back part or all of what was captured; idempotent per refund id. */
  refund(request: RequestOf<typeof paymentRefund>): Answer<typeof paymentRefund>;
}

export interface Peers extends PricingPeer, ShippingPeer, InventoryPeer, PaymentPeer, PromotionsPeer {}
