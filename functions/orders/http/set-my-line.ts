// PUT /me/cart/lines/{sku} (customer): sets a line's quantity.
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartAnswer, customer } from './support.ts';

export const handler = httpRoute({
  ...ordersRoutes['PUT /me/cart/lines/{sku}'],
  handler: async ({ principal, params, body, correlationId }) =>
    cartAnswer(await carts.setLineQuantity(customer(principal), params.sku, body.quantity, correlationId)),
});
