// The shipping service's routes and the access each needs (plain data, see catalog.routes.ts). Staff keep
// the rate table and hand parcels over; anyone may quote shipping for a cart; carriers post their webhooks
// to a public route whose signature (an HMAC over the raw body) authenticates them, not a token.
import type { RouteDefinition } from '../constructs/service-definition.ts';

const dir = 'functions/shipping/http';

export const shippingRoutes: readonly RouteDefinition[] = [
  {
    method: 'PUT',
    path: '/shipping/zones/{id}',
    access: 'staff',
    handler: `${dir}/put-zone.ts`,
    summary: 'Create a shipping zone, or replace it at the version read.',
  },
  {
    method: 'GET',
    path: '/shipping/zones',
    access: 'staff',
    handler: `${dir}/list-zones.ts`,
    summary: 'Every shipping zone.',
    readOnly: true,
  },
  {
    method: 'PUT',
    path: '/shipping/methods/{id}',
    access: 'staff',
    handler: `${dir}/put-method.ts`,
    summary: 'Create a shipping method with its rate, or replace it at the version read.',
  },
  {
    method: 'GET',
    path: '/shipping/methods',
    access: 'staff',
    handler: `${dir}/list-methods.ts`,
    summary: 'Every shipping method with its rate.',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/shipping/rates',
    access: 'public',
    handler: `${dir}/quote-rates.ts`,
    summary: 'Quote the shipping methods and prices for a cart.',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/shipments/{id}',
    access: 'staff',
    handler: `${dir}/get-shipment.ts`,
    summary: 'A shipment with its label and tracking history.',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/shipments/{id}/ship',
    access: 'staff',
    handler: `${dir}/mark-shipped.ts`,
    summary: 'Mark a shipment shipped by hand, with its tracking number.',
  },
  {
    method: 'POST',
    path: '/webhooks/carriers/{carrier}',
    // Public on purpose: carriers hold no token; the handler verifies the carrier's HMAC signature over
    // the exact raw body (401 when it does not match) before it reads anything.
    access: 'public',
    handler: `${dir}/carrier-webhook.ts`,
    summary: 'Carrier tracking webhook, authenticated by its signature.',
  },
];
