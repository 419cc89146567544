// The payment service's routes (plain data, see catalog.routes.ts): only the gateways' webhooks. Public,
// because a gateway has no token of ours: the provider's signature over the raw body is the authentication,
// checked by the handler before anything is read (docs/payments.md).
import type { RouteDefinition } from '../constructs/service-definition.ts';

export const paymentRoutes: readonly RouteDefinition[] = [
  {
    method: 'POST',
    path: '/webhooks/payments/{provider}',
    access: 'public',
    handler: 'functions/payment/http/webhook.ts',
    summary:
      'A payment gateway’s webhook (sandbox, stripe), authenticated by its signature; applied once per event.',
  },
];
