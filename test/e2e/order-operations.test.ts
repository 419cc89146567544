// Order operations end to end on the local cloud: a staff cancellation of a fulfilling order stops the
// shipment at the sandbox carrier first (and is refused with 409, the order unchanged, once the parcel
// moves); the refund the cancellation owes is made by payment and recorded once on the order from
// payment.refunded; staff refunds above the local stage's approval limit need an admin. The capture/cancel
// interleavings are unit tests (test/unit/orders/order-operations.test.ts): the local cloud gives no way to
// hold a capture in flight deterministically.
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../functions/payment/providers/sandbox.ts';
import { api, bearer, client, ensureGermanShipping, eventually, signIn } from './support.ts';
import {
  carrierWebhook,
  checkout,
  ensureGermanTax,
  newWarehouse,
  orderOf as shopOrderOf,
  orderReaches as shopOrderReaches,
  readyGuestCart,
  stockedProduct,
  type Order,
} from './shop.ts';

/** infra/config/stages.ts, local: orders.refundApprovalAbove.EUR. */
const LOCAL_REFUND_APPROVAL_ABOVE = 10_000;

const PRICE = 1_999;

let staffToken: string;
let staff: ReturnType<typeof client>;
let warehouseId: string;

/** A published product whose SKU has a price and `units` in stock, once orders sells it. */
const product = (units: number): Promise<string> =>
  stockedProduct(staff, { warehouseId, units, price: PRICE, prefix: 'chk', title: 'Checkout tee' });
const orderOf = (id: string): Promise<Order> => shopOrderOf(staff, id);
const orderReaches = (id: string, status: string): Promise<Order> => shopOrderReaches(staff, id, status);

beforeAll(async () => {
  staffToken = await signIn(['staff']);
  adminToken = await signIn(['admin']);
  staff = client(staffToken);
  await ensureGermanTax(staff);
  warehouseId = await newWarehouse(staff, 'Checkout', 'DE');
  await ensureGermanShipping(staff);
}, 120_000);

let adminToken: string;

/** A guest order of `quantity` units, paid, with its shipment created (fulfilling). */
async function fulfillingOrder(quantity = 1): Promise<Order> {
  const sku = await product(quantity);
  const cart = await readyGuestCart(sku, quantity);
  const res = await checkout(cart.id, cart.headers, SANDBOX_TOKENS.approve);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return orderReaches((res.body as { order: Order }).order.id, 'fulfilling');
}

async function shipmentOf(orderId: string): Promise<{ status: string; trackingNumber: string }> {
  const res = await staff.GET('/shipments/{id}', { params: { path: { id: `shp_${orderId}` } } });
  expect(res.response.status).toBe(200);
  return res.data as { status: string; trackingNumber: string };
}

describe('staff cancellation of a fulfilling order', () => {
  it('stops the shipment at the carrier, cancels the order, and the refund it owes is recorded once', async () => {
    const order = await fulfillingOrder();
    const res = await api(
      'POST',
      `/orders/${order.id}/cancel`,
      { reason: 'Customer called' },
      bearer(staffToken),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'cancelled' });
    expect((await shipmentOf(order.id)).status).toBe('cancelled');

    // payment refunds refundDue on order.cancelled; payment.refunded records it on the order.
    const refunded = await eventually(async () => {
      const o = await orderOf(order.id);
      return o.payment.refundedAmount === o.totals.grandTotal ? o : undefined;
    }, 60_000);
    expect(refunded.status).toBe('cancelled');
    expect(refunded.refunds).toEqual([
      expect.objectContaining({
        id: `${order.id}-cancel`,
        amount: order.totals.grandTotal,
        status: 'succeeded',
      }),
    ]);
  });

  it('is refused once the parcel moves (409 too late, or 422 once shipped) and the order stays', async () => {
    const order = await fulfillingOrder();
    const { trackingNumber } = await shipmentOf(order.id);
    await carrierWebhook(trackingNumber, 'in_transit');
    // Shipping's record refuses while the order is still fulfilling (409); once shipment.in_transit has
    // reached the order (shipped), the state machine does (422). Either way nothing changes.
    const res = await api('POST', `/orders/${order.id}/cancel`, {}, bearer(staffToken));
    const { type } = res.body as { type: string };
    if (res.status === 409) expect(type).toBe('urn:commerce:problem:shipment-too-late-to-cancel');
    else expect([res.status, type]).toEqual([422, 'urn:commerce:problem:illegal-transition']);
    const after = await orderOf(order.id);
    expect(['fulfilling', 'shipped']).toContain(after.status);
    expect(after.payment.refundedAmount).toBe(0);
    expect((await shipmentOf(order.id)).status).toBe('in_transit');
  });
});

describe('refund approval', () => {
  it('staff above the limit get 403 refund-needs-admin and nothing moves; an admin may', async () => {
    const order = await fulfillingOrder(6);
    expect(order.totals.grandTotal).toBeGreaterThan(LOCAL_REFUND_APPROVAL_ABOVE);
    const amount = LOCAL_REFUND_APPROVAL_ABOVE + 1;

    const denied = await api('POST', `/orders/${order.id}/refunds`, { amount }, bearer(staffToken));
    expect(denied.status, JSON.stringify(denied.body)).toBe(403);
    expect((denied.body as { type: string }).type).toBe('urn:commerce:problem:refund-needs-admin');
    expect((await orderOf(order.id)).payment.refundedAmount).toBe(0);

    const allowed = await api('POST', `/orders/${order.id}/refunds`, { amount }, bearer(adminToken));
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
    expect(allowed.body).toMatchObject({
      status: 'partially_refunded',
      payment: { refundedAmount: amount },
      refunds: [{ amount, status: 'succeeded' }],
    });
    // payment.refunded for the same refund changes nothing more.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const settled = await orderOf(order.id);
    expect(settled.payment.refundedAmount).toBe(amount);
    expect(settled.refunds).toHaveLength(1);
  });
});
