// No mail or SMS for a checkout whose payment was never authorized: real guest checkouts through the API
// with the sandbox gateway, the mail read back from the emulator's SES outbox and the SMS from its SNS
// record. A declined card sends nothing to the address or number the shopper typed; an approved one sends
// exactly one confirmation by each channel once the payment is captured.
import { EMULATOR_ENDPOINT } from '@commerce/local-cloud';
import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_TOKENS } from '../../functions/payment/providers/sandbox.ts';
import { loadStageConfig } from '../../infra/config/stages.ts';
import { MUNICH_ADDRESS } from '../fixtures/germany.ts';
import { api, client, ensureGermanShipping, eventually, GERMAN_METHOD, signIn, unique } from './support.ts';

const { sender } = loadStageConfig('local').notifications;

let staff: ReturnType<typeof client>;
let warehouseId: string;

async function mailsTo(to: string): Promise<{ Subject: string }[]> {
  const res = await fetch(`${EMULATOR_ENDPOINT}/_ministack/ses/messages`);
  const body = (await res.json()) as {
    messages: Record<string, { Source: string; To: string[]; Subject: string }[]>;
  };
  return Object.values(body.messages)
    .flat()
    .filter((m) => m.Source === sender && m.To.includes(to));
}

async function smsTo(phone: string): Promise<{ Message: string }[]> {
  const res = await fetch(
    `${EMULATOR_ENDPOINT}/_ministack/sns/sms-messages?phoneNumber=${encodeURIComponent(phone)}`,
  );
  const body = (await res.json()) as { sms_messages: Record<string, { Message: string }[]> };
  return body.sms_messages[phone] ?? [];
}

/** A published product with a price and stock that orders already sells. */
async function product(units: number): Promise<string> {
  const handle = unique('ntf');
  const sku = `${handle}-one`;
  const created = await staff.POST('/products', {
    body: {
      handle,
      title: 'Notification tee',
      description: 'For notification tests.',
      status: 'published',
      categoryIds: [],
      attributes: {},
      options: [],
      variants: [{ sku, title: 'One size', optionValues: {}, weightGrams: 250 }],
      media: [],
    },
  });
  expect(created.response.status).toBe(201);
  const priced = await staff.PUT('/prices/{sku}', {
    params: { path: { sku } },
    body: { version: 0, prices: { EUR: { amount: 1_999, sales: [] } } },
  });
  expect(priced.response.status).toBe(200);
  const stocked = await staff.POST('/stock/{sku}/adjustments', {
    params: { path: { sku } },
    body: { warehouseId, delta: units, reason: 'received' },
  });
  expect(stocked.response.status).toBe(201);
  return sku;
}

/** A guest cart for someone else's address and number, opted in to SMS, ready for checkout. */
async function strangerCart(sku: string) {
  const email = `${unique('stranger')}@example.com`;
  const phone = `+49171${String(randomInt(10_000_000, 99_999_999))}`;
  const headers = await eventually(async () => {
    const res = await api('POST', '/carts', { currency: 'EUR' });
    const { cart, secret } = res.body as { cart: { id: string }; secret: string };
    const h = { 'x-cart-secret': secret };
    const added = await api('POST', `/carts/${cart.id}/lines`, { sku, quantity: 1 }, h);
    // Orders learns the SKU from product.created.
    return added.status === 200 ? { id: cart.id, h } : undefined;
  }, 60_000);
  const patched = await api(
    'PATCH',
    `/carts/${headers.id}`,
    { email, shippingAddress: { ...MUNICH_ADDRESS, phone }, shippingMethod: GERMAN_METHOD.id },
    headers.h,
  );
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const checkout = (token: string) =>
    api(
      'POST',
      `/carts/${headers.id}/checkout`,
      { payment: { token }, smsUpdates: true, locale: 'en' },
      { ...headers.h, 'idempotency-key': randomUUID() },
    );
  return { email, phone, checkout };
}

/** Germany taxed as checkout.test.ts sets it (the table is shared: retry when another test changed it). */
async function ensureGermanTax(): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const current = (await staff.GET('/tax-rules')).data!;
    const put = await staff.PUT('/tax-rules', {
      body: {
        version: current.version,
        rules: [
          ...current.rules.filter((r) => r.country !== 'DE'),
          { country: 'DE', taxClass: 'standard', ratePpm: 190_000 },
          { country: 'DE', taxClass: 'reduced', ratePpm: 70_000 },
        ],
        modes: [...current.modes.filter((m) => m.country !== 'DE'), { country: 'DE', mode: 'inclusive' }],
      },
    });
    if (put.data) return;
    if (put.response.status !== 409 || attempt === 3)
      throw new Error(`PUT /tax-rules: ${put.response.status}`);
  }
}

beforeAll(async () => {
  staff = client(await signIn(['staff']));
  await ensureGermanTax();
  warehouseId = unique('wh');
  const wh = await staff.PUT('/warehouses/{id}', {
    params: { path: { id: warehouseId } },
    body: { name: 'Notifications', country: 'DE' },
  });
  expect(wh.response.status).toBe(200);
  await ensureGermanShipping(staff);
}, 120_000);

describe('checkout notifications', () => {
  it('send nothing for a declined card, and exactly one mail and one SMS for an approved one', async () => {
    const sku = await product(5);
    const declinedCart = await strangerCart(sku);
    const approvedCart = await strangerCart(sku);

    const declined = await declinedCart.checkout(SANDBOX_TOKENS.decline);
    expect(declined.status, JSON.stringify(declined.body)).toBe(402);
    const approved = await approvedCart.checkout(SANDBOX_TOKENS.approve);
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    const { order } = approved.body as { order: { id: string; number: string } };

    // The approved order's confirmation arrives once its payment is captured (order.paid) ...
    const confirmation = `Payment received for order ${order.number}`;
    await eventually(
      async () => (await mailsTo(approvedCart.email)).find((m) => m.Subject === confirmation),
      60_000,
      `the confirmation to ${approvedCart.email}`,
    );
    const paymentSms = async () =>
      (await smsTo(approvedCart.phone)).filter((m) => m.Message.includes('payment of'));
    await eventually(async () => (await paymentSms())[0], 60_000, 'the confirmation SMS');
    // ... and the declined one, whose order.created and order.cancelled went out before that, sent nothing.
    // Time for a straggler, had one been sent.
    await new Promise((r) => setTimeout(r, 8_000));
    expect(await mailsTo(declinedCart.email)).toEqual([]);
    expect(await smsTo(declinedCart.phone)).toEqual([]);
    // Exactly one confirmation (later mails are about the parcel: label issued, delivered).
    const subjects = (await mailsTo(approvedCart.email)).map((m) => m.Subject);
    expect(subjects.filter((s) => s === confirmation)).toHaveLength(1);
    expect(subjects.filter((s) => !/has shipped|delivered/.test(s))).toEqual([confirmation]);
    expect(await paymentSms()).toHaveLength(1);
  });
});
