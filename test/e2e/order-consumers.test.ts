// The consumers of the orders service's events end to end on the local cloud: order.paid and order.cancelled
// are published onto the bus as the orders service will (PutEvents, source commerce.orders, details valid
// against the catalog), and their effects are checked through the services' own API and internal functions:
// inventory commits or releases the order's reservation, shipping creates the shipment shp_<orderId>,
// payment voids the authorization or refunds what is due; a repeated event (new event id) changes nothing.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { OrderCancelled, OrderPaid } from '@commerce/events';
import { EMULATOR_ENDPOINT, REGION } from '@commerce/local-cloud';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  ensureGermanShipping,
  eventually,
  GERMAN_METHOD,
  listenOnBus,
  publishEvent,
  signIn,
  stackOutput,
  unique,
  type BusEvent,
} from './support.ts';
import { MUNICH_ADDRESS } from '../fixtures/germany.ts';

const lambda = new LambdaClient({
  endpoint: EMULATOR_ENDPOINT,
  region: REGION,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

interface Problem {
  error: { status: number; type: string; detail: string };
}

/** Invokes an internal function by its stack output (`<Service><Name>FunctionName`). */
async function invoke<T>(output: string, payload: unknown): Promise<T> {
  const out = await lambda.send(
    new InvokeCommand({
      FunctionName: stackOutput((k) => k === `${output}FunctionName`),
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
  const text = Buffer.from(out.Payload ?? []).toString();
  expect(out.FunctionError, text).toBeUndefined();
  const result = JSON.parse(text) as T | Problem;
  if (typeof result === 'object' && result !== null && 'error' in result) {
    throw new Error(`${output}: ${JSON.stringify(result.error)}`);
  }
  return result;
}

interface Reservation {
  id: string;
  status: string;
  releaseReason?: string;
}
interface Payment {
  id: string;
  status: string;
  capturedAmount: number;
  refundedAmount: number;
}

const SHIP_TO = MUNICH_ADDRESS;

function orderRef(orderId: string) {
  return {
    orderId,
    number: `CM-2026-${orderId.slice(-6)}`,
    customerId: null,
    currency: 'EUR',
    contact: { email: 'shopper@example.com', name: 'Erika Mustermann', smsUpdates: false },
  };
}

let staff: ReturnType<typeof client>;
let warehouseId: string;
let listener: Awaited<ReturnType<typeof listenOnBus>>;

const eventsOf = (type: string, match: (data: Record<string, unknown>) => boolean): BusEvent[] =>
  listener.seen().filter((e) => e['detail-type'] === type && match(e.detail.data));
const seen = (type: string, match: (data: Record<string, unknown>) => boolean) =>
  listener.waitFor((e) => e['detail-type'] === type && match(e.detail.data), type);

async function totalsOf(sku: string) {
  const res = await staff.GET('/stock/{sku}', { params: { path: { sku } } });
  expect(res.response.status, JSON.stringify(res.error)).toBe(200);
  return res.data!.totals;
}

/** A SKU with `units` on hand in the test warehouse, and a reservation of `quantity` for a new order. */
async function reservedOrder(units: number, quantity: number) {
  const sku = unique('tee');
  const received = await staff.POST('/stock/{sku}/adjustments', {
    params: { path: { sku } },
    body: { warehouseId, delta: units, reason: 'received' },
  });
  expect(received.response.status, JSON.stringify(received.error)).toBe(201);
  const orderId = unique('ord');
  const lines = [{ sku, quantity }];
  const { reservation } = await invoke<{ reservation: Reservation }>('InventoryReserve', { orderId, lines });
  expect(reservation.status).toBe('held');
  return { sku, orderId, lines };
}

/** The reservation as stored: reserve answers the existing one (created: false) and changes nothing. */
async function reservationOf(orderId: string, lines: { sku: string; quantity: number }[]) {
  const out = await invoke<{ reservation: Reservation; created: boolean }>('InventoryReserve', {
    orderId,
    lines,
  });
  expect(out.created).toBe(false);
  return out.reservation;
}

async function authorized(orderId: string, amount: number) {
  const paymentId = unique('pay');
  const { payment } = await invoke<{ payment: Payment }>('PaymentAuthorize', {
    paymentId,
    orderId,
    amount,
    currency: 'EUR',
    paymentMethodToken: 'tok_sandbox_approve',
  });
  expect(payment.status).toBe('authorized');
  return paymentId;
}

beforeAll(async () => {
  let token: string;
  [token, listener] = await Promise.all([
    signIn(['staff']),
    listenOnBus({ source: ['commerce.inventory', 'commerce.payment', 'commerce.shipping'] }),
  ]);
  staff = client(token);
  warehouseId = unique('wh');
  const warehouse = await staff.PUT('/warehouses/{id}', {
    params: { path: { id: warehouseId } },
    body: { name: 'Order consumers', country: 'DE' },
  });
  expect(warehouse.response.status, JSON.stringify(warehouse.error)).toBe(200);

  await ensureGermanShipping(staff);
});

afterAll(async () => {
  await listener.close();
});

describe('order.paid', () => {
  it('commits the reservation and creates the shipment, once however often it comes', async () => {
    const { sku, orderId, lines } = await reservedOrder(5, 2);
    expect(await totalsOf(sku)).toEqual({ onHand: 5, reserved: 2, available: 3 });
    const paymentId = await authorized(orderId, 2599);
    const paid = {
      ...orderRef(orderId),
      paymentId,
      capturedAmount: 2599,
      lines,
      shipTo: SHIP_TO,
      shippingMethod: GERMAN_METHOD.id,
      totalWeightGrams: 400,
    };

    await publishEvent(OrderPaid, paid, { correlationId: orderId });

    const shipmentId = `shp_${orderId}`;
    const shipment = await eventually(
      async () => {
        const res = await staff.GET('/shipments/{id}', { params: { path: { id: shipmentId } } });
        return res.response.status === 200 ? res.data : undefined;
      },
      60_000,
      `shipment ${shipmentId}`,
    );
    expect(shipment).toMatchObject({
      id: shipmentId,
      orderId,
      status: 'created',
      methodId: GERMAN_METHOD.id,
    });
    await seen('inventory.committed', (d) => d.orderId === orderId);
    expect((await reservationOf(orderId, lines)).status).toBe('committed');
    expect(await totalsOf(sku)).toEqual({ onHand: 3, reserved: 0, available: 3 });

    await publishEvent(OrderPaid, paid, { correlationId: orderId });
    await listener.drain(8000);

    expect(eventsOf('shipment.created', (d) => d.orderId === orderId)).toHaveLength(1);
    expect(eventsOf('inventory.committed', (d) => d.orderId === orderId)).toHaveLength(1);
    expect(await totalsOf(sku)).toEqual({ onHand: 3, reserved: 0, available: 3 });
    const again = await staff.GET('/shipments/{id}', { params: { path: { id: shipmentId } } });
    expect(again.data).toMatchObject({ id: shipmentId, version: shipment.version });
  });
});

describe('order.cancelled', () => {
  it('releases the reservation and voids the open authorization', async () => {
    const { sku, orderId, lines } = await reservedOrder(4, 3);
    const paymentId = await authorized(orderId, 4500);

    await publishEvent(
      OrderCancelled,
      {
        ...orderRef(orderId),
        previousStatus: 'pending_payment',
        reason: 'customer_request',
        paymentId,
        paymentStatus: 'authorized',
        refundDue: 0,
        lines,
      },
      { correlationId: orderId },
    );

    const voided = await seen('payment.voided', (d) => d.paymentId === paymentId);
    expect(voided.detail.data).toMatchObject({ paymentId, orderId });
    const released = await seen('inventory.released', (d) => d.orderId === orderId);
    expect(released.detail.data).toMatchObject({ reason: 'order_cancelled', previousStatus: 'held' });
    expect(await reservationOf(orderId, lines)).toMatchObject({
      status: 'released',
      releaseReason: 'order_cancelled',
    });
    expect(await totalsOf(sku)).toEqual({ onHand: 4, reserved: 0, available: 4 });
  });

  it('releases for payment_failed when the payment timed out, and ignores an order without payment', async () => {
    const { sku, orderId, lines } = await reservedOrder(2, 1);

    await publishEvent(
      OrderCancelled,
      {
        ...orderRef(orderId),
        previousStatus: 'pending_payment',
        reason: 'payment_timeout',
        paymentId: null,
        paymentStatus: 'failed',
        refundDue: 0,
        lines,
      },
      { correlationId: orderId },
    );

    await seen('inventory.released', (d) => d.orderId === orderId && d.reason === 'payment_failed');
    expect(await totalsOf(sku)).toEqual({ onHand: 2, reserved: 0, available: 2 });
  });

  it('refunds what is due once, even when the event comes twice', async () => {
    const orderId = unique('ord');
    const paymentId = await authorized(orderId, 3100);
    const { payment: captured } = await invoke<{ payment: Payment }>('PaymentCapture', { paymentId });
    expect(captured).toMatchObject({ status: 'captured', capturedAmount: 3100 });
    const cancelled = {
      ...orderRef(orderId),
      previousStatus: 'paid',
      reason: 'staff',
      paymentId,
      paymentStatus: 'captured',
      refundDue: 3100,
      lines: [{ sku: unique('tee'), quantity: 1 }],
    };

    await publishEvent(OrderCancelled, cancelled, { correlationId: orderId });
    await publishEvent(OrderCancelled, cancelled, { correlationId: orderId });

    const refunded = await seen('payment.refunded', (d) => d.paymentId === paymentId);
    expect(refunded.detail.data).toMatchObject({ paymentId, orderId, amount: 3100 });
    await listener.drain(8000);
    expect(eventsOf('payment.refunded', (d) => d.paymentId === paymentId)).toHaveLength(1);
    // The same refund asked again answers the stored payment: refunded once, in full.
    const { payment } = await invoke<{ payment: Payment }>('PaymentRefund', {
      paymentId,
      amount: 3100,
      refundId: `${orderId}-cancel`,
    });
    expect(payment).toMatchObject({ status: 'refunded', capturedAmount: 3100, refundedAmount: 3100 });
  });
});
