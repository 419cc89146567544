// The orders repository port in memory: the same conditions the DynamoDB adapter (functions/orders/store/)
// puts on its writes, every value copied in and out as a stored item would be, and a log of the calls
// (one per DynamoDB call in the adapter) so a test can count what a use case asks of the table.
import { VersionConflictError } from '@commerce/lambda-kit/errors';
import type { OutboxItem } from '@commerce/lambda-kit/outbox';
import type { StartKey } from '@commerce/lambda-kit/pagination';
import type {
  Cart,
  CartCheckoutLock,
  CartCheckoutView,
  CartRecord,
} from '../../../../functions/orders/domain/cart.ts';
import type { CheckoutKey, CheckoutRecord } from '../../../../functions/orders/domain/checkout.ts';
import type { Order } from '../../../../functions/orders/domain/order.ts';
import type {
  AlongsideOrder,
  CartRepository,
  CheckoutRepository,
  OrderFilter,
  OrderPage,
  OrderRepository,
  OrdersRepository,
  PricingFacts,
  ReferenceDataRepository,
} from '../../../../functions/orders/domain/ports.ts';
import type { SkuRecord } from '../../../../functions/orders/domain/sku.ts';

const copy = <T>(value: T): T => structuredClone(value);
const keyOf = ({ scope, idempotencyKey }: CheckoutKey) => `${scope}\n${idempotencyKey}`;

/** An event as the outbox holds it: its detail type and data. */
export interface OutboxEvent {
  readonly detailType: string;
  readonly data: Record<string, unknown>;
}

