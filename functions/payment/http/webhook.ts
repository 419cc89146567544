// POST /webhooks/payments/{provider} (public: the signature is the authentication). Takes the gateway's
// delivery raw, as the signature covers the exact bytes sent; the provider verifies it (401 when not
// provably from the gateway, 400 when unreadable) and the payment applies it once (dedupe by event id).
// 200 for applied, duplicate, stale, ignored and unknown payments; 503 only to make the gateway retry.
import { httpRoute } from '@commerce/lambda-kit/http';
import { paymentRoutes } from '../routes.ts';
import { payments } from '../runtime.ts';

export const handler = httpRoute({
  ...paymentRoutes['POST /webhooks/payments/{provider}'],
  handler: async ({ params, rawBody, headers, correlationId }) => {
    const result = await payments.handleWebhook(params.provider, rawBody ?? '', headers, correlationId);
    return {
      status: 200,
      body: { received: true, eventId: result.eventId, outcome: result.outcome },
      headers: { 'cache-control': 'no-store' },
    };
  },
});
