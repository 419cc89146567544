// The payment service's HTTP contract: the gateways' webhook route. The OpenAPI document is generated from
// this (see scripts/generate-openapi.ts). The body is the gateway's own format, read raw (its signature
// covers the exact bytes), so the contract declares no body schema.
import { defineContract } from '@commerce/lambda-kit/contract';
import * as z from 'zod';
import { webhookParams } from './schemas.ts';

export const paymentContract = defineContract({
  'POST /webhooks/payments/{provider}': {
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
        .meta({ id: 'PaymentWebhookReceipt' }),
    },
    errors: [422],
  },
});