export class InMemoryOrdersTable
  implements CartRepository, ReferenceDataRepository, CheckoutRepository, OrderRepository
{
  /** `<part>.<method>` per call, in order. */
  readonly calls: string[] = [];
  readonly #carts = new Map<string, CartRecord | 'closed'>();
  /** Per cart id: its checkout lock (kept when the cart is saved). */
  readonly #locks = new Map<string, CartCheckoutLock>();
  /** Closed carts: the order a checkout placed from them and the guest's secret hash. */
  readonly #closed = new Map<string, { orderId: string; secretHash: string | null }>();
  readonly #skus = new Map<string, SkuRecord>();
  readonly #segments = new Map<string, { segments: readonly string[]; version: number }>();
  readonly #checkouts = new Map<string, CheckoutRecord>();
  readonly #orders = new Map<string, Order>();
  readonly #numbers = new Map<string, string>();
  readonly #counters = new Map<number, number>();
  readonly #outbox: OutboxItem[] = [];
  readonly #now: () => Date;
  /**
   * Awaited when an order write arrives, before its condition is checked: a test interleaves another
   * step there (a concurrent writer) or throws to lose the write.
   */
  beforeSaveOrder: ((order: Order) => Promise<void>) | undefined;

  /** `now` is the clock the key's expiry is compared with (DynamoDB's own in the adapter). */
  constructor(now: () => Date) {
    this.#now = now;
  }

  /** The port, each part backed by this table. */
  get repository(): OrdersRepository {
    return { carts: this, referenceData: this, checkouts: this, orders: this };
  }

  // --- what a test reads -----------------------------------------------------------------------------

  order(id: string): Order | undefined {
    return copy(this.#orders.get(id));
  }

  allOrders(): Order[] {
    return [...this.#orders.values()].map(copy);
  }

  cart(id: string): CartRecord | undefined {
    const stored = this.#carts.get(id);
    return stored === 'closed' ? undefined : copy(stored);
  }

  /** Whether the cart is the mark of a closed account. */
  cartClosed(id: string): boolean {
    return this.#carts.get(id) === 'closed';
  }

  cartLock(id: string): CartCheckoutLock | undefined {
    return copy(this.#locks.get(id));
  }

  /** The order that closed the cart, if a checkout did. */
  closedBy(id: string): string | undefined {
    return this.#closed.get(id)?.orderId;
  }

  checkout(key: CheckoutKey): CheckoutRecord | undefined {
    return copy(this.#checkouts.get(keyOf(key)));
  }

  /** Every event written to the outbox so far, oldest first. */
  events(): OutboxEvent[] {
    return this.#outbox.map((item) => ({
      detailType: item.detailType,
      data: (JSON.parse(item.detail) as { data: Record<string, unknown> }).data,
    }));
  }

  /** The outbox items written so far, as the adapter would put them. */
  outboxItems(): OutboxItem[] {
    return copy(this.#outbox);
  }

  seedSku(record: SkuRecord): void {
    this.#skus.set(record.sku, copy(record));
  }

  // --- carts -----------------------------------------------------------------------------------------

  getCart(id: string): Promise<CartRecord | 'closed' | undefined> {
    this.calls.push('carts.getCart');
    return Promise.resolve(copy(this.#carts.get(id)));
  }

  closeCart(id: string): Promise<void> {
    this.calls.push('carts.closeCart');
    this.#carts.set(id, 'closed');
    return Promise.resolve();
  }

  saveCart(record: CartRecord, expectedVersion: number | undefined): Promise<void> {
    this.calls.push('carts.saveCart');
    if (!this.#cartAt(record.cart.id, expectedVersion)) return Promise.reject(new VersionConflictError());
    this.#carts.set(record.cart.id, copy(record));
    this.#closed.delete(record.cart.id);
    return Promise.resolve();
  }

  getCartForCheckout(id: string): Promise<CartCheckoutView | 'closed' | undefined> {
    this.calls.push('carts.getCartForCheckout');
    const record = this.#carts.get(id);
    if (record === 'closed') return Promise.resolve('closed');
    const closed = this.#closed.get(id);
    if (!record && !closed) return Promise.resolve(undefined);
    return Promise.resolve(
      copy({
        record,
        customerId: record?.cart.customerId ?? null,
        secretHash: record ? record.cart.secretHash : (closed?.secretHash ?? null),
        lock: this.#locks.get(id) ?? null,
        checkedOutBy: closed?.orderId ?? null,
      }),
    );
  }

  lockCart(id: string, lock: CartCheckoutLock, replacing: string | undefined): Promise<boolean> {
    this.calls.push('carts.lockCart');
    const held = this.#locks.get(id);
    const free =
      this.#carts.has(id) &&
      (!held || held.orderId === lock.orderId || (replacing !== undefined && held.orderId === replacing));
    if (free) this.#locks.set(id, copy(lock));
    return Promise.resolve(free);
  }

  unlockCart(id: string, orderId: string): Promise<void> {
    this.calls.push('carts.unlockCart');
    if (this.#locks.get(id)?.orderId === orderId) this.#locks.delete(id);
    return Promise.resolve();
  }

  mergeCarts(target: CartRecord, targetVersion: number | undefined, guest: Cart): Promise<void> {
    this.calls.push('carts.mergeCarts');
    if (!this.#cartAt(target.cart.id, targetVersion) || !this.#cartAt(guest.id, guest.version)) {
      return Promise.reject(new VersionConflictError());
    }
    this.#carts.delete(guest.id);
    this.#locks.delete(guest.id);
    this.#carts.set(target.cart.id, copy(target));
    this.#closed.delete(target.cart.id);
    return Promise.resolve();
  }

  /** Whether the stored cart is at `version` (undefined: there is none). */
  #cartAt(id: string, version: number | undefined): boolean {
    const stored = this.#carts.get(id);
    if (stored === 'closed') return false;
    return version === undefined ? !stored : stored?.cart.version === version;
  }

  // --- reference data --------------------------------------------------------------------------------

  getSku(sku: string): Promise<SkuRecord | undefined> {
    this.calls.push('referenceData.getSku');
    return Promise.resolve(copy(this.#skus.get(sku)));
  }

  loadForPricing(skus: readonly string[], customerId: string | null): Promise<PricingFacts> {
    this.calls.push('referenceData.loadForPricing');
    const found = new Map<string, SkuRecord>();
    for (const sku of skus) {
      const record = this.#skus.get(sku);
      if (record) found.set(sku, copy(record));
    }
    const segments = customerId === null ? [] : (this.#segments.get(customerId)?.segments ?? []);
    return Promise.resolve({ skus: found, segments: [...segments] });
  }

  saveSkus(records: readonly SkuRecord[]): Promise<void> {
    for (const record of records) {
      this.calls.push('referenceData.saveSkus');
      const stored = this.#skus.get(record.sku);
      if (!stored || stored.productVersion <= record.productVersion) this.#skus.set(record.sku, copy(record));
    }
    return Promise.resolve();
  }

  saveSegments(customerId: string, segments: readonly string[], version: number): Promise<void> {
    this.calls.push('referenceData.saveSegments');
    const stored = this.#segments.get(customerId);
    if (!stored || stored.version <= version)
      this.#segments.set(customerId, { segments: [...segments], version });
    return Promise.resolve();
  }

  deleteSegments(customerId: string): Promise<void> {
    this.calls.push('referenceData.deleteSegments');
    this.#segments.delete(customerId);
    return Promise.resolve();
  }

  // --- checkout keys ---------------------------------------------------------------------------------

  getCheckout(key: CheckoutKey): Promise<CheckoutRecord | undefined> {
    this.calls.push('checkouts.getCheckout');
    return Promise.resolve(copy(this.#checkouts.get(keyOf(key))));
  }

  claimCheckout(
    key: CheckoutKey,
    record: CheckoutRecord,
    previous: CheckoutRecord | undefined,
  ): Promise<boolean> {
    this.calls.push('checkouts.claimCheckout');
    const stored = this.#checkouts.get(keyOf(key));
    // As the adapter's conditions: the TTL attribute (seconds) before now, or the same lease still running.
    const seconds = (ms: number) => Math.floor(ms / 1000);
    const free =
      previous === undefined
        ? !stored || seconds(stored.expiresAt) < seconds(this.#now().getTime())
        : stored?.leaseUntil === previous.leaseUntil && stored.status === 'in_progress';
    if (free) this.#checkouts.set(keyOf(key), copy(record));
    return Promise.resolve(free);
  }

  saveCheckout(key: CheckoutKey, record: CheckoutRecord): Promise<void> {
    this.calls.push('checkouts.saveCheckout');
    this.#checkouts.set(keyOf(key), copy(record));
    return Promise.resolve();
  }

  // --- orders ----------------------------------------------------------------------------------------

  nextSequence(year: number): Promise<number> {
    this.calls.push('orders.nextSequence');
    const next = (this.#counters.get(year) ?? 0) + 1;
    this.#counters.set(year, next);
    return Promise.resolve(next);
  }

  getOrder(id: string): Promise<Order | undefined> {
    this.calls.push('orders.getOrder');
    return Promise.resolve(copy(this.#orders.get(id)));
  }

  findOrderIdByNumber(number: string): Promise<string | undefined> {
    this.calls.push('orders.findOrderIdByNumber');
    return Promise.resolve(this.#numbers.get(number));
  }

  createOrder(order: Order, events: readonly OutboxItem[]): Promise<boolean> {
    this.calls.push('orders.createOrder');
    if (this.#orders.has(order.id) || this.#numbers.has(order.number)) return Promise.resolve(false);
    this.#orders.set(order.id, copy(order));
    this.#numbers.set(order.number, order.id);
    this.#outbox.push(...copy(events));
    return Promise.resolve(true);
  }

  async saveOrder(
    order: Order,
    expectedVersion: number,
    events: readonly OutboxItem[],
    alongside: AlongsideOrder = {},
  ): Promise<void> {
    this.calls.push('orders.saveOrder');
    await this.beforeSaveOrder?.(order);
    if (this.#orders.get(order.id)?.version !== expectedVersion) {
      throw new VersionConflictError();
    }
    this.#orders.set(order.id, copy(order));
    this.#outbox.push(...copy(events));
    if (alongside.checkout) {
      this.#checkouts.set(keyOf(alongside.checkout.key), copy(alongside.checkout.record));
    }
    if (alongside.closeCart) {
      const { cartId, orderId, secretHash } = alongside.closeCart;
      this.#carts.delete(cartId);
      this.#locks.delete(cartId);
      this.#closed.set(cartId, { orderId, secretHash });
    }
  }

  listCustomerOrders(customerId: string, limit: number, start: StartKey | undefined): Promise<OrderPage> {
    this.calls.push('orders.listCustomerOrders');
    return Promise.resolve(this.#page((o) => o.customerId === customerId, limit, start));
  }

  listOrders(filter: OrderFilter, limit: number, start: StartKey | undefined): Promise<OrderPage> {
    this.calls.push('orders.listOrders');
    const page = this.#page(
      (o) =>
        (filter.status === undefined || o.status === filter.status) &&
        (filter.email === undefined || o.email.toLowerCase() === filter.email.toLowerCase()),
      limit,
      start,
    );
    return Promise.resolve(page);
  }

  #page(match: (order: Order) => boolean, limit: number, start: StartKey | undefined): OrderPage {
    const sorted = [...this.#orders.values()]
      .filter(match)
      .sort((a, b) => `${b.createdAt}#${b.id}`.localeCompare(`${a.createdAt}#${a.id}`));
    const from = typeof start?.['offset'] === 'number' ? start['offset'] : 0;
    const items = sorted.slice(from, from + limit).map(copy);
    return {
      items,
      lastKey: from + limit < sorted.length ? { offset: from + limit } : undefined,
    };
  }
}
