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
import { client, ensureGermanShipping, eventually, signIn, unique } from './support.ts';
import { checkout, ensureGermanTax, mailsTo, newWarehouse, readyGuestCart, stockedProduct } from './shop.ts';

const { sender } = loadStageConfig('local').notifications;

let staff: ReturnType<typeof client>;
let warehouseId: string;

async function smsTo(phone: string): Promise<{ Message: string }[]> {
  const res = await fetch(
    `${EMULATOR_ENDPOINT}/_ministack/sns/sms-messages?phoneNumber=${encodeURIComponent(phone)}`,
  );
  const body = (await res.json()) as { sms_messages: Record<string, { Message: string }[]> };
  return body.sms_messages[phone] ?? [];
}

/** A published product with a price and stock that orders already sells. */
const product = (units: number): Promise<string> =>
  stockedProduct(staff, { warehouseId, units, price: 1_999, prefix: 'ntf', title: 'Notification tee' });

/** A guest cart for someone else's address and number, opted in to SMS, ready for checkout. */
async function strangerCart(sku: string) {
  const email = `${unique('stranger')}@example.com`;
  const phone = `+49171${String(randomInt(10_000_000, 99_999_999))}`;
  const cart = await readyGuestCart(sku, 1, { email, address: { ...MUNICH_ADDRESS, phone } });
  return {
    email,
    phone,
    checkout: (token: string) =>
      checkout(cart.id, cart.headers, token, randomUUID(), { smsUpdates: true, locale: 'en' }),
  };
}

beforeAll(async () => {
  staff = client(await signIn(['staff']));
  await ensureGermanTax(staff);
  warehouseId = await newWarehouse(staff, 'Notifications', 'DE');
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
      async () => (await mailsTo(approvedCart.email, sender)).find((m) => m.Subject === confirmation),
      60_000,
      `the confirmation to ${approvedCart.email}`,
    );
    const paymentSms = async () =>
      (await smsTo(approvedCart.phone)).filter((m) => m.Message.includes('payment of'));
    await eventually(async () => (await paymentSms())[0], 60_000, 'the confirmation SMS');
    // ... and the declined one, whose order.created and order.cancelled went out before that, sent nothing.
    // Time for a straggler, had one been sent.
    await new Promise((r) => setTimeout(r, 8_000));
    expect(await mailsTo(declinedCart.email, sender)).toEqual([]);
    expect(await smsTo(declinedCart.phone)).toEqual([]);
    // Exactly one confirmation (later mails are about the parcel: label issued, delivered).
    const subjects = (await mailsTo(approvedCart.email, sender)).map((m) => m.Subject ?? '');
    expect(subjects.filter((s) => s === confirmation)).toHaveLength(1);
    expect(subjects.filter((s) => !/has shipped|delivered/.test(s))).toEqual([confirmation]);
    expect(await paymentSms()).toHaveLength(1);
  });
});
