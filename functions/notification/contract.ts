// The notification service's HTTP contract: per route, the schemas its handler validates with and the
// response it gives. The OpenAPI document is generated from this (see scripts/generate-openapi.ts).
import { defineContract, pageSchema } from '@commerce/lambda-kit/contract';
import * as z from 'zod';
import { NOTIFICATION_KINDS } from './templates/models.ts';
import { listNotificationsQuery } from './schemas.ts';

const delivery = z
  .object({
    eventId: z.string().describe('The event the message answered.'),
    kind: z.enum(NOTIFICATION_KINDS),
    channel: z.enum(['email', 'sms']),
    to: z.string().describe('The address or number, masked: `a***@example.com`, `+49*******678`.'),
    status: z
      .enum(['pending', 'sent', 'failed'])
      .describe('`pending`: being sent; `sent`: the provider accepted it; `failed`: it was refused.'),
    at: z.iso.datetime().describe('When the status was set.'),
    orderId: z.string(),
    orderNumber: z.string(),
  })
  .meta({ id: 'NotificationDelivery' });

export const notificationContract = defineContract({
  'GET /me/notifications': {
    query: listNotificationsQuery,
    response: {
      status: 200,
      description: 'A page of the messages sent to me, newest first; no message content.',
      body: pageSchema(delivery, 'NotificationDeliveryPage'),
    },
  },
});
