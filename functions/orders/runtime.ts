// Module-scope wiring shared by the orders service's handlers and consumers: validated env, the store, the
// peers' clients (peers.ts) and the service built on them, once per cold start.
import { createDocumentClient } from '@commerce/lambda-kit/clients';
import { loadEnv } from '@commerce/lambda-kit/env';
import * as z from 'zod';
import { Orders } from './orders.ts';
import { peers } from './peers.ts';
import { OrdersStore } from './store.ts';

const env = loadEnv(
  z.object({
    TABLE_NAME: z.string().min(1),
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

export const store = new OrdersStore(createDocumentClient(), env.TABLE_NAME);

export const orders = new Orders(store, {
  peers,
  homeCountry: env.ORDERS_HOME_COUNTRY,
  defaultCurrency: env.ORDERS_DEFAULT_CURRENCY,
  holdSeconds: env.ORDERS_HOLD_SECONDS,
  // Longer than the checkout function's timeout, so a lease never runs out under a live attempt.
  checkoutLeaseMs: 60_000,
});
