// Fixtures for the end-to-end tests that take orders: a warehouse, a country's tax, a priced and stocked
// product that orders already sells, a guest cart ready for checkout, the checkout call, waiting for an order's
// status, the sandbox carrier's signed webhook, a delivery as the review service hears of it and the mails
// in the emulator's SES outbox. Every call goes
// through the deployed API (or the emulator's own record of sent mail); nothing here stands in for a service.
import { type CommerceClient } from '@commerce/api-client';
import { OrderDelivered } from '@commerce/events';
import { EMULATOR_ENDPOINT } from '@commerce/local-cloud';
import { randomInt, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { LOCAL_SANDBOX_WEBHOOK_SECRET as CARRIER_SECRET } from '../../functions/shipping/carrier-registry.ts';
import { sandboxCarrierWebhook } from '../../functions/shipping/carriers/sandbox.ts';
import { GERMAN_METHOD, MUNICH_ADDRESS } from '../fixtures/germany.ts';
import { api, apiUrl, eventually, publishEvent, unique } from './support.ts';

/** An order as staff read it (GET /orders/{id}), the fields these tests look at. */
export interface Order {
  id: string;
  number: string;
  status: string;
  customerId: string | null;
  lines: { sku: string; quantity: number; unitPrice: number; title: string }[];
  totals: { grandTotal: number; shipping: number; taxTotal: number; taxIncluded: boolean };
  payment: {
    id: string;
    provider: string;
    status: string;
    capturedAmount: number;
    refundedAmount: number;
    intentId?: string;
  };
  shipment?: { id: string; trackingNumber: string; carrier?: string; status: string };
  refunds?: { id: string; amount: number; status: string; actor: string }[];
  history: { status: string; reason?: string }[];
}

/** Awaits a typed-client call, expects `status` and answers its data. */
export async function ok(
  res: Promise<{ response: Response; error?: unknown; data?: unknown }>,
  status = 200,
): Promise<unknown> {
  const r = await res;
  expect(r.response.status, JSON.stringify(r.error)).toBe(status);
  return r.data;
}

/** A new warehouse in `country`; answers its id. */
export async function newWarehouse(staff: CommerceClient, name: string, country: string): Promise<string> {
  const id = unique('wh');
  await ok(staff.PUT('/warehouses/{id}', { params: { path: { id } }, body: { name, country } }));
  return id;
}

/**
 * `country` taxed at the standard and reduced rates given (parts per million), prices including tax, every
 * other country's rules kept. The table is shared by every test file: retried when another changed it
 * between our read and our write.
 */
export async function ensureTax(
  staff: CommerceClient,
  country: string,
  rates: { readonly standard: number; readonly reduced: number },
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = (await staff.GET('/tax-rules')).data!;
    const put = await staff.PUT('/tax-rules', {
      body: {
        version: current.version,
        rules: [
          ...current.rules.filter((r) => r.country !== country),
          { country, taxClass: 'standard', ratePpm: rates.standard },
          { country, taxClass: 'reduced', ratePpm: rates.reduced },
        ],
        modes: [...current.modes.filter((m) => m.country !== country), { country, mode: 'inclusive' }],
      },
    });
    if (put.data) return;
    if (put.response.status !== 409 || attempt === 3) {
      throw new Error(`PUT /tax-rules: ${put.response.status}`);
    }
  }
}

/** Germany as pricing.test.ts sets it: 19 % and 7 %, prices include tax. */
export const ensureGermanTax = (staff: CommerceClient): Promise<void> =>
  ensureTax(staff, 'DE', { standard: 190_000, reduced: 70_000 });

export interface ProductSpec {
  readonly warehouseId: string;
  /** Units received into the warehouse. */
  readonly units: number;
  /** EUR, minor units. */
  readonly price: number;
  /** Prefix of the handle; the SKU is `<handle>-one`. */
  readonly prefix: string;
  readonly title: string;
  readonly weightGrams?: number;
}

/** A published one-variant product, priced in EUR and stocked, once orders sells it; answers its SKU. */
export async function stockedProduct(staff: CommerceClient, spec: ProductSpec): Promise<string> {
  const handle = unique(spec.prefix);
  const sku = `${handle}-one`;
  await ok(
    staff.POST('/products', {
      body: {
        handle,
        title: spec.title,
        description: `${spec.title}, for end-to-end tests.`,
        status: 'published',
        categoryIds: [],
        attributes: {},
        options: [],
        variants: [{ sku, title: 'One size', optionValues: {}, weightGrams: spec.weightGrams ?? 250 }],
        media: [],
      },
    }),
    201,
  );
  await ok(
    staff.PUT('/prices/{sku}', {
      params: { path: { sku } },
      body: { version: 0, prices: { EUR: { amount: spec.price, sales: [] } } },
    }),
  );
  await ok(
    staff.POST('/stock/{sku}/adjustments', {
      params: { path: { sku } },
      body: { warehouseId: spec.warehouseId, delta: spec.units, reason: 'received' },
    }),
    201,
  );
  await cartHolding(sku);
  return sku;
}

/**
 * A new guest cart in `currency` holding one `sku`, made once orders sells it: orders learns a SKU from
 * product.created, so this waits until a cart takes it.
 */
