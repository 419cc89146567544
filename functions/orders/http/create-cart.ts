// POST /carts (public): a guest cart and the secret that opens it (shown once).
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { orders } from '../runtime.ts';
import { cartView } from '../views.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /carts'],
  handler: async ({ body, correlationId }) => {
    const { record, secret } = await orders.createGuestCart(body.currency);
    return {
      status: 201,
      body: { cart: cartView(record, await orders.priceCart(record, correlationId)), secret },
    };
  },
});
