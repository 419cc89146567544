// Shapes shared by the payment.* events: which payment of which order, at which gateway.
import * as z from 'zod/mini';

/** Every payment event names the payment, its order, the gateway and (once it answered) the gateway's id. */
export const paymentRefShape = {
  /** Our payment id (the orders service chose it when it asked for the authorization). */
  paymentId: z.string().check(z.minLength(1)),
  orderId: z.string().check(z.minLength(1)),
  /** The gateway: `sandbox` or `stripe`. */
  provider: z.string().check(z.minLength(1)),
  /** The gateway's id of the payment (a PaymentIntent id, `sbx_pi_…`); absent if it never answered. */
  providerRef: z.optional(z.string().check(z.minLength(1))),
  /** ISO 4217, upper case. */
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
};

/** A positive or zero number of minor units of `currency`. */
export const minorUnits = z.number().check(z.int(), z.nonnegative());
