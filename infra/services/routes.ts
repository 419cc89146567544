// Every route of the API with the access it needs: the one table the Auth service enforces.
import type { RouteDefinition } from '../constructs/service-definition.ts';
import { catalogRoutes } from './catalog.routes.ts';
import { customerRoutes } from './customer.routes.ts';
import { inventoryRoutes } from './inventory.routes.ts';
import { notificationRoutes } from './notification.routes.ts';
import { ordersRoutes } from './orders.routes.ts';
import { paymentRoutes } from './payment.routes.ts';
import { pricingRoutes } from './pricing.routes.ts';
import { shippingRoutes } from './shipping.routes.ts';
import { userRoutes } from './user.routes.ts';

/** Routes of the platform itself, outside any service. */
export const platformRoutes: readonly RouteDefinition[] = [
  {
    method: 'GET',
    path: '/health',
    access: 'public',
    handler: 'functions/platform/health.ts',
    summary: 'Liveness: runs the HTTP stack and nothing else.',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/openapi.json',
    access: 'public',
    handler: 'functions/platform/openapi.ts',
    summary: 'The OpenAPI 3.1 description of this API.',
    readOnly: true,
  },
];

export const allRoutes: readonly RouteDefinition[] = [
  ...platformRoutes,
  ...catalogRoutes,
  ...customerRoutes,
  ...userRoutes,
  ...pricingRoutes,
  ...inventoryRoutes,
  ...paymentRoutes,
  ...shippingRoutes,
  ...ordersRoutes,
  ...notificationRoutes,
];
