// The review service's internal functions: `invitation`, a guest buyer's signed link to review what their
// order delivered (notifications puts it in the delivery email and the review request), and `requestDue`,
// which EventBridge Scheduler invokes some days after a delivery to ask the buyer for reviews. docs/reviews.md.
import * as z from 'zod/mini';
import { correlationIdSchema, defineInternal } from './define.ts';

export const reviewInvitation = defineInternal({
  service: 'review',
  name: 'invitation',
  description: 'a guest buyer’s signed token to review what their order delivered (for their emails)',
  request: z.strictObject({
    orderId: z.string().check(z.minLength(1), z.maxLength(128)),
    correlationId: correlationIdSchema,
  }),
  reply: z.object({
    /** Goes into the storefront's `/review/<token>` link; valid until `expiresAt`. */
    token: z.string(),
    expiresAt: z.iso.datetime(),
  }),
});

export const reviewRequestDue = defineInternal({
  service: 'review',
  name: 'requestDue',
  description: 'asks a delivered order’s buyer for reviews once its schedule is due (unless they opted out)',
  request: z.strictObject({
    /** The customer's id, or `guest:<order id>`. */
    buyer: z.string().check(z.minLength(1), z.maxLength(200)),
    orderId: z.string().check(z.minLength(1), z.maxLength(128)),
    correlationId: correlationIdSchema,
  }),
  reply: z.object({ outcome: z.enum(['requested', 'opted-out', 'nothing-to-review', 'done-already']) }),
});
