// The notification service's routes, each declared once: its handler, who may call it, what it calls, the
// schemas the handler validates with and the response it gives. The API, the OpenAPI document and the
// authorizer's route table are built from these entries (scripts/generate.ts).
import { pageSchema } from '@commerce/lambda-kit/contract';
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';
import { NOTIFICATION_KINDS } from './templates/models.ts';
import { listNotificationsQuery } from './schemas.ts';

const delivery = z
  .object({
    eventId: z.string().check(z.describe('The event the message answered.')),
    kind: z.enum(NOTIFICATION_KINDS),
    channel: z.enum(['email', 'sms']),
    to: z.string().check(z.describe('The address or number, masked: `a***@example.com`, `+49*******678`.')),
    status: z
      .enum(['pending', 'sent', 'failed'])
      .check(
        z.describe('`pending`: being sent; `sent`: the provider accepted it; `failed`: it was refused.'),
      ),
    at: z.iso.datetime().check(z.describe('When the status was set.')),
    orderId: z.string(),
    orderNumber: z.string(),
  })
  .check(z.meta({ id: 'NotificationDelivery' }));

export const notificationRoutes = defineRoutes('notification', {
  'GET /me/notifications': {
    entry: 'http/list-my-notifications.ts',
    access: 'customer',
    summary: 'The messages sent to me (email and SMS), newest first, without their content.',
    readOnly: true,
    paginates: true,
    query: listNotificationsQuery,
    response: {
      status: 200,
      description: 'A page of the messages sent to me, newest first; no message content.',
      body: pageSchema(delivery, 'NotificationDeliveryPage'),
    },
  },
});
