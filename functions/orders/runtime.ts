// Module-scope wiring shared by the orders service's handlers and consumers: validated env, the store and
// the service built on it, once per cold start. Peer function names are set only on the functions that
// call them (infra/services/orders.ts), so each is optional here and checked where it is used.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod';
import { Orders } from './orders.ts';
import { OrdersStore } from './store.ts';

const env = loadEnv(
  z.object({
    TABLE_NAME: z.string().min(1),
    PRICING_QUOTE_FUNCTION: z.string().min(1).optional(),
    SHIPPING_QUOTE_RATES_FUNCTION: z.string().min(1).optional(),
    INVENTORY_RESERVE_FUNCTION: z.string().min(1).optional(),
    PAYMENT_AUTHORIZE_FUNCTION: z.string().min(1).optional(),
    PAYMENT_CAPTURE_FUNCTION: z.string().min(1).optional(),
    PAYMENT_VOID_FUNCTION: z.string().min(1).optional(),
    PAYMENT_REFUND_FUNCTION: z.string().min(1).optional(),
    ORDERS_HOME_COUNTRY: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .default('DE'),
    ORDERS_DEFAULT_CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('EUR'),
    ORDERS_HOLD_SECONDS: z.coerce.number().int().min(60).default(900),
  }),
);

/** A peer this function was not wired to call: a wiring bug, reported by name. */
const peer = (name: string, value: string | undefined): string => value ?? `unwired:${name}`;

export const store = new OrdersStore(createDocumentClient(), env.TABLE_NAME);

export const orders = new Orders(store, {
  peers: {
    quote: peer('PRICING_QUOTE_FUNCTION', env.PRICING_QUOTE_FUNCTION),
    quoteRates: peer('SHIPPING_QUOTE_RATES_FUNCTION', env.SHIPPING_QUOTE_RATES_FUNCTION),
    reserve: peer('INVENTORY_RESERVE_FUNCTION', env.INVENTORY_RESERVE_FUNCTION),
    authorize: peer('PAYMENT_AUTHORIZE_FUNCTION', env.PAYMENT_AUTHORIZE_FUNCTION),
    capture: peer('PAYMENT_CAPTURE_FUNCTION', env.PAYMENT_CAPTURE_FUNCTION),
    void: peer('PAYMENT_VOID_FUNCTION', env.PAYMENT_VOID_FUNCTION),
    refund: peer('PAYMENT_REFUND_FUNCTION', env.PAYMENT_REFUND_FUNCTION),
  },
  homeCountry: env.ORDERS_HOME_COUNTRY,
  defaultCurrency: env.ORDERS_DEFAULT_CURRENCY,
  holdSeconds: env.ORDERS_HOLD_SECONDS,
  // Longer than the checkout function's timeout, so a lease never runs out under a live attempt.
  checkoutLeaseMs: 60_000,
});
