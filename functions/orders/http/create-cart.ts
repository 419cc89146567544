// POST /carts (public): a guest cart and the secret that opens it (shown once).
import { httpRoute } from '@commerce/lambda-kit/http';
import { ordersRoutes } from '../routes.ts';
import { carts } from '../runtime.ts';
import { cartView } from './cart-view.ts';

export const handler = httpRoute({
  ...ordersRoutes['POST /carts'],
  handler: async ({ body, correlationId }) => {
    const { cart, secret } = await carts.createGuestCart(body.currency, correlationId);
    return { status: 201, body: { cart: cartView(cart), secret } };
  },
});
