// review.requested: some days after an order was delivered, its buyer is asked to review what they have not
// reviewed yet (unless they opted out). Notifications sends the email; it asks the review service for a guest's
// signed link itself (internal `review.invitation`), so no credential travels on the bus.
import * as z from 'zod/mini';
import { defineEvent } from '../envelope.ts';
import { orderContactSchema } from '../orders/shared.ts';

export const ReviewRequested = defineEvent({
  producer: 'review',
  detailType: 'review.requested',
  version: 1,
  description:
    'A delivered order’s buyer is asked to review its products they have not reviewed yet (sent once per ' +
    'order, on a schedule some days after delivery, unless they opted out of review requests).',
  data: z.strictObject({
    orderId: z.string().check(z.minLength(1)),
    /** The human-readable number (`CM-2026-000123`). */
    number: z.string().check(z.minLength(1)),
    /** Null for a guest checkout: the email then carries the guest's signed link to review. */
    customerId: z.nullable(z.string().check(z.minLength(1))),
    contact: orderContactSchema,
    products: z
      .array(z.strictObject({ productId: z.string().check(z.minLength(1)), title: z.string() }))
      .check(z.minLength(1)),
  }),
});