export async function cartHolding(sku: string, currency = 'EUR') {
  let last = '';
  return eventually(
    async () => {
      const cart = await guestCart(currency);
      const added = await api('POST', `/carts/${cart.id}/lines`, { sku, quantity: 1 }, cart.headers);
      last = `${added.status} ${JSON.stringify(added.body)}`;
      return added.status === 200 ? cart : undefined;
    },
    60_000,
    // What the cart last answered, for when it never takes the SKU.
    () => `a cart in ${currency} to take ${sku} (last answer: ${last})`,
  );
}

export const guestHeaders = (secret: string): Record<string, string> => ({ 'x-cart-secret': secret });

/** A new, empty guest cart with the headers that open it. */
export async function guestCart(
  currency = 'EUR',
): Promise<{ id: string; secret: string; headers: Record<string, string> }> {
  const created = await api('POST', '/carts', { currency });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { cart, secret } = created.body as { cart: { id: string }; secret: string };
  return { id: cart.id, secret, headers: guestHeaders(secret) };
}

export interface CartSpec {
  readonly email?: string;
  /** @default MUNICH_ADDRESS */
  readonly address?: Record<string, string>;
  /** @default GERMAN_METHOD.id */
  readonly methodId?: string;
}

/** A guest cart with `quantity` of `sku`, an email, the address and the method: ready for checkout. */
export async function readyGuestCart(sku: string, quantity = 1, spec: CartSpec = {}) {
  const { id, secret, headers } = await guestCart();
  const email = spec.email ?? `${unique('guest')}@example.com`;
  const added = await api('POST', `/carts/${id}/lines`, { sku, quantity }, headers);
  expect(added.status, JSON.stringify(added.body)).toBe(200);
  const patched = await api(
    'PATCH',
    `/carts/${id}`,
    {
      email,
      shippingAddress: spec.address ?? MUNICH_ADDRESS,
      shippingMethod: spec.methodId ?? GERMAN_METHOD.id,
    },
    headers,
  );
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  return { id, secret, headers, email, view: patched.body as Record<string, unknown> };
}

/** POST /carts/{id}/checkout with the sandbox `token` under `key`; `extra` joins the body. */
export function checkout(
  cartId: string,
  headers: Record<string, string>,
  token: string,
  key: string = randomUUID(),
  extra: Record<string, unknown> = {},
) {
  return api(
    'POST',
    `/carts/${cartId}/checkout`,
    { payment: { token }, ...extra },
    { ...headers, 'idempotency-key': key },
  );
}

export async function orderOf(staff: CommerceClient, id: string): Promise<Order> {
  return (await ok(staff.GET('/orders/{id}', { params: { path: { id } } }))) as Order;
}

/** The order once it has `status` (polled through the API). */
export async function orderReaches(
  staff: CommerceClient,
  id: string,
  status: string,
  timeoutMs = 60_000,
): Promise<Order> {
  return eventually(
    async () => {
      const order = await orderOf(staff, id);
      return order.status === status ? order : undefined;
    },
    timeoutMs,
    `order ${id} ${status}`,
  );
}

/** The sandbox carrier's signed webhook moving the parcel `trackingNumber` on. */
export async function carrierWebhook(trackingNumber: string, status: 'in_transit' | 'delivered') {
  const { body, headers } = sandboxCarrierWebhook(
    { id: `evt-${randomUUID()}`, trackingNumber, status, at: new Date().toISOString() },
    CARRIER_SECRET,
  );
  const res = await fetch(`${apiUrl()}/webhooks/carriers/sandbox`, { method: 'POST', headers, body });
  expect(res.status, await res.clone().text()).toBe(200);
}

export interface SentMail {
  Source: string;
  To: string[];
  Subject?: string;
}

/** The mails the emulator's SES sent to `address` (from `sender` only, when given). */
export async function mailsTo(address: string, sender?: string): Promise<SentMail[]> {
  const res = await fetch(`${EMULATOR_ENDPOINT}/_ministack/ses/messages`);
  const body = (await res.json()) as { messages: Record<string, SentMail[]> };
  return Object.values(body.messages)
    .flat()
    .filter((m) => m.To.includes(address) && (sender === undefined || m.Source === sender));
}

/**
 * order.delivered for `customerId`'s order (null: a guest's) of `productIds`, put on the bus as the orders
 * service sends it: the review service lets the buyer review the products (a verified purchase) and asks for
 * reviews later; notifications mails the delivery. Answers the order's id.
 */
export async function announceDelivery(
  customerId: string | null,
  productIds: string | readonly string[],
  email?: string,
): Promise<string> {
  const orderId = randomUUID();
  const ids = typeof productIds === 'string' ? [productIds] : productIds;
  await publishEvent(OrderDelivered, {
    orderId,
    number: `CM-2026-${String(randomInt(100_000, 999_999))}`,
    customerId,
    currency: 'EUR',
    contact: {
      email: email ?? `${unique('buyer')}@example.com`,
      name: 'Erika Mustermann',
      locale: 'en',
      smsUpdates: false,
    },
    lines: ids.map((productId, i) => ({
      sku: `${productId}-S`,
      quantity: 1,
      title: `Review tee ${i + 1}`,
      productId,
    })),
  });
  return orderId;
}
