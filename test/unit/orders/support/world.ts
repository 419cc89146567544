// The orders use cases on in-memory ports, with a clock the test moves, a published SKU in stock and a way
// to make a cart ready for checkout through the carts use case.
import { DomainError } from '@commerce/lambda-kit/errors';
import type { EventContext } from '@commerce/lambda-kit/publisher';
import type { PostalAddress } from '../../../../functions/orders/domain/address.ts';
import { ordersUseCases } from '../../../../functions/orders/orders.ts';
import type { CartAccess } from '../../../../functions/orders/use-cases/carts.ts';
import type { CheckoutRequest } from '../../../../functions/orders/use-cases/checkout.ts';
import { FakePeers, STANDARD_SHIPPING } from './fake-peers.ts';
import { InMemoryOrdersTable } from './in-memory-table.ts';

export const SKU = 'TEE-M';
/** The catalog product of SKU, as orders keeps it. */
export const PRODUCT_ID = 'prod-tee';
export const UNIT_PRICE = 2000;
export const LEASE_MS = 60_000;
export const HOLD_SECONDS = 900;
export const REFUND_APPROVAL_ABOVE = 1000;

export const ADDRESS: PostalAddress = {
  name: 'Ada Lovelace',
  line1: 'Unter den Linden 1',
  city: 'Berlin',
  postalCode: '10117',
  country: 'DE',
};

export const APPROVE: CheckoutRequest = {
  payment: { token: 'tok_sandbox_approve', provider: 'sandbox' },
  smsUpdates: false,
};

export const context: EventContext = { correlationId: 'corr-checkout-1' };

export function ordersWorld() {
  let now = Date.parse('2026-03-01T10:00:00.000Z');
  const clock = {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
  const table = new InMemoryOrdersTable(clock.now);
  const peers = new FakePeers(clock.now);
  const useCases = ordersUseCases(
    { repository: table.repository, peers },
    {
      homeCountry: 'DE',
      defaultCurrency: 'EUR',
      holdSeconds: HOLD_SECONDS,
      checkoutLeaseMs: LEASE_MS,
      refundApprovalAbove: { EUR: REFUND_APPROVAL_ABOVE },
      now: clock.now,
      // A cancellation waiting for a capture lets the other steps run instead of sleeping.
      sleep: () => new Promise((resolve) => setImmediate(resolve)),
    },
  );
  table.seedSku({
    sku: SKU,
    productId: PRODUCT_ID,
    title: 'Checkout tee — M',
    weightGrams: 250,
    published: true,
    productVersion: 1,
  });
  peers.prices.set(SKU, UNIT_PRICE);
  peers.stock.set(SKU, 5);

  /** A guest cart with `quantity` of the SKU, an email, an address and the method: ready for checkout. */
  async function readyGuestCart(quantity = 2) {
    const { cart, secret } = await useCases.carts.createGuestCart('EUR', context.correlationId);
    const access: CartAccess = { kind: 'guest', cartId: cart.record.cart.id, secret };
    await useCases.carts.addLine(access, SKU, quantity, context.correlationId);
    await useCases.carts.updateCart(
      access,
      { email: 'ada@example.com', shippingAddress: ADDRESS, shippingMethod: STANDARD_SHIPPING.methodId },
      context.correlationId,
    );
    return { cartId: cart.record.cart.id, access };
  }

  return { clock, table, peers, ...useCases, readyGuestCart };
}

/** What a cart of `quantity` units costs: the units, shipping, and 10 % tax on both. */
export function grandTotalOf(quantity: number): number {
  const goods = quantity * UNIT_PRICE;
  const shipping = STANDARD_SHIPPING.price;
  return goods + shipping + Math.round(goods / 10) + Math.round(shipping / 10);
}

/** The domain error `promise` is refused with; fails when it settles or fails otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
