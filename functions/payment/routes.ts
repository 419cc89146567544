// The payment service's routes, each declared once: its handler, who may call it, what it calls, the schemas
// the handler validates with and the response it gives. The API, the OpenAPI document and the authorizer's
// route table are built from these entries (scripts/generate.ts). The gateways' webhook route; its body is
// the gateway's own format, read raw (its signature covers the exact bytes), so the route declares no body
// schema.
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';
import { webhookParams } from './schemas.ts';

export const paymentRoutes = defineRoutes('payment', {
  'POST /webhooks/payments/{provider}': {
    entry: 'http/webhook.ts',
    access: 'public',
    summary:
      'A payment gateway’s webhook (sandbox, stripe), authenticated by its signature; applied once per event.',
    rawBody: true,
    permissions: ['gatewaySecret'],
    params: webhookParams,
    maxBodyBytes: 256 * 1024,
    response: {
      status: 200,
      description:
        'The delivery was verified and taken: applied, a duplicate of one already applied, stale, ignored (an ' +
        'event type the service does not act on) or about an unknown payment. Not provably from the gateway ' +
        '(signature missing, wrong or older than five minutes): 401. Signed but unreadable: 400. A refund ' +
        'reported before its capture: 503 `webhook-deferred`, so the gateway delivers it again later.',
      body: z
        .object({
          received: z.literal(true),
          eventId: z.string(),
          outcome: z.enum(['applied', 'duplicate', 'stale', 'ignored', 'unknown_payment']),
        })
        .check(z.meta({ id: 'PaymentWebhookReceipt' })),
    },
    errors: [401, 422, 503],
  },
});
